import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { Dispute } from '../db/schema';
import { disputeIsPublic } from '../db/visibility';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation, VersionConflict } from '../domain/errors';
import { nextFreeSlug, slugify } from '../domain/slug';
import { recordRevision, type Audit } from '../editorial/revision.repository';
import type { DisputeStatus, State } from '../domain/vocabulary';
import { english, englishQuoting } from '../http/localized';

export type DisputeRow = Selectable<Dispute>;

export interface DisputeInput {
  question: string;
  slug?: string | null | undefined;
  summary?: string | null | undefined;
  status: DisputeStatus;
  state: State;
  claim_a_id: number;
  claim_b_id: number;
}

export interface DisputeListRow extends DisputeRow {
  claim_a_text: string;
  claimant_a_name: string;
  claim_b_text: string;
  claimant_b_name: string;
  /** Whether readers can see it: the dispute and both its sides are out of draft. */
  is_public: boolean;
}

export interface DisputeListOptions {
  /** Readers see published and retracted disputes only; the desk sees everything. */
  publicOnly: boolean;
}

export async function listDisputes(db: Db, { publicOnly }: DisputeListOptions): Promise<DisputeListRow[]> {
  let q = db
    .selectFrom('dispute as d')
    .innerJoin('claim as a', 'a.id', 'd.claim_a_id')
    .innerJoin('claimant as ca', 'ca.id', 'a.claimant_id')
    .innerJoin('claim as b', 'b.id', 'd.claim_b_id')
    .innerJoin('claimant as cb', 'cb.id', 'b.claimant_id')
    .selectAll('d')
    .select([
      'a.text as claim_a_text',
      'ca.name as claimant_a_name',
      'b.text as claim_b_text',
      'cb.name as claimant_b_name',
      'a.state as claim_a_state',
      'b.state as claim_b_state',
    ])
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc');
  if (publicOnly) q = q.where(disputeIsPublic('d'));
  const rows = await q.execute();
  return rows.map(({ claim_a_state, claim_b_state, ...row }) => ({
    ...row,
    is_public: row.state !== 'draft' && claim_a_state !== 'draft' && claim_b_state !== 'draft',
  }));
}

export async function findDisputeById(
  db: Db,
  id: number,
  { publicOnly = false }: { publicOnly?: boolean } = {},
): Promise<DisputeRow | undefined> {
  let q = db.selectFrom('dispute').selectAll().where('id', '=', id);
  if (publicOnly) q = q.where(disputeIsPublic('dispute'));
  return q.executeTakeFirst();
}

/** A dispute by the slug of its page (/disputes/:slug); with `publicOnly`, only as readers see it. */
export async function findDisputeBySlug(
  db: Db,
  slug: string,
  { publicOnly = false }: { publicOnly?: boolean } = {},
): Promise<DisputeRow | undefined> {
  return db
    .selectFrom('dispute')
    .selectAll()
    .where('slug', '=', slug)
    .$if(publicOnly, (q) => q.where(disputeIsPublic('dispute')))
    .executeTakeFirst();
}

/** A second dispute over the same two claims (in either order): refused, naming the first. */
export class TwinDispute extends RuleViolation {
  constructor(readonly twin: Pick<DisputeRow, 'id' | 'slug' | 'question'>) {
    super(englishQuoting('dispute.rule.twin', { question: twin.question }), 'claim_b');
    this.name = 'TwinDispute';
  }
}

/** The dispute over these two claims, in either order (but `exceptId`), if there is one. */
export async function findDisputeOverPair(
  db: Db,
  claimA: number,
  claimB: number,
  exceptId?: number,
): Promise<Pick<DisputeRow, 'id' | 'slug' | 'question'> | undefined> {
  return db
    .selectFrom('dispute')
    .select(['id', 'slug', 'question'])
    .where((eb) =>
      eb.or([
        eb.and([eb('claim_a_id', '=', claimA), eb('claim_b_id', '=', claimB)]),
        eb.and([eb('claim_a_id', '=', claimB), eb('claim_b_id', '=', claimA)]),
      ]),
    )
    .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId!))
    .orderBy('id')
    .executeTakeFirst();
}

async function checkSides(db: Db, input: DisputeInput): Promise<void> {
  if (input.claim_a_id === input.claim_b_id) {
    throw new RuleViolation(english('dispute.invalid.sameSides'), 'claim_b');
  }
  const found = await db.selectFrom('claim').select('id').where('id', 'in', [input.claim_a_id, input.claim_b_id]).execute();
  const ids = new Set(found.map((r) => r.id));
  if (!ids.has(input.claim_a_id)) throw new RuleViolation(english('claim.rule.noSuchClaim'), 'claim_a');
  if (!ids.has(input.claim_b_id)) throw new RuleViolation(english('claim.rule.noSuchClaim'), 'claim_b');
}

async function resolveSlug(db: Db, input: DisputeInput, exceptId?: number): Promise<string> {
  if (input.slug) {
    let q = db.selectFrom('dispute').select('id').where('slug', '=', input.slug);
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new RuleViolation(englishQuoting('dispute.rule.slugInUse', { slug: input.slug }), 'slug');
    return input.slug;
  }
  const base = slugify(input.question) || 'dispute';
  let q = db.selectFrom('dispute').select('slug').where('slug', 'like', `${base}%`);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return nextFreeSlug(base, new Set((await q.execute()).map((r) => r.slug)));
}

/**
 * When a dispute was first published: set the first time it leaves draft, then kept through edits,
 * retraction (a retracted dispute is still shown, in its place) and a return to draft.
 */
const publishedAt = (state: State, before: string | null, now: string): string | null => before ?? (state === 'draft' ? null : now);

export async function insertDispute(db: Db, input: DisputeInput, audit?: Audit): Promise<DisputeRow> {
  await checkSides(db, input);
  const now = nowIso();
  const row = await db
    .insertInto('dispute')
    .values({
      question: input.question,
      slug: await resolveSlug(db, input),
      summary: input.summary ?? null,
      status: input.status,
      state: input.state,
      claim_a_id: input.claim_a_id,
      claim_b_id: input.claim_b_id,
      version: 1,
      created_at: now,
      updated_at: now,
      published_at: publishedAt(input.state, null, now),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordRevision(db, { entity: 'dispute', entityId: row.id, action: 'create', audit, after: row });
  return row;
}

export async function updateDispute(db: Db, id: number, expectedVersion: number, input: DisputeInput, audit?: Audit): Promise<DisputeRow> {
  await checkSides(db, input);
  const existing = await findDisputeById(db, id);
  if (!existing) throw new NotFound(english('dispute.rule.noSuchDispute'));
  // Keep the published URL stable unless the editor deliberately types a new slug.
  const slug = input.slug ? await resolveSlug(db, input, id) : existing.slug;
  const now = nowIso();
  const row = await db
    .updateTable('dispute')
    .set((eb) => ({
      question: input.question,
      slug,
      summary: input.summary ?? null,
      status: input.status,
      state: input.state,
      claim_a_id: input.claim_a_id,
      claim_b_id: input.claim_b_id,
      version: eb('version', '+', 1),
      updated_at: now,
      published_at: publishedAt(input.state, existing.published_at, now),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const current = await findDisputeById(db, id);
    throw new VersionConflict(current?.version ?? existing.version);
  }
  await recordRevision(db, { entity: 'dispute', entityId: id, action: 'update', audit, before: existing, after: row });
  return row;
}

export async function deleteDispute(db: Db, id: number, audit?: Audit): Promise<void> {
  const existing = await findDisputeById(db, id);
  if (!existing) throw new NotFound(english('dispute.rule.noSuchDispute'));
  await db.deleteFrom('dispute').where('id', '=', id).execute();
  await recordRevision(db, { entity: 'dispute', entityId: id, action: 'delete', audit, before: existing });
}
