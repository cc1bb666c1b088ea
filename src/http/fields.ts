import { z } from 'zod';
import { isIsoDay } from '../domain/partial-date';

// Field builders shared by every form and API schema, so one rule means one thing everywhere.

// C0 control characters other than tab, newline and carriage return never belong in text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function clean(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim() : value;
}

/** Required text, trimmed, at most `max` characters. */
export function requiredText(max: number, label = 'This field') {
  return z.preprocess(
    clean,
    z.string({ message: `${label} is required.` }).min(1, `${label} is required.`).max(max, `${label} must be at most ${max} characters.`),
  );
}

/** Optional text: empty becomes null. */
export function optionalText(max: number, label = 'This field') {
  return z.preprocess(
    (v) => {
      const c = clean(v);
      return c === '' || c === undefined ? null : c;
    },
    z.string({ message: `${label} must be text.` }).max(max, `${label} must be at most ${max} characters.`).nullable(),
  );
}

/** An optional http(s) URL (never javascript: or data:); empty becomes null. */
export function optionalUrl(label = 'The URL') {
  return z.preprocess(
    (v) => {
      const c = clean(v);
      return c === '' || c === undefined ? null : c;
    },
    z
      .string({ message: `${label} must be text.` })
      .max(2000, `${label} must be at most 2000 characters.`)
      .refine((s) => {
        try {
          const u = new URL(s);
          return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
        } catch {
          return false;
        }
      }, `${label} must be a full web address starting with http:// or https://.`)
      .nullable(),
  );
}

/** An optional calendar day as YYYY-MM-DD; empty becomes null. */
export function optionalDay(label = 'The date') {
  return z.preprocess(
    (v) => {
      const c = clean(v);
      return c === '' || c === undefined ? null : c;
    },
    z
      .string({ message: `${label} must be a date.` })
      .refine(isIsoDay, `${label} must be a real day written as YYYY-MM-DD.`)
      .nullable(),
  );
}

/** An optional language code such as "nl" or "en-GB"; empty becomes null. */
export function optionalLanguage(label = 'The language') {
  return z.preprocess(
    (v) => {
      const c = clean(v);
      return c === '' || c === undefined ? null : typeof c === 'string' ? c.toLowerCase() : c;
    },
    z
      .string({ message: `${label} must be text.` })
      .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, `${label} must be a language code such as "nl" or "en".`)
      .nullable(),
  );
}

/** A positive whole-number id, from a form string or a JSON number. */
export function idField(label = 'This field') {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ message: `${label} is required.` }).int(`${label} must be a valid choice.`).positive(`${label} must be a valid choice.`),
  );
}

/** One of a closed list, with a message that names the field. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, label = 'This field') {
  return z.preprocess(clean, z.enum(values, { message: `${label} must be one of: ${values.join(', ')}.` }));
}

/** Form values arrive as a string or, when a name repeats, an array of strings; always give an array. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : ''));
}

/** The first message per field, keyed by the dotted path ("citations.0.source_id"). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    out[key] ??= issue.message;
  }
  return out;
}
