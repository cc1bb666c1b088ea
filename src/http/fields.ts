import { z } from 'zod';
import { isIsoDay, parsePartialDate, type PartialDate } from '../domain/partial-date';
import { SLUG_PATTERN } from '../domain/slug';
import { DATE_PRECISIONS } from '../domain/vocabulary';
import { translateKey, type MessageKey } from './i18n';
import { englishWith, localize } from './localized';

// Field builders shared by every form and API schema, so one rule means one thing everywhere.
// Optional fields end in `.default(null)` (what a missing value becomes anyway) so the OpenAPI
// document, generated with `io: 'input'`, does not list them as required; `.meta()` adds what a
// refinement cannot show in JSON Schema (a date or URL format).

// C0 control characters other than tab, newline and carriage return never belong in text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A field's name in messages, as a message key ("The claim" is `field.claim.text`). */
export type Label = MessageKey;

// A field message in English that knows its other languages (see localized.ts); `label` is translated too.
function say(key: MessageKey, label: Label, vars: Record<string, unknown> = {}): string {
  return englishWith((locale) => translateKey(locale, key, { ...vars, label: translateKey(locale, label) }));
}

function clean(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim() : value;
}

/** Required text, trimmed, at most `max` characters. */
export function requiredText(max: number, label: Label = 'field.thisField') {
  return z.preprocess(
    clean,
    z
      .string({ message: say('validation.required', label) })
      .min(1, say('validation.required', label))
      .max(max, say('validation.maxLength', label, { max: String(max) })),
  );
}

/** Optional text: empty becomes null. */
export function optionalText(max: number, label: Label = 'field.thisField') {
  return z
    .preprocess(
      blankToNull,
      z
        .string({ message: say('validation.text', label) })
        .max(max, say('validation.maxLength', label, { max: String(max) }))
        .nullable(),
    )
    .default(null);
}

/** An optional http(s) URL (never javascript: or data:); empty becomes null. */
export function optionalUrl(label: Label = 'field.url') {
  return z
    .preprocess(
      blankToNull,
      z
        .string({ message: say('validation.text', label) })
        .max(2000, say('validation.maxLength', label, { max: '2000' }))
        .refine(
          (s) => {
            try {
              const u = new URL(s);
              return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
            } catch {
              return false;
            }
          },
          say('validation.url', label),
        )
        .meta({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' })
        .nullable(),
    )
    .default(null);
}

/** An optional calendar day as YYYY-MM-DD; empty becomes null. */
export function optionalDay(label: Label = 'field.date') {
  return z
    .preprocess(
      blankToNull,
      z
        .string({ message: say('validation.date', label) })
        .refine(isIsoDay, say('validation.day', label))
        .meta({ format: 'date' })
        .nullable(),
    )
    .default(null);
}

/** A required calendar day as YYYY-MM-DD. */
export function requiredDay(label: Label = 'field.date') {
  return z.preprocess(
    clean,
    z
      .string({ message: say('validation.required', label) })
      .min(1, say('validation.required', label))
      .refine(isIsoDay, say('validation.day', label))
      .meta({ format: 'date' }),
  );
}

/** An optional language code such as "nl" or "en-GB"; empty becomes null. */
export function optionalLanguage(label: Label = 'field.language') {
  return z
    .preprocess(
      (v) => {
        const c = clean(v);
        return c === '' || c === undefined ? null : typeof c === 'string' ? c.toLowerCase() : c;
      },
      z
        .string({ message: say('validation.text', label) })
        .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, say('validation.language', label))
        .nullable(),
    )
    .default(null);
}

/** A positive whole-number id, from a form string or a JSON number. */
export function idField(label: Label = 'field.thisField') {
  const required = say('validation.required', label);
  const invalid = say('validation.choice', label);
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? required : invalid) })
      .int(invalid)
      .positive(invalid),
  );
}

/** One of a closed list, with a message that names the field. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, label: Label = 'field.thisField') {
  return z.preprocess(clean, z.enum(values, { message: say('validation.oneOf', label, { values: values.join(', ') }) }));
}

/** Form values arrive as a string or, when a name repeats, an array of strings; always give an array. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : ''));
}

/** The first message per field, keyed by the dotted path ("citations.0.source_id"), in `locale`. */
export function fieldErrors(error: z.ZodError, locale = 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    out[key] ??= localize(locale, issue.message);
  }
  return out;
}

/** What a form sends for a field left empty (nothing, or only spaces) is null; anything else is kept, cleaned. */
function blankToNull(v: unknown): unknown {
  const c = clean(v);
  return c === '' || c === undefined ? null : c;
}

/** An optional positive whole-number id (a select left on its empty choice): empty becomes null. */
export function optionalId(label: Label = 'field.thisField') {
  const invalid = say('validation.choice', label);
  return z
    .preprocess(
      (v) => {
        const c = blankToNull(v);
        return typeof c === 'string' && /^[0-9]{1,15}$/.test(c) ? Number(c) : c;
      },
      z.number({ message: invalid }).int(invalid).positive(invalid).nullable(),
    )
    .default(null);
}

/** An optional slug ("did-putin-ask-trump"); empty becomes null, so one is made from the name or question. */
export function optionalSlug(label: Label = 'field.slug') {
  return z
    .preprocess(
      (v) => {
        const c = blankToNull(v);
        return typeof c === 'string' ? c.toLowerCase() : c;
      },
      z
        .string({ message: say('validation.text', label) })
        .max(80, say('validation.maxLength', label, { max: '80' }))
        .regex(SLUG_PATTERN, say('validation.slug', label))
        .nullable(),
    )
    .default(null);
}

/** An optional date known to a day, a month or a year: "2025-03-18", "2025-03" or "2025"; empty becomes null. */
export function optionalPartialDate(label: Label = 'field.date') {
  const message = say('validation.partialDate', label);
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

/** An optional date precision sent apart from its date (`day`, `month`, `year`); empty becomes null. */
export function optionalPrecision(label: Label = 'field.date') {
  return z
    .preprocess(
      blankToNull,
      z.enum(DATE_PRECISIONS, { message: say('validation.oneOf', label, { values: DATE_PRECISIONS.join(', ') }) }).nullable(),
    )
    .default(null);
}

/** The message for a precision finer than its date ("2025-03" sent as a day). */
export function precisionTooFine(label: Label): string {
  return say('validation.precisionTooFine', label);
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

function claimRefNumber(label: Label) {
  const required = say('validation.required', label);
  const pick = say('validation.claimPick', label);
  const number = say('validation.claimNumber', label);
  return z
    .number({ error: (issue) => (issue.input === undefined || issue.input === null ? required : pick) })
    .int(number)
    .positive(number);
}

/** A claim chosen by id: 12, "12" or a picker entry such as "#12 — Kremlin: …". */
export function claimRef(label: Label) {
  return z.preprocess((v) => claimRefValue(v) ?? undefined, claimRefNumber(label));
}

/** Like claimRef, but empty becomes null. */
export function optionalClaimRef(label: Label) {
  return z.preprocess(claimRefValue, claimRefNumber(label).nullable()).default(null);
}

/** A list of short names, as comma-separated text ("Military aid, Ceasefire") or an array; blanks dropped. */
export function nameList(maxLength: number, maxItems: number, label: Label = 'field.thisList') {
  const notNames = say('validation.nameList', label);
  // "Each name in topics": the label inside the sentence, in lower case.
  const tooLong = englishWith((locale) =>
    translateKey(locale, 'validation.nameTooLong', { label: translateKey(locale, label).toLowerCase(), max: String(maxLength) }),
  );
  return z
    .preprocess(
      (v) => {
        if (v === undefined || v === null) return [];
        const items = typeof v === 'string' ? v.split(',') : v;
        return Array.isArray(items) ? items.map(clean).filter((s) => s !== '') : items;
      },
      z
        .array(z.string({ message: notNames }).max(maxLength, tooLong), {
          message: notNames,
        })
        .max(maxItems, say('validation.tooManyNames', label, { max: String(maxItems) })),
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
