import type { Db } from '../db/connection';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation } from '../domain/errors';
import type { CitationRole, LinkType } from '../domain/vocabulary';
import { recordRevision, type Audit } from '../editorial/revision.repository';

// The few writes the API needs that the desk repositories do not have (single citations and links).

export async function listCitations(db: Db, claimId: number) {
  return db.selectFrom('citation').selectAll().where('claim_id', '=', claimId).orderBy('id').execute();
}

export async function findCitation(db: Db, id: number, publicOnly = false) {
  return visibleCitations(db, publicOnly).selectAll('citation').where('citation.id', '=', id).executeTakeFirst();
}

export async function insertCitation(db: Db, claimId: number, input: { source_id: number; role: CitationRole; excerpt: string | null }, audit?: Audit) {
  const duplicate = await db.selectFrom('citation').select('id')
    .where('claim_id', '=', claimId).where('source_id', '=', input.source_id).where('role', '=', input.role).executeTakeFirst();
  if (duplicate) throw new RuleViolation('The claim already cites this source in this role.', 'source_id');
  const row = await db.insertInto('citation').values({ claim_id: claimId, ...input, created_at: nowIso() }).returningAll().executeTakeFirstOrThrow();
  await recordRevision(db, { entity: 'citation', entityId: row.id, action: 'create', audit, after: row, claimId });
  return row;
}

export async function updateCitation(db: Db, id: number, input: { source_id: number; role: CitationRole; excerpt: string | null }, audit?: Audit) {
  const before = await findCitation(db, id);
  const row = await db.updateTable('citation').set(input).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFound('No such citation.');
  await recordRevision(db, { entity: 'citation', entityId: id, action: 'update', audit, before, after: row, claimId: row.claim_id });
  return row;
}

export async function deleteCitation(db: Db, id: number, audit?: Audit) {
  const row = await db.deleteFrom('citation').where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFound('No such citation.');
  await recordRevision(db, { entity: 'citation', entityId: id, action: 'delete', audit, before: row, claimId: row.claim_id });
}

export async function listLinks(db: Db, { limit, offset }: { limit: number; offset: number }, publicOnly = false) {
  return visibleLinks(db, publicOnly).selectAll('claim_link').orderBy('claim_link.id').limit(limit).offset(offset).execute();
}

export async function findLink(db: Db, id: number, publicOnly = false) {
  return visibleLinks(db, publicOnly).selectAll('claim_link').where('claim_link.id', '=', id).executeTakeFirst();
}

export async function updateLink(db: Db, id: number, input: { type: LinkType; note: string | null }, audit?: Audit) {
  const before = await findLink(db, id);
  const row = await db.updateTable('claim_link').set(input).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFound('No such link.');
  await recordRevision(db, { entity: 'link', entityId: id, action: 'update', audit, before, after: row, claimId: row.from_claim_id, otherClaimId: row.to_claim_id });
  return row;
}

// What readers (no session, no token) may read: a claimant or a source only once a claim that is not a
// draft names or cites it; a citation or a link only when the claims it ties are not drafts.
const draftClaimIds = (db: Db) => db.selectFrom('claim as draft_claim').select('draft_claim.id').where('draft_claim.state', '=', 'draft');

export function visibleClaimants(db: Db, publicOnly: boolean) {
  return db.selectFrom('claimant').$if(publicOnly, (q) =>
    q.where((eb) => eb.exists(eb.selectFrom('claim as vc').select('vc.id').whereRef('vc.claimant_id', '=', 'claimant.id').where('vc.state', '<>', 'draft'))),
  );
}

export function visibleSources(db: Db, publicOnly: boolean) {
  return db.selectFrom('source').$if(publicOnly, (q) =>
    q.where((eb) =>
      eb.exists(
        eb.selectFrom('citation as vci').innerJoin('claim as vc', 'vc.id', 'vci.claim_id').select('vci.id')
          .whereRef('vci.source_id', '=', 'source.id').where('vc.state', '<>', 'draft'),
      ),
    ),
  );
}

export function visibleCitations(db: Db, publicOnly: boolean) {
  return db.selectFrom('citation').$if(publicOnly, (q) => q.where('citation.claim_id', 'not in', draftClaimIds(db)));
}

export function visibleLinks(db: Db, publicOnly: boolean) {
  return db.selectFrom('claim_link').$if(publicOnly, (q) =>
    q.where('claim_link.from_claim_id', 'not in', draftClaimIds(db)).where('claim_link.to_claim_id', 'not in', draftClaimIds(db)),
  );
}

const VISIBLE = { claimants: visibleClaimants, sources: visibleSources, links: visibleLinks } as const;

/** How many rows of a kind the caller may read. */
export async function countVisible(db: Db, kind: keyof typeof VISIBLE, publicOnly: boolean) {
  // The three builders differ in their table, so count through a plain subquery of each.
  const rows = VISIBLE[kind](db, publicOnly) as unknown as ReturnType<typeof visibleLinks>;
  const { n } = await rows.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function claimantsPage(db: Db, { limit, offset }: { limit: number; offset: number }, publicOnly: boolean) {
  return visibleClaimants(db, publicOnly).selectAll('claimant').orderBy('claimant.id').limit(limit).offset(offset).execute();
}

export async function sourcesPage(db: Db, { limit, offset }: { limit: number; offset: number }, publicOnly: boolean) {
  return visibleSources(db, publicOnly).selectAll('source').orderBy('source.id').limit(limit).offset(offset).execute();
}

export async function existingIds(db: Db, table: 'claimant' | 'source' | 'claim' | 'verdict_rating', ids: readonly (number | string)[]) {
  if (!ids.length) return new Set<number | string>();
  if (table === 'verdict_rating') {
    return new Set((await db.selectFrom('verdict_rating').select('key').where('key', 'in', ids as string[]).execute()).map((r) => r.key as string));
  }
  return new Set((await db.selectFrom(table).select('id').where('id', 'in', ids as number[]).execute()).map((r) => r.id));
}
