import { diffWords } from 'diff';
import type { RevisionView } from './revision.repository';

// Bookkeeping columns change on every save and say nothing a reader of the history needs
// (a dispute's published_at follows its state, which the history shows).
const HIDDEN = new Set(['id', 'version', 'created_at', 'updated_at', 'published_at', 'claim_text']);

export interface DiffPart {
  text: string;
  added: boolean;
  removed: boolean;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
  parts: DiffPart[];
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return (value as unknown[])
      .map((v) =>
        v && typeof v === 'object'
          ? Object.entries(v)
              .filter(([k]) => k !== 'id')
              .map(([k, x]) => `${k}: ${show(x)}`)
              .join(', ')
          : show(v),
      )
      .join('\n');
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // A snapshot is parsed JSON: what is left is an object.
  return JSON.stringify(value);
}

/** What changed between two snapshots, field by field, with a word-level diff of each. */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN.has(k));
  const out: FieldChange[] = [];
  for (const field of keys) {
    const b = show(before?.[field]);
    const a = show(after?.[field]);
    if (b === a) continue;
    const parts = diffWords(b, a).map((p) => ({ text: p.value, added: !!p.added, removed: !!p.removed }));
    out.push({ field, before: b, after: a, parts });
  }
  return out;
}

export interface RevisionWithChanges extends RevisionView {
  changes: FieldChange[];
}

export function withChanges(revisions: RevisionView[]): RevisionWithChanges[] {
  return revisions.map((r) => ({ ...r, changes: fieldChanges(r.before, r.after) }));
}
