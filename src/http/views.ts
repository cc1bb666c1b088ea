import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { formatPartialDate, partialDateInput } from '../domain/partial-date';
import { snippetHtml } from './html';
import { isMessageKey, translate, translateKey } from './i18n';
import { paths } from './urls';

export const VIEWS_DIR = resolve(__dirname, '../../views');

type Template = Handlebars.TemplateDelegate;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith('.hbs') ? [full] : [];
  });
}

/** Handlebars helpers. Every helper returns plain strings, which Handlebars escapes on output. */
function registerHelpers(hbs: typeof Handlebars): void {
  // Handlebars types `options.data` as any; its `root` is the data the template was rendered with.
  const localeOf = (options: Handlebars.HelperOptions): string => {
    const { root } = options.data as { root: { locale?: unknown } };
    return typeof root.locale === 'string' ? root.locale : 'en';
  };
  // {{t 'list.results' count=3}} fills {count}; the hash values are escaped with the rest of the output.
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    return translateKey(localeOf(options), key, options.hash as Record<string, unknown>);
  });
  // The label of a verdict in the interface language when it belongs to the default scale, else as stored.
  hbs.registerHelper('verdictLabel', (key: string, label: string, options: Handlebars.HelperOptions) => {
    const id = `verdict.${key}`;
    return isMessageKey(id) ? translate(localeOf(options), id) : label;
  });
  hbs.registerHelper('verdictDescription', (key: string, description: string, options: Handlebars.HelperOptions) => {
    const id = `verdict.${key}.description`;
    return isMessageKey(id) ? translate(localeOf(options), id) : description;
  });
  // "nl" → "Dutch" / "Nederlands", in the interface language.
  hbs.registerHelper('languageName', (code: string | null, options: Handlebars.HelperOptions) => {
    if (!code) return '';
    try {
      return new Intl.DisplayNames([localeOf(options)], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  });
  // The only helper that returns HTML: search snippets, escaped by snippetHtml before <mark> is added.
  hbs.registerHelper('highlight', (marked: string) => new hbs.SafeString(snippetHtml(String(marked ?? ''))));
  const numberFormats = new Map<string, Intl.NumberFormat>();
  hbs.registerHelper('number', (n: number, options: Handlebars.HelperOptions) => {
    const locale = localeOf(options);
    if (!numberFormats.has(locale)) numberFormats.set(locale, new Intl.NumberFormat(locale));
    return numberFormats.get(locale)!.format(n);
  });
  hbs.registerHelper('path', (name: keyof typeof paths, ...args: unknown[]) => {
    const fn = paths[name] as (...a: unknown[]) => string;
    if (typeof fn !== 'function') throw new Error(`Unknown path "${String(name)}"`);
    return fn(...args.slice(0, -1));
  });
  hbs.registerHelper('partialDate', (on: string | null, precision: string | null, options: Handlebars.HelperOptions) =>
    formatPartialDate(on, precision, localeOf(options)),
  );
  // The machine-readable form of a partial date: "2025-03" for March 2025, not "2025-03-01".
  hbs.registerHelper('partialDateTime', (on: string | null, precision: string | null) => partialDateInput(on, precision));
  // The calendar day of an ISO timestamp, for dated lists such as the corrections log.
  hbs.registerHelper('day', (iso: unknown, options: Handlebars.HelperOptions) =>
    typeof iso === 'string' && iso.length >= 10 ? formatPartialDate(iso.slice(0, 10), 'day', localeOf(options)) : '',
  );
  // A moment (an ISO timestamp such as created_at) in the interface language and the server's time zone,
  // which is named: "14 March 2025 at 10:42 UTC" / "14 maart 2025 om 10:42 UTC". Never the raw ISO.
  const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
  hbs.registerHelper('dateTime', (iso: unknown, options: Handlebars.HelperOptions) => {
    if (typeof iso !== 'string' || !iso) return '';
    const moment = new Date(iso);
    if (Number.isNaN(moment.getTime())) return iso;
    const locale = localeOf(options);
    let format = dateTimeFormats.get(locale);
    if (!format) {
      format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      });
      dateTimeFormats.set(locale, format);
    }
    return format.format(moment);
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.map(String).includes(String(value)));
  // JSON inside <script type="application/ld+json">: "<" is escaped so user text can never close the tag.
  hbs.registerHelper(
    'jsonScript',
    (value: unknown) =>
      new hbs.SafeString(
        JSON.stringify(value)
          .replace(/</g, '\\u003c')
          .replace(/\u2028/g, '\\u2028')
          .replace(/\u2029/g, '\\u2029'),
      ),
  );
}

export interface ViewEngine {
  render(view: string, data: Record<string, unknown>): string;
}

/**
 * Page templates live in views/<feature>/<page>.hbs, partials in views/partials, the layout in
 * views/layouts/main.hbs. Templates are compiled once and cached.
 */
export function createViewEngine(viewsDir = VIEWS_DIR): ViewEngine {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const partialsDir = join(viewsDir, 'partials');
  for (const file of walk(partialsDir)) {
    const name = relative(partialsDir, file)
      .replace(/\\/g, '/')
      .replace(/\.hbs$/, '');
    // Compiled, not source text: a page with an inline partial ({{#*inline}}) gets a fresh copy of the
    // partials per render, and partials given as text were compiled again into every copy (half the
    // dispute page's CPU in the profile). A compiled template compiles once, at its first use.
    hbs.registerPartial(name, hbs.compile(readFileSync(file, 'utf8'), { strict: false }));
  }
  const cache = new Map<string, Template>();
  const compiled = (name: string): Template => {
    let template = cache.get(name);
    if (!template) {
      template = hbs.compile(readFileSync(join(viewsDir, `${name}.hbs`), 'utf8'), { strict: false });
      cache.set(name, template);
    }
    return template;
  };
  return {
    render(view, data) {
      const body = compiled(view)(data);
      if (data.layout === false) return body;
      return compiled(`layouts/${typeof data.layout === 'string' ? data.layout : 'main'}`)({ ...data, body: new hbs.SafeString(body) });
    },
  };
}
