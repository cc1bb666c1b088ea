import { distance } from 'fastest-levenshtein';
import { matchKey } from '../domain/match-key';
import type { NameEntry } from './name-index.repository';

// Matching what a reader typed against the names and aliases of claimants and topics: exact matches
// ("zelenskyj" is an alias of Volodymyr Zelensky) and, when a search finds nothing, close matches
// ("Did you mean …"). Pure functions over publicNames(); accents, case and punctuation never count.

export interface NamedMatch {
  kind: NameEntry['kind'];
  id: number;
  slug: string;
  name: string;
  /** The alias the reader's words matched, when it was not the own name. */
  alias: string | null;
}

const words = (key: string) => key.split(' ').filter(Boolean);

/**
 * The claimants and topics whose name or an alias is what was typed, or holds every word typed as a
 * word ("zelensky" finds "Volodymyr Zelensky"); exact matches first, each claimant or topic once.
 */
export function namedBy(entries: readonly NameEntry[], typed: string, limit = 5): NamedMatch[] {
  const key = matchKey(typed);
  if (!key) return [];
  const wanted = words(key);
  const scored: Array<{ e: NameEntry; score: number }> = [];
  for (const e of entries) {
    if (e.key === key) scored.push({ e, score: e.isAlias ? 1 : 0 });
    else {
      const have = new Set(words(e.key));
      if (wanted.every((w) => have.has(w))) scored.push({ e, score: e.isAlias ? 3 : 2 });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.e.name.localeCompare(b.e.name));
  const seen = new Set<string>();
  const out: NamedMatch[] = [];
  for (const { e } of scored) {
    const id = `${e.kind}:${e.id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ kind: e.kind, id: e.id, slug: e.slug, name: e.name, alias: e.isAlias ? e.label : null });
    if (out.length === limit) break;
  }
  return out;
}

/** The names a search text is exactly (an alias or the own name): the others of the same claimant or topic, to search for too. */
export function otherNamesOf(entries: readonly NameEntry[], typed: string, limit = 10): string[] {
  const key = matchKey(typed);
  const owners = new Set(entries.filter((e) => e.key === key).map((e) => `${e.kind}:${e.id}`));
  if (!owners.size) return [];
  const names = entries.filter((e) => owners.has(`${e.kind}:${e.id}`) && e.key !== key).map((e) => e.label);
  return [...new Set(names)].slice(0, limit);
}

/** How many edits a word of this length may be off and still be suggested. */
const allowedEdits = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

/**
 * "Did you mean …": names and aliases close to what was typed (edit distance on the matching keys, so
 * accents and case are free), the closest first; compared whole, and word by word for one-word searches.
 */
export function closeNames(entries: readonly NameEntry[], typed: string, limit = 5): string[] {
  const key = matchKey(typed);
  if (key.length < 3) return [];
  const oneWord = !key.includes(' ');
  const allowed = allowedEdits(key.length);
  const scored: Array<{ label: string; d: number }> = [];
  for (const e of entries) {
    if (Math.abs(e.key.length - key.length) <= allowed) {
      const d = distance(key, e.key);
      if (d > 0 && d <= allowed) {
        scored.push({ label: e.label, d });
        continue;
      }
    }
    if (!oneWord) continue;
    for (const w of words(e.key)) {
      if (w.length < 3 || Math.abs(w.length - key.length) > allowed) continue;
      const d = distance(key, w);
      if (d > 0 && d <= allowed) {
        scored.push({ label: e.label, d });
        break;
      }
    }
  }
  scored.sort((a, b) => a.d - b.d || a.label.length - b.label.length || a.label.localeCompare(b.label));
  return [...new Set(scored.map((s) => s.label))].slice(0, limit);
}
