import { LRUCache } from 'lru-cache';
import { translateKey, type MessageKey } from './i18n';

// Messages made deep in the code (zod field messages, rule violations, import problems) are English
// strings, as tests, logs and the command line read them. Each one made here remembers how to say
// itself in another language, so the edge that shows it (a desk form, the error handler) answers in
// the reader's language with localize(). English in, English out: nothing changes for `en`.

type Render = (locale: string) => string;

// Made from code alone (the schemas, built once): a handful, kept for good.
const fixed = new Map<string, Render>();
// Holding what someone typed (a slug in use): bounded, and shown right after it is made.
const recent = new LRUCache<string, Render>({ max: 5000 });

/** The English text of `key`, remembered for localize(); `vars` come from the code (a limit, a list of choices). */
export function english(key: MessageKey, vars?: Record<string, unknown>): string {
  return englishWith((locale) => translateKey(locale, key, vars));
}

/** Like english(), for a message that quotes what someone typed or sent (a slug in use, a name). */
export function englishQuoting(key: MessageKey, vars: Record<string, unknown>): string {
  const render: Render = (locale) => translateKey(locale, key, vars);
  const text = render('en');
  if (!fixed.has(text)) recent.set(text, render);
  return text;
}

/** Like english(), for a message whose arguments are themselves messages (a field's label); from code alone. */
export function englishWith(render: Render): string {
  const text = render('en');
  if (!fixed.has(text)) fixed.set(text, render);
  return text;
}

/** `text` in `locale`, when it was made by english() or englishWith(); any other text as it is. */
export function localize(locale: string, text: string): string {
  if (locale === 'en') return text;
  const render = fixed.get(text) ?? recent.get(text);
  return render ? render(locale) : text;
}

/** Every message of a field → message record, localized. */
export function localizeAll(locale: string, messages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, localize(locale, text)]));
}
