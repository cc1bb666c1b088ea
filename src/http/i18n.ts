// Formats the interface strings kept per feature in src/messages: ICU MessageFormat (FormatJS), so a
// message can say `{n, plural, one {…} other {…}}`. Each message is compiled once per language.
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, messages, type EnglishMessages, type Locale, type MessageKey } from '../messages';

export { LOCALES, messages, type Locale, type MessageKey };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Whether `key` is an interface string (e.g. a verdict of the default scale has a translated label). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages.en, key);
}

// The arguments of a message that must be numbers, `{n, plural, …}` or `{n, number}`, read from its English text.
type NumericArgs<S extends string> = S extends `${string}{${infer After}`
  ? | (After extends `${infer A}, ${'plural' | 'selectordinal' | 'number'}${string}`
        ? A extends `${string}${'{' | '}' | ' ' | ','}${string}`
          ? never
          : A
        : never)
    | NumericArgs<After>
  : never;
type Vars = Record<string, unknown>;
// `vars` is required, with numbers for those arguments, when every key that `key` may be has some; a key typed only as MessageKey stays loose.
type NeedsNumbers<K extends MessageKey> = K extends MessageKey ? ([NumericArgs<EnglishMessages[K]>] extends [never] ? false : true) : never;
type VarsOf<K extends MessageKey> =
  false extends NeedsNumbers<K> ? [vars?: Vars] : [vars: Vars & Record<NumericArgs<EnglishMessages[K]>, number>];

type Compiled = { format: IntlMessageFormat; args: Map<string, string>; text: string | null };
const compiled = new Map<string, Compiled>();

// The parts of the FormatJS syntax tree that name arguments; plural and select branches hold more.
type AstNode = { type: number; value?: unknown; options?: Record<string, { value: AstNode[] }> };
const ARGUMENT_KINDS: Record<number, string> = { 1: 'simple', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' };

function argumentsOf(nodes: AstNode[], into: Map<string, string>): Map<string, string> {
  for (const node of nodes) {
    const kind = ARGUMENT_KINDS[node.type];
    if (kind && typeof node.value === 'string') into.set(node.value, kind);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, into);
  }
  return into;
}

function compile(locale: Locale, key: MessageKey): Compiled {
  const id = `${locale}:${key}`;
  let entry = compiled.get(id);
  if (!entry) {
    // ignoreTag: our texts are plain text (Handlebars escapes them), so `<` is just a character.
    const format = new IntlMessageFormat(messages[locale][key], locale, undefined, { ignoreTag: true });
    const args = argumentsOf(format.getAst(), new Map());
    entry = { format, args, text: args.size ? null : String(format.format()) };
    compiled.set(id, entry);
  }
  return entry;
}

/** The arguments of a message as `name:kind` (kind: simple, number, plural, select…), sorted, e.g. to compare languages. */
export function messageArguments(locale: Locale, key: MessageKey): string[] {
  return [...compile(locale, key).args].map(([name, kind]) => `${name}:${kind}`).sort();
}

function format(locale: string, key: MessageKey, vars: Vars | undefined): string {
  const entry = compile(isLocale(locale) ? locale : 'en', key);
  if (entry.text !== null) return entry.text;
  const values: Record<string, string | number> = {};
  for (const name of entry.args.keys()) {
    const value = vars?.[name];
    // A missing argument shows as `{name}`, as it always has, rather than failing the page.
    values[name] = !vars || !(name in vars) ? `{${name}}` : typeof value === 'number' ? value : String(value);
  }
  const out = entry.format.format(values);
  return Array.isArray(out) ? out.join('') : String(out);
}

/** The string for `key` in `locale` (English for an unknown locale), its arguments filled from `vars`. */
export function translate<K extends MessageKey>(locale: string, key: K, ...[vars]: VarsOf<K>): string {
  return format(locale, key, vars);
}

/** For keys known only at run time (templates): an unknown key renders as itself; test/unit/view-keys.test.ts checks the templates. */
export function translateKey(locale: string, key: string, vars?: Vars): string {
  return isMessageKey(key) ? format(locale, key, vars) : key;
}

type SearchProblem = MessageKey extends infer K ? (K extends `search.problem.${infer P}` ? P : never) : never;

/** The reader-facing explanation of why a search text could not be run. */
export function searchProblemMessage(
  locale: string,
  parsed: { problem: SearchProblem; operator?: string; values?: Record<string, string | number> },
): string {
  return translateKey(locale, `search.problem.${parsed.problem}`, { operator: parsed.operator ?? '', ...parsed.values });
}
