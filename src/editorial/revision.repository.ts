import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connection';
import { reusableQuery } from '../db/reusable-query';
import type { Revision } from '../db/schema';
import { nowIso } from '../domain/clock';
import { claimIsPublic } from '../db/visibility';

export type RevisionRow = Selectable<Revision>;

export const REVISION_ENTITIES = ['claim', 'verdict', 'citation', 'link', 'dispute'] as const;
export type RevisionEntity = (typeof REVISION_ENTITIES)[number];
export type RevisionAction = 'create' | 'update' | 'delete';

/** Who made a change and why; passed by routes to every mutating repository function. */
export interface Audit {
  actorId: number | null;
  reason?: string | null | undefined;
  /** The reader's error report (an inbox item) this change answers; the corrections log credits it. */
  readerReportId?: number | null | undefined;
}

export interface RevisionInput {
  entity: RevisionEntity;
  entityId: number;
  action: RevisionAction;
  audit?: Audit | undefined;
  before?: unknown;
  after?: unknown;
  /** The claim(s) whose history shows this row. */
  claimId?: number | null;
  otherClaimId?: number | null;
  publicCorrection?: boolean;
}

const REVISION_COLUMNS = [
  'entity',
  'entity_id',
  'action',
  'actor_id',
  'at',
  'before_json',
  'after_json',
  'reason',
  'claim_id',
  'other_claim_id',
  'public_correction',
] as const satisfies ReadonlyArray<keyof Insertable<Revision>>;
type RevisionValues = Required<Omit<Insertable<Revision>, 'id' | 'reader_report_id'>>;
const insertRevision = reusableQuery(REVISION_COLUMNS, (db, row: RevisionValues) => db.insertInto('revision').values(row));
// Only a change answering a reader's error report names the column: every other write keeps the SQL it
// had, so the seed loader and importers still write the history of a database migrated before it (tests do).
const insertAnsweringRevision = reusableQuery(
  [...REVISION_COLUMNS, 'reader_report_id'],
  (db, row: RevisionValues & { reader_report_id: number }) => db.insertInto('revision').values(row),
);

/** Appends one row to the history. Call in the transaction of the change it describes. */
export async function recordRevision(db: Db, r: RevisionInput): Promise<void> {
  const row: RevisionValues = {
    entity: r.entity,
    entity_id: r.entityId,
    action: r.action,
    actor_id: r.audit?.actorId ?? null,
    at: nowIso(),
    before_json: r.before === undefined || r.before === null ? null : JSON.stringify(r.before),
    after_json: r.after === undefined || r.after === null ? null : JSON.stringify(r.after),
    reason: r.audit?.reason?.trim() || null,
    claim_id: r.claimId ?? null,
    other_claim_id: r.otherClaimId ?? null,
    public_correction: r.publicCorrection ? 1 : 0,
  };
  const report = r.audit?.readerReportId;
  if (report == null) await insertRevision.run(db, row);
  else await insertAnsweringRevision.run(db, { ...row, reader_report_id: report });
}

export interface RevisionView {
  id: number;
  entity: string;
  entity_id: number;
  action: string;
  at: string;
  reason: string | null;
  actor_name: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  public_correction: boolean;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  const value: unknown = JSON.parse(json);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

function baseQuery(db: Db) {
  return db
    .selectFrom('revision as r')
    .leftJoin('user_account as u', 'u.id', 'r.actor_id')
    .selectAll('r')
    .select('u.display_name as actor_name');
}

type JoinedRow = RevisionRow & { actor_name: string | null };

function toView(r: JoinedRow): RevisionView {
  return {
    id: r.id,
    entity: r.entity,
    entity_id: r.entity_id,
    action: r.action,
    at: r.at,
    reason: r.reason,
    actor_name: r.actor_name,
    before: parse(r.before_json),
    after: parse(r.after_json),
    public_correction: r.public_correction === 1,
  };
}

/** A claim's whole history, newest first: the claim, its verdicts, its citations and the links touching it. */
export async function listClaimHistory(db: Db, claimId: number): Promise<RevisionView[]> {
  const rows = await baseQuery(db)
    .where((eb) => eb.or([eb('r.claim_id', '=', claimId), eb('r.other_claim_id', '=', claimId)]))
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map(toView);
}

/** The history of one record of any entity, newest first. */
export async function listEntityHistory(db: Db, entity: RevisionEntity, id: number): Promise<RevisionView[]> {
  const rows = await baseQuery(db).where('r.entity', '=', entity).where('r.entity_id', '=', id).orderBy('r.id', 'desc').execute();
  return rows.map(toView);
}

export interface CorrectionView {
  id: number;
  at: string;
  claim_id: number;
  claim_text: string;
  claim_state: string | null;
  before_verdict: string | null;
  after_verdict: string | null;
  before_label: string | null;
  after_label: string | null;
  rationale: string | null;
  /** A reader's error report prompted it. */
  from_reader: boolean;
}

/**
 * The public corrections log: verdict changes made while the claim was published, newest first.
 * Claims that are drafts again are left out; deleted claims keep their entry (with the text they had).
 */
export async function listCorrections(
  db: Db,
  { claimId, limit = 500 }: { claimId?: number; limit?: number } = {},
): Promise<CorrectionView[]> {
  let q = db
    .selectFrom('revision as r')
    .leftJoin('claim as c', 'c.id', 'r.entity_id')
    .select(['r.id', 'r.at', 'r.entity_id', 'r.before_json', 'r.after_json', 'r.reason', 'r.reader_report_id', 'c.state as claim_state'])
    .where('r.entity', '=', 'verdict')
    .where('r.public_correction', '=', 1)
    .where((eb) => eb.or([eb('c.state', 'is', null), claimIsPublic('c')(eb)]))
    .orderBy('r.id', 'desc')
    .limit(limit);
  if (claimId !== undefined) q = q.where('r.entity_id', '=', claimId);
  const rows = await q.execute();
  const labels = new Map((await db.selectFrom('verdict_rating').select(['key', 'label']).execute()).map((v) => [v.key, v.label]));
  return rows.map((r) => {
    const before = parse(r.before_json) ?? {};
    const after = parse(r.after_json) ?? {};
    const bv = typeof before.verdict === 'string' ? before.verdict : null;
    const av = typeof after.verdict === 'string' ? after.verdict : null;
    return {
      id: r.id,
      at: r.at,
      claim_id: r.entity_id,
      claim_text: typeof after.claim_text === 'string' ? after.claim_text : typeof before.claim_text === 'string' ? before.claim_text : '',
      claim_state: r.claim_state,
      before_verdict: bv,
      after_verdict: av,
      before_label: bv ? (labels.get(bv) ?? bv) : null,
      after_label: av ? (labels.get(av) ?? av) : null,
      rationale: r.reason ?? (typeof after.verdict_rationale === 'string' ? after.verdict_rationale : null),
      from_reader: r.reader_report_id !== null,
    };
  });
}

/**
 * The record as it was saved at `version` (the `after` of the revision that made it), for
 * three-way merges of conflicting edits; undefined when the history does not hold it.
 */
export async function findSnapshotAtVersion(
  db: Db,
  entity: 'claim' | 'dispute',
  id: number,
  version: number,
): Promise<Record<string, unknown> | undefined> {
  for (const r of await listEntityHistory(db, entity, id)) {
    if (r.after && r.after.version === version) return r.after;
  }
  return undefined;
}

/** Who made the latest change to a record and when, for "changed by … on …". */
export async function latestChange(
  db: Db,
  entity: 'claim' | 'dispute',
  id: number,
): Promise<{ actor_name: string | null; at: string } | undefined> {
  const row = await baseQuery(db)
    .where('r.entity', '=', entity)
    .where('r.entity_id', '=', id)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { actor_name: row.actor_name, at: row.at } : undefined;
}
