import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { InboxItem } from '../db/schema';
import { claimIsPublic, disputeIsPublic } from '../db/visibility';
import { nowIso } from '../domain/clock';
import type { InboxFilters, InboxKind, InboxStatus } from './inbox.schema';

export type InboxRow = Selectable<InboxItem>;

/** One item of the inbox with what it points at, for the desk and the API. */
export interface InboxView extends InboxRow {
  claim_text: string | null;
  dispute_question: string | null;
  dispute_slug: string | null;
  result_claim_text: string | null;
  handled_by_name: string | null;
}

export interface NewInboxItem {
  kind: InboxKind;
  text: string;
  url: string | null;
  claim_id: number | null;
  dispute_id: number | null;
  email: string | null;
}

/** Stores a reader's tip or error report as new. */
export async function insertInboxItem(db: Db, item: NewInboxItem): Promise<number> {
  const row = await db
    .insertInto('inbox_item')
    .values({ ...item, status: 'new', created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function viewQuery(db: Db) {
  return db
    .selectFrom('inbox_item as i')
    .leftJoin('claim as c', 'c.id', 'i.claim_id')
    .leftJoin('dispute as d', 'd.id', 'i.dispute_id')
    .leftJoin('claim as rc', 'rc.id', 'i.result_claim_id')
    .leftJoin('user_account as u', 'u.id', 'i.handled_by')
    .selectAll('i')
    .select([
      'c.text as claim_text',
      'd.question as dispute_question',
      'd.slug as dispute_slug',
      'rc.text as result_claim_text',
      'u.display_name as handled_by_name',
    ]);
}

/** A page of the inbox, newest first, with the total under the filters. */
export async function listInboxItems(
  db: Db,
  filters: InboxFilters,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ items: InboxView[]; total: number }> {
  let q = viewQuery(db);
  let count = db.selectFrom('inbox_item as i').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filters.status) {
    q = q.where('i.status', '=', filters.status);
    count = count.where('i.status', '=', filters.status);
  }
  if (filters.kind) {
    q = q.where('i.kind', '=', filters.kind);
    count = count.where('i.kind', '=', filters.kind);
  }
  const [items, total] = await Promise.all([
    q.orderBy('i.id', 'desc').limit(limit).offset(offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** How many items each status holds, for the filter links and the desk's badge. */
export async function countInboxByStatus(db: Db): Promise<Record<InboxStatus, number>> {
  const rows = await db
    .selectFrom('inbox_item')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const out: Record<InboxStatus, number> = { new: 0, accepted: 0, declined: 0, duplicate: 0 };
  for (const r of rows) if (r.status in out) out[r.status as InboxStatus] = Number(r.n);
  return out;
}

export async function findInboxItem(db: Db, id: number): Promise<InboxView | undefined> {
  return viewQuery(db).where('i.id', '=', id).executeTakeFirst();
}

/** The claims whose revisions answer this error report (see Audit.readerReportId), newest first. */
export async function correctionsFromReport(
  db: Db,
  id: number,
): Promise<Array<{ claim_id: number; at: string; public_correction: number }>> {
  const rows = await db
    .selectFrom('revision')
    .select(['claim_id', 'at', 'public_correction'])
    .where('reader_report_id', '=', id)
    .where('claim_id', 'is not', null)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ claim_id: r.claim_id!, at: r.at, public_correction: r.public_correction }));
}

interface Handling {
  status: Exclude<InboxStatus, 'new'>;
  handled_by: number | null;
  decline_reason?: string | null;
  duplicate_of_id?: number | null;
  result_claim_id?: number | null;
}

/**
 * Answers a new item; returns false when it was no longer new (someone else answered it meanwhile),
 * so two editors cannot both turn one tip into a claim.
 */
export async function answerInboxItem(db: Db, id: number, h: Handling): Promise<boolean> {
  const result = await db
    .updateTable('inbox_item')
    .set({
      status: h.status,
      handled_by: h.handled_by,
      handled_at: nowIso(),
      decline_reason: h.decline_reason ?? null,
      duplicate_of_id: h.duplicate_of_id ?? null,
      result_claim_id: h.result_claim_id ?? null,
    })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes the e-mail addresses of items sent before `before` (ISO time); returns how many. */
export async function purgeInboxEmails(db: Db, before: string): Promise<number> {
  const result = await db
    .updateTable('inbox_item')
    .set({ email: null })
    .where('email', 'is not', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What an error report form is about, as readers see it: a public claim by id, or a public dispute by slug. */
export async function findReportTarget(
  db: Db,
  ref: { claimId: number } | { disputeSlug: string },
): Promise<
  { claim_id: number | null; dispute_id: number | null; dispute_slug: string | null; text: string; who: string | null } | undefined
> {
  if ('claimId' in ref) {
    const c = await db
      .selectFrom('claim as c')
      .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
      .select(['c.id', 'c.text', 'p.name'])
      .where('c.id', '=', ref.claimId)
      .where(claimIsPublic('c'))
      .executeTakeFirst();
    return c && { claim_id: c.id, dispute_id: null, dispute_slug: null, text: c.text, who: c.name };
  }
  const d = await db
    .selectFrom('dispute as d')
    .select(['d.id', 'd.slug', 'd.question'])
    .where('d.slug', '=', ref.disputeSlug)
    .where(disputeIsPublic('d'))
    .executeTakeFirst();
  return d && { claim_id: null, dispute_id: d.id, dispute_slug: d.slug, text: d.question, who: null };
}
