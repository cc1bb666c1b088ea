import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/connection';

type FormValue = string | number | ReadonlyArray<string | number>;

/** A urlencoded body as a browser sends it: a repeated name once per value. */
export function form(fields: Record<string, FormValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  }
  return params.toString();
}

/** POSTs a form the way a browser does. */
export function postForm(app: Express, url: string, fields: Record<string, FormValue>) {
  return request(app).post(url).type('form').send(form(fields));
}

const TABLES = ['claimant', 'source', 'claim', 'citation', 'claim_topic', 'topic', 'claim_link', 'dispute'] as const;

/** How many rows each table of the claim graph holds: compare before and after to prove nothing was saved. */
export async function rowCounts(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(n);
  }
  return out;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
  '#39': "'",
  '#34': '"',
};

/** HTML text or attribute value back to plain text. */
export function decode(html: string): string {
  return html.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name];
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The opening tag of the control with this id. */
export function controlTag(html: string, id: string): string | null {
  const m = new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${escapeRe(id)}"[^>]*>`).exec(html);
  return m ? m[0] : null;
}

/**
 * The error message shown next to the control `id`, or null. Checks that the message is wired to
 * the control (aria-describedby, aria-invalid) and sits inside the same .field.has-error block.
 */
export function fieldError(html: string, id: string): string | null {
  const m = new RegExp(`<p class="field-error" id="${escapeRe(id)}-error">([^<]*)</p>`).exec(html);
  if (!m) return null;
  const tag = controlTag(html, id);
  if (tag) {
    expect(tag).toMatch(new RegExp(`aria-describedby="[^"]*\\b${escapeRe(id)}-error\\b`));
    expect(tag).toContain('aria-invalid="true"');
  }
  return decode(m[1]!);
}

/** Every field error on the page, by control id. */
export function allFieldErrors(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<p class="field-error" id="([^"]+)-error">([^<]*)<\/p>/g)) out[m[1]!] = decode(m[2]!);
  return out;
}

/** What the control `id` shows: an input's value, a textarea's text, a select's chosen option. */
export function shownValue(html: string, id: string): string | null {
  const tag = controlTag(html, id);
  if (!tag) return null;
  if (tag.startsWith('<input')) {
    const v = /\bvalue="([^"]*)"/.exec(tag);
    return v ? decode(v[1]!) : '';
  }
  const start = html.indexOf(tag) + tag.length;
  if (tag.startsWith('<textarea')) return decode(html.slice(start, html.indexOf('</textarea>', start)));
  const body = html.slice(start, html.indexOf('</select>', start));
  const selected = /<option value="([^"]*)" selected>/.exec(body);
  return selected ? decode(selected[1]!) : null;
}

/** Ids of form controls on the page that have no <label for=…>. */
export function unlabelledControls(pageHtml: string): string[] {
  // Only the page's own content: the layout's header (site search, language switch) is tested elsewhere.
  const html = /<main\b[\s\S]*<\/main>/.exec(pageHtml)?.[0] ?? pageHtml;
  const ids = [...html.matchAll(/<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
  const controls = [...html.matchAll(/<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*>/g)].length;
  expect(ids.length).toBe(controls);
  return ids.filter((id) => !html.includes(`<label for="${id}">`));
}

/** The id at the end of a desk redirect such as "/desk/claims/12?created=1". */
export function idFrom(location: string | undefined): number {
  const m = /\/(\d+)(?:\?|$)/.exec(location ?? '');
  if (!m) throw new Error(`No id in redirect "${location}"`);
  return Number(m[1]);
}

/**
 * The fields a browser would submit from the first form on the page matching `formClass`: hidden and
 * text inputs, checked radios and checkboxes, textareas and selected options, as [name, value] pairs.
 */
export function submittedFields(html: string, formClass: string): Array<[string, string]> {
  const form = new RegExp(`<form class="${escapeRe(formClass)}"[\\s\\S]*?</form>`).exec(html)?.[0];
  if (!form) throw new Error(`No form with class "${formClass}"`);
  const out: Array<[string, string]> = [];
  const attr = (tag: string, name: string) => {
    const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
    return m ? decode(m[1]!) : null;
  };
  for (const m of form.matchAll(/<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g)) {
    const tag = m[0];
    const name = attr(tag, 'name');
    if (!name) continue;
    if (tag.startsWith('<textarea')) out.push([name, decode(m[1]!)]);
    else if (tag.startsWith('<select')) {
      // With nothing selected, a browser sends the first option.
      const sel = /<option value="([^"]*)" selected>/.exec(m[2]!) ?? /<option value="([^"]*)"/.exec(m[2]!);
      out.push([name, sel ? decode(sel[1]!) : '']);
    } else {
      const type = attr(tag, 'type') ?? 'text';
      if ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/.test(tag)) continue;
      out.push([name, attr(tag, 'value') ?? '']);
    }
  }
  return out;
}

/** Form pairs with some single-valued fields replaced (or added). */
export function withFields(pairs: Array<[string, string]>, changes: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [n, v] of pairs) if (!(n in changes)) params.append(n, v);
  for (const [n, v] of Object.entries(changes)) params.append(n, v);
  return params.toString();
}
