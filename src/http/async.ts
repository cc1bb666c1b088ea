/** A route parameter as a positive integer, or null when it is not one. */
export function intParam(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  return Number(value);
}
