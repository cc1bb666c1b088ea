// "Flash" messages without sessions: a redirect carries a known key in the query string, and the
// page shows the matching sentence. Only keys listed here are ever shown, never text from the URL.

// The sentences themselves are in src/http/i18n.ts; the flash partial translates the key.
const FLASHES = {
  saved: 'desk.flash.saved',
  created: 'desk.flash.created',
  deleted: 'desk.flash.deleted',
  linked: 'desk.flash.linked',
  unlinked: 'desk.flash.unlinked',
} as const;

export type FlashKey = keyof typeof FLASHES;

/** A path with a flash key, e.g. "/desk/claims/12?saved=1". */
export function withFlash(path: string, key: FlashKey): string {
  return `${path}${path.includes('?') ? '&' : '?'}${key}=1`;
}

/** The message key (`desk.flash.*`) of the flash sentence for a request's query string, if it carries a known key. */
export function flashFrom(query: unknown): string | null {
  if (typeof query !== 'object' || query === null) return null;
  for (const key of Object.keys(FLASHES) as FlashKey[]) {
    if (key in query) return FLASHES[key];
  }
  return null;
}
