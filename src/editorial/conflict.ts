import { asArray } from '../http/fields';
import { bodyOf, fieldId } from '../http/form';

// Conflicting edits: when an edit form arrives from an older version than the stored one, the
// conflict page shows both versions side by side and lets the user keep theirs or yours per field
// (or edit the text), then save against the current version. Everything typed travels along as
// hidden fields, so nothing is lost, and no JavaScript is needed.

/** A form's values as submitted: each name with its values (repeated names, e.g. citation rows, have several). */
export type Carried = Record<string, string[]>;

/** One row of the conflict page: a field (or a group of form controls that go together, such as the citations). */
export interface MergeGroup {
  key: string;
  label: string;
  /** The form names this row carries. */
  names: readonly string[];
  /** Whether the user may type a merged text (single text fields only). */
  editable?: boolean;
}

export type Side = 'theirs' | 'yours';

const PREFIX = { theirs: 'theirs__', yours: 'yours__' } as const;
export const MERGE_FLAG = '_merge';

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v.trim() === (b[i] ?? '').trim());

/**
 * A merge form's body turned back into an ordinary edit body: each group's values from the side the
 * user chose (or the merged text). A body that is not a merge form comes back unchanged.
 */
export function resolveMerge(body: unknown, groups: readonly MergeGroup[]): unknown {
  const b = bodyOf(body);
  if (b[MERGE_FLAG] !== '1') return body;
  const out: Record<string, unknown> = { _csrf: b._csrf, version: b.version };
  for (const g of groups) {
    const choice = b[`choice__${g.key}`];
    if (choice === 'edit' && g.editable) {
      out[g.names[0]!] = asArray(b[`merged__${g.key}`])[0] ?? '';
      continue;
    }
    const side: Side = choice === 'theirs' ? 'theirs' : 'yours';
    for (const n of g.names) {
      const values = asArray(b[`${PREFIX[side]}${n}`]);
      // As a browser sends it: one value as text, several as a list, none not at all (so defaults apply).
      if (values.length) out[n] = values.length === 1 ? values[0] : values;
    }
  }
  return out;
}

export interface ConflictRow {
  key: string;
  /** A message key (src/http/i18n.ts); the page translates it, like the radios' labels. */
  label: string;
  differs: boolean;
  editable: boolean;
  theirs: string;
  yours: string;
  /** The text box's starting value (yours) for editable fields. */
  merged: string | null;
  choice: Side | 'edit';
  hidden: Array<{ name: string; value: string }>;
  radios: Array<{ id: string; value: string; label: string; checked: boolean }>;
  mergedId: string;
}

export interface ConflictInput {
  groups: readonly MergeGroup[];
  theirs: Carried;
  yours: Carried;
  /** The version the user started from, as stored then (from the history), when it is known. */
  base?: Carried | null;
  /** How a group's values read on the page (a claimant's name instead of its id). */
  show: (group: MergeGroup, values: Carried) => string;
}

/**
 * The rows of the conflict page. A row the user did not change (yours equals the version they
 * started from) defaults to theirs, so saving keeps the other person's change; otherwise yours.
 */
export function conflictRows({ groups, theirs, yours, base, show }: ConflictInput): ConflictRow[] {
  return groups.map((g) => {
    const t = (n: string) => theirs[n] ?? [];
    const y = (n: string) => yours[n] ?? [];
    const differs = g.names.some((n) => !same(t(n), y(n)));
    const untouched = !!base && g.names.every((n) => same(y(n), base[n] ?? []));
    const choice: Side = differs && untouched ? 'theirs' : 'yours';
    const hidden = (['theirs', 'yours'] as const).flatMap((side) =>
      g.names.flatMap((n) => (side === 'theirs' ? t(n) : y(n)).map((value) => ({ name: `${PREFIX[side]}${n}`, value }))),
    );
    const id = fieldId(`merge-${g.key}`);
    const radios = [
      { id: `${id}-theirs`, value: 'theirs', label: 'desk.conflict.keepTheirs', checked: choice === 'theirs' },
      { id: `${id}-yours`, value: 'yours', label: 'desk.conflict.keepYours', checked: choice === 'yours' },
    ];
    if (g.editable) radios.push({ id: `${id}-edit`, value: 'edit', label: 'desk.conflict.useMerged', checked: false });
    return {
      key: g.key,
      label: g.label,
      differs,
      editable: !!g.editable,
      theirs: show(g, theirs),
      yours: show(g, yours),
      merged: g.editable ? (y(g.names[0]!)[0] ?? '') : null,
      choice,
      hidden,
      radios,
      mergedId: `${id}-merged`,
    };
  });
}
