// The `t` helper takes its keys from templates, where the compiler cannot see them: every key a template names must exist.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMessageKey, messages } from '../../src/http/i18n';
import { VIEWS_DIR } from '../../src/http/views';

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? templates(full) : full.endsWith('.hbs') ? [full] : [];
  });
}

const views = templates(VIEWS_DIR).map((file) => ({ file: relative(VIEWS_DIR, file), text: readFileSync(file, 'utf8') }));
const keys = Object.keys(messages.en);

describe('message keys in templates', () => {
  it('finds the templates', () => {
    expect(views.length).toBeGreaterThan(20);
  });

  it('names only keys that exist, in {{t …}} and (t …)', () => {
    const unknown: string[] = [];
    let found = 0;
    for (const { file, text } of views) {
      for (const match of text.matchAll(/[{(]t\s+(['"])([^'"]*)\1/g)) {
        found++;
        if (!isMessageKey(match[2]!)) unknown.push(`${file}: ${match[2]}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(found).toBeGreaterThan(300);
  });

  it('builds keys with (concat …) only from a prefix (and suffix) that some key has', () => {
    const unknown: string[] = [];
    let found = 0;
    for (const { file, text } of views) {
      for (const match of text.matchAll(/[{(]t\s+\(concat\s+'([^']*)'[^')]*(?:'([^']*)'\s*)?\)/g)) {
        found++;
        const [, prefix, suffix = ''] = match as unknown as [string, string, string | undefined];
        if (!keys.some((key) => key.startsWith(prefix) && key.endsWith(suffix) && key.length > prefix.length + suffix.length)) {
          unknown.push(`${file}: ${prefix}…${suffix}`);
        }
      }
    }
    expect(unknown).toEqual([]);
    expect(found).toBeGreaterThan(15);
  });

  it('would notice an unknown key', () => {
    expect(isMessageKey('nav.search')).toBe(true);
    expect(isMessageKey('nav.serach')).toBe(false);
  });
});
