import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import { reusableQuery } from '../db/reusable-query';
import type { Claim } from '../db/schema';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation, VersionConflict } from '../domain/errors';
import type { CitationRole, ClaimKind, DatePrecision, State } from '../domain/vocabulary';
import { recordRevision, type Audit } from '../editorial/revision.repository';
import { findOrCreateTopics } from '../topics/topic.repository';
import { filteredClaims, orderClaims, withTopicId, type ClaimFilters } from './claim-filter.repository';
import { english, englishQuoting } from '../http/localized';

export type ClaimRow = Selectable<Claim>;

export interface CitationInput {
  source_id: number;
  role: CitationRole;
  excerpt?: string | null | undefined;
}

export interface ClaimInput {
  claimant_id: number;
  text: string;
  quote?: string | null | undefined;
  quote_language?: string | null | undefined;
  said_on?: string | null | undefined;
  said_precision?: DatePrecision | null | undefined;
  said_where?: string | null | undefined;
  kind: ClaimKind;
  review_due_on?: string | null | undefined;
  verdict: string;
  verdict_rationale?: string | null | undefined;
  state: State;
  topics: readonly string[];
  citations: readonly CitationInput[];
}

function columns(input: ClaimInput) {
  return {
    claimant_id: input.claimant_id,
    text: input.text,
    quote: input.quote ?? null,
    quote_language: input.quote ? (input.quote_language ?? null) : null,
    said_on: input.said_on ?? null,
    said_precision: input.said_on ? (input.said_precision ?? 'day') : null,
    said_where: input.said_where ?? null,
    kind: input.kind,
    review_due_on: input.review_due_on ?? null,
    verdict: input.verdict,
    verdict_rationale: input.verdict_rationale ?? null,
    state: input.state,
  };
}

// The queries of saving a claim are compiled once (see src/db/reusable-query.ts): the API writes many.
type ClaimColumns = ReturnType<typeof columns>;
const CLAIM_COLUMNS = [
  'claimant_id',
  'text',
  'quote',
  'quote_language',
  'said_on',
  'said_precision',
  'said_where',
  'kind',
  'review_due_on',
  'verdict',
  'verdict_rationale',
  'state',
] as const satisfies ReadonlyArray<keyof ClaimColumns>;
const insertClaimRow = reusableQuery([...CLAIM_COLUMNS, 'now'], (db, { now, ...values }: ClaimColumns & { now: string }) =>
  db
    .insertInto('claim')
    .values({ ...values, version: 1, created_at: now, updated_at: now })
    .returningAll(),
);
const claimById = reusableQuery(['id'], (db, { id }: { id: number }) => db.selectFrom('claim').selectAll().where('id', '=', id));
const claimantExists = reusableQuery(['id'], (db, { id }: { id: number }) => db.selectFrom('claimant').select('id').where('id', '=', id));
const verdictExists = reusableQuery(['key'], (db, { key }: { key: string }) =>
  db.selectFrom('verdict_rating').select('key').where('key', '=', key),
);
const sourceExists = reusableQuery(['id'], (db, { id }: { id: number }) => db.selectFrom('source').select('id').where('id', '=', id));
const deleteClaimTopics = reusableQuery(['claimId'], (db, { claimId }: { claimId: number }) =>
  db.deleteFrom('claim_topic').where('claim_id', '=', claimId),
);
const insertClaimTopic = reusableQuery(['claim_id', 'topic_id'], (db, row: { claim_id: number; topic_id: number }) =>
  db.insertInto('claim_topic').values(row),
);
const deleteCitations = reusableQuery(['claimId'], (db, { claimId }: { claimId: number }) =>
  db.deleteFrom('citation').where('claim_id', '=', claimId),
);
const insertCitation = reusableQuery(
  ['claim_id', 'source_id', 'role', 'excerpt', 'created_at'],
  (db, row: { claim_id: number; source_id: number; role: string; excerpt: string | null; created_at: string }) =>
    db.insertInto('citation').values(row),
);
const topicNamesOfClaim = reusableQuery(['id'], (db, { id }: { id: number }) =>
  db
    .selectFrom('claim_topic as ct')
    .innerJoin('topic as t', 't.id', 'ct.topic_id')
    .select('t.name')
    .where('ct.claim_id', '=', id)
    .orderBy('t.name'),
);
const citationsOfClaim = reusableQuery(['id'], (db, { id }: { id: number }) =>
  db.selectFrom('citation').select(['id', 'source_id', 'role', 'excerpt']).where('claim_id', '=', id).orderBy('id'),
);

async function replaceTopicsAndCitations(db: Db, claimId: number, input: ClaimInput): Promise<void> {
  await deleteClaimTopics.run(db, { claimId });
  for (const topic of await findOrCreateTopics(db, input.topics)) await insertClaimTopic.run(db, { claim_id: claimId, topic_id: topic.id });
  await deleteCitations.run(db, { claimId });
  const seen = new Set<string>();
  const now = nowIso();
  const rows = input.citations
    .filter((c) => {
      const key = `${c.source_id}/${c.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((c) => ({ claim_id: claimId, source_id: c.source_id, role: c.role, excerpt: c.excerpt ?? null, created_at: now }));
  for (const row of rows) await insertCitation.run(db, row);
}

/**
 * Refuses a claim whose claimant, verdict or cited sources do not exist, naming the field
 * (`citations.<n>.source_id` counts the input's citations from 0).
 */
async function checkReferences(db: Db, input: ClaimInput): Promise<void> {
  if (!(await claimantExists.first(db, { id: input.claimant_id })))
    throw new RuleViolation(english('claim.rule.claimantGone'), 'claimant_id');
  if (!(await verdictExists.first(db, { key: input.verdict }))) throw new RuleViolation(english('claim.rule.verdictNotOnScale'), 'verdict');
  const wanted = [...new Set(input.citations.map((c) => c.source_id))];
  if (wanted.length === 0) return;
  const found = new Set<number>();
  for (const id of wanted) if (await sourceExists.first(db, { id })) found.add(id);
  const missing = input.citations.findIndex((c) => !found.has(c.source_id));
  if (missing >= 0) throw new RuleViolation(english('claim.rule.sourceGone'), `citations.${missing}.source_id`);
}

/** A claim as the history records it: its columns, topic names and citations. */
export interface ClaimSnapshot extends ClaimRow {
  topics: string[];
  citations: Array<{ id: number; source_id: number; role: string; excerpt: string | null }>;
}

export async function claimSnapshot(db: Db, id: number): Promise<ClaimSnapshot | undefined> {
  const claim = await findClaimById(db, id);
  if (!claim) return undefined;
  const topics = await topicNamesOfClaim.rows(db, { id });
  const citations = await citationsOfClaim.rows(db, { id });
  return { ...claim, topics: topics.map((t) => t.name), citations };
}

const citationKey = (c: { source_id: number; role: string }) => `${c.source_id}/${c.role}`;

/** Records the claim revision, and the verdict and citation revisions that a change implies. */
async function recordClaimChange(
  db: Db,
  action: 'create' | 'update' | 'delete',
  id: number,
  before: ClaimSnapshot | undefined,
  after: ClaimSnapshot | undefined,
  audit: Audit | undefined,
): Promise<void> {
  await recordRevision(db, { entity: 'claim', entityId: id, action, audit, before, after, claimId: id });
  const bv = before ? { verdict: before.verdict, verdict_rationale: before.verdict_rationale, state: before.state } : null;
  const av = after ? { verdict: after.verdict, verdict_rationale: after.verdict_rationale, state: after.state } : null;
  const verdictChanged =
    (bv?.verdict ?? null) !== (av?.verdict ?? null) || (bv?.verdict_rationale ?? null) !== (av?.verdict_rationale ?? null);
  if (verdictChanged && action !== 'delete') {
    const claimText = (after ?? before)!.text;
    await recordRevision(db, {
      entity: 'verdict',
      entityId: id,
      action: before ? 'update' : 'create',
      audit,
      claimId: id,
      before: bv ? { ...bv, claim_text: claimText } : null,
      after: av ? { ...av, claim_text: claimText } : null,
      // A correction is a change of rating that readers could already see.
      publicCorrection: before?.state === 'published' && bv?.verdict !== av?.verdict,
    });
  }
  const old = new Map((before?.citations ?? []).map((c) => [citationKey(c), c]));
  const now = new Map((after?.citations ?? []).map((c) => [citationKey(c), c]));
  for (const [key, c] of now) {
    const was = old.get(key);
    if (!was) await recordRevision(db, { entity: 'citation', entityId: c.id, action: 'create', audit, after: c, claimId: id });
    else if (was.excerpt !== c.excerpt)
      await recordRevision(db, { entity: 'citation', entityId: c.id, action: 'update', audit, before: was, after: c, claimId: id });
  }
  for (const [key, c] of old) {
    if (!now.has(key)) await recordRevision(db, { entity: 'citation', entityId: c.id, action: 'delete', audit, before: c, claimId: id });
  }
}

/** Creates a claim with its topics and citations, and records it in the history. Call inside a transaction. */
export async function insertClaim(db: Db, input: ClaimInput, audit?: Audit): Promise<ClaimRow> {
  await checkReferences(db, input);
  const now = nowIso();
  const claim = (await insertClaimRow.first(db, { ...columns(input), now }))!;
  await replaceTopicsAndCitations(db, claim.id, input);
  await recordClaimChange(db, 'create', claim.id, undefined, await claimSnapshot(db, claim.id), audit);
  return claim;
}

/**
 * Saves an edit made from `expectedVersion`. If someone saved in between, nothing is written and
 * VersionConflict says which version is current. Records the revision. Call inside a transaction.
 */
export async function updateClaim(db: Db, id: number, expectedVersion: number, input: ClaimInput, audit?: Audit): Promise<ClaimRow> {
  const before = await claimSnapshot(db, id);
  if (!before) throw new NotFound(english('claim.rule.noSuchClaim'));
  await checkReferences(db, input);
  const claim = await db
    .updateTable('claim')
    .set((eb) => ({ ...columns(input), version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!claim) {
    const current = await findClaimById(db, id);
    if (!current) throw new NotFound(english('claim.rule.noSuchClaim'));
    throw new VersionConflict(current.version);
  }
  await replaceTopicsAndCitations(db, id, input);
  await recordClaimChange(db, 'update', id, before, await claimSnapshot(db, id), audit);
  return claim;
}

export async function findClaimById(db: Db, id: number): Promise<ClaimRow | undefined> {
  return claimById.first(db, { id });
}

/** Refuses while a dispute frames the claim; citations, topics and links go with it. */
export async function deleteClaim(db: Db, id: number, audit?: Audit): Promise<void> {
  const disputes = await db
    .selectFrom('dispute')
    .select('question')
    .where((eb) => eb.or([eb('claim_a_id', '=', id), eb('claim_b_id', '=', id)]))
    .execute();
  if (disputes.length) {
    throw new RuleViolation(
      englishQuoting('claim.rule.sideOfDispute', { count: String(disputes.length), question: disputes[0]!.question }),
    );
  }
  const before = await claimSnapshot(db, id);
  if (!before) throw new NotFound(english('claim.rule.noSuchClaim'));
  // The links go with the claim (ON DELETE CASCADE); record them first so every history shows the loss.
  const links = await db
    .selectFrom('claim_link')
    .selectAll()
    .where((eb) => eb.or([eb('from_claim_id', '=', id), eb('to_claim_id', '=', id)]))
    .execute();
  for (const link of links) {
    await recordRevision(db, {
      entity: 'link',
      entityId: link.id,
      action: 'delete',
      audit,
      before: link,
      claimId: link.from_claim_id,
      otherClaimId: link.to_claim_id,
    });
  }
  await db.deleteFrom('claim').where('id', '=', id).execute();
  await recordClaimChange(db, 'delete', id, before, undefined, audit);
}

export interface ClaimPickerOption {
  id: number;
  text: string;
  claimant_name: string;
  claimant_id: number;
}

/** Every claim as "who: what", for the type-to-find pickers on the desk. */
export async function listClaimsForPicker(db: Db): Promise<ClaimPickerOption[]> {
  return db
    .selectFrom('claim')
    .innerJoin('claimant', 'claimant.id', 'claim.claimant_id')
    .select(['claim.id', 'claim.text', 'claimant.name as claimant_name', 'claim.claimant_id'])
    .orderBy('claim.id', 'desc')
    .execute();
}

export interface ClaimListRow extends ClaimRow {
  claimant_name: string;
  claimant_slug: string;
}

/** Claims for the desk list, newest first. */
export async function listClaimsForDesk(db: Db, limit = 200): Promise<ClaimListRow[]> {
  return db
    .selectFrom('claim')
    .innerJoin('claimant', 'claimant.id', 'claim.claimant_id')
    .selectAll('claim')
    .select(['claimant.name as claimant_name', 'claimant.slug as claimant_slug'])
    .orderBy('claim.updated_at', 'desc')
    .orderBy('claim.id', 'desc')
    .limit(limit)
    .execute();
}

/** One page of the ids of the claims that pass the filters, in the list's order. */
export async function claimIdsPage(
  db: Db,
  filters: ClaimFilters,
  { publicOnly, limit, offset }: { publicOnly: boolean; limit: number; offset: number },
): Promise<number[]> {
  const rows = await orderClaims(filteredClaims(db, await withTopicId(db, filters), { publicOnly }).select('c.id'), filters.sort)
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => r.id);
}
