import { z } from 'zod';
import { isIsoDay, parsePartialDate, type PartialDate } from '../domain/partial-date';
import { SLUG_PATTERN } from '../domain/slug';

// Field builders shared by every form and API schema, so one rule means one thing everywhere.
// Optional fields end in `.default(null)` (what a missing value becomes anyway) so the OpenAPI
// document, generated with `io: 'input'`, does not list them as required; `.meta()` adds what a
// refinement cannot show in JSON Schema (a date or URL format).

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
    z
      .string({ message: `${label} is required.` })
      .min(1, `${label} is required.`)
      .max(max, `${label} must be at most ${max} characters.`),
  );
}

/** Optional text: empty becomes null. */
export function optionalText(max: number, label = 'This field') {
  return z
    .preprocess(
      (v) => {
        const c = clean(v);
        return c === '' || c === undefined ? null : c;
      },
      z
        .string({ message: `${label} must be text.` })
        .max(max, `${label} must be at most ${max} characters.`)
        .nullable(),
    )
    .default(null);
}

/** An optional http(s) URL (never javascript: or data:); empty becomes null. */
export function optionalUrl(label = 'The URL') {
  return z
    .preprocess(
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
        .meta({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' })
        .nullable(),
    )
    .default(null);
}

/** An optional calendar day as YYYY-MM-DD; empty becomes null. */
export function optionalDay(label = 'The date') {
  return z
    .preprocess(
      (v) => {
        const c = clean(v);
        return c === '' || c === undefined ? null : c;
      },
      z
        .string({ message: `${label} must be a date.` })
        .refine(isIsoDay, `${label} must be a real day written as YYYY-MM-DD.`)
        .meta({ format: 'date' })
        .nullable(),
    )
    .default(null);
}

/** An optional language code such as "nl" or "en-GB"; empty becomes null. */
export function optionalLanguage(label = 'The language') {
  return z
    .preprocess(
      (v) => {
        const c = clean(v);
        return c === '' || c === undefined ? null : typeof c === 'string' ? c.toLowerCase() : c;
      },
      z
        .string({ message: `${label} must be text.` })
        .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, `${label} must be a language code such as "nl" or "en".`)
        .nullable(),
    )
    .default(null);
}

/** A positive whole-number id, from a form string or a JSON number. */
export function idField(label = 'This field') {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a valid choice.`) })
      .int(`${label} must be a valid choice.`)
      .positive(`${label} must be a valid choice.`),
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

function blankToNull(v: unknown): unknown {
  const c = clean(v);
  return c === '' || c === undefined ? null : c;
}

/** An optional positive whole-number id (a select left on its empty choice): empty becomes null. */
export function optionalId(label = 'This field') {
  return z
    .preprocess(
      (v) => {
        const c = blankToNull(v);
        return typeof c === 'string' && /^[0-9]{1,15}$/.test(c) ? Number(c) : c;
      },
      z
        .number({ message: `${label} must be a valid choice.` })
        .int(`${label} must be a valid choice.`)
        .positive(`${label} must be a valid choice.`)
        .nullable(),
    )
    .default(null);
}

/** An optional slug ("did-putin-ask-trump"); empty becomes null, so one is made from the name or question. */
export function optionalSlug(label = 'The slug') {
  return z
    .preprocess(
      (v) => {
        const c = blankToNull(v);
        return typeof c === 'string' ? c.toLowerCase() : c;
      },
      z
        .string({ message: `${label} must be text.` })
        .max(80, `${label} must be at most 80 characters.`)
        .regex(SLUG_PATTERN, `${label} may only hold lowercase letters, digits and single hyphens, such as "did-putin-ask-trump".`)
        .nullable(),
    )
    .default(null);
}

/** An optional date known to a day, a month or a year: "2025-03-18", "2025-03" or "2025"; empty becomes null. */
export function optionalPartialDate(label = 'The date') {
  const message = `${label} must be written as 2025-03-18, 2025-03 or 2025.`;
  return z
    .preprocess(
      blankToNull,
      z
        .string({ message })
        .max(10, message)
        .meta({ pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$' })
        .transform((text, ctx): PartialDate => {
          const parsed = parsePartialDate(text);
          if (!parsed) {
            ctx.addIssue({ code: 'custom', message });
            return z.NEVER;
          }
          return parsed;
        })
        .nullable(),
    )
    .default(null);
}

// A claim picked from a <datalist> arrives as its option text, "#12 — Kremlin: …"; the API sends 12.
// Only a bare number or the picker's "#12 —" form: free text such as "3 strikes on energy" must not pick claim 3.
const CLAIM_REF = /^(?:#\s*([0-9]{1,15})(?:\s+—.*)?|([0-9]{1,15}))$/s;

function claimRefValue(v: unknown): unknown {
  const c = blankToNull(v);
  if (typeof c !== 'string') return c;
  const m = CLAIM_REF.exec(c.trim());
  return m ? Number(m[1] ?? m[2]) : c;
}

function claimRefNumber(label: string) {
  return z
    .number({
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? `${label} is required.`
          : `${label}: choose a claim from the list; its entry starts with # and a number.`,
    })
    .int(`${label} must be a claim number.`)
    .positive(`${label} must be a claim number.`);
}

/** A claim chosen by id: 12, "12" or a picker entry such as "#12 — Kremlin: …". */
export function claimRef(label = 'The claim') {
  return z.preprocess((v) => claimRefValue(v) ?? undefined, claimRefNumber(label));
}

/** Like claimRef, but empty becomes null. */
export function optionalClaimRef(label = 'The claim') {
  return z.preprocess(claimRefValue, claimRefNumber(label).nullable()).default(null);
}

/** A list of short names, as comma-separated text ("Military aid, Ceasefire") or an array; blanks dropped. */
export function nameList(maxLength: number, maxItems: number, label = 'This list') {
  return z
    .preprocess(
      (v) => {
        if (v === undefined || v === null) return [];
        const items = typeof v === 'string' ? v.split(',') : v;
        return Array.isArray(items) ? items.map(clean).filter((s) => s !== '') : items;
      },
      z
        .array(
          z
            .string({ message: `${label} must be a list of names.` })
            .max(maxLength, `Each name in ${label.toLowerCase()} must be at most ${maxLength} characters.`),
          {
            message: `${label} must be a list of names.`,
          },
        )
        .max(maxItems, `${label} may hold at most ${maxItems} names.`),
    )
    .default(() => []);
}

/**
 * For `superRefine(fn, { when: isObjectPayload })`: run a cross-field check even when some fields
 * failed (so every problem is reported at once), but never on input that is not an object at all.
 */
export function isObjectPayload(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);
}
