import type { Db } from '../db/connection';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation } from '../domain/errors';
import type { CitationRole } from '../domain/vocabulary';
import { recordRevision, type Audit } from '../editorial/revision.repository';
import { citationIsPublic } from '../db/visibility';
import { english } from '../http/localized';

// A claim's citations one by one (the API's /citations); the claim form replaces them all at once
// (claim.repository.ts).

/** What readers (no session, no token) may read: the citations of claims that are not drafts. */
export function visibleCitations(db: Db, publicOnly: boolean) {
  return db.selectFrom('citation').$if(publicOnly, (q) => q.where(citationIsPublic('citation')));
}

export async function listCitations(db: Db, claimId: number) {
  return db.selectFrom('citation').selectAll().where('claim_id', '=', claimId).orderBy('id').execute();
}

export async function findCitation(db: Db, id: number, publicOnly = false) {
  return visibleCitations(db, publicOnly).selectAll('citation').where('citation.id', '=', id).executeTakeFirst();
}

export async function insertCitation(
  db: Db,
  claimId: number,
  input: { source_id: number; role: CitationRole; excerpt: string | null },
  audit?: Audit,
) {
  const duplicate = await db
    .selectFrom('citation')
    .select('id')
    .where('claim_id', '=', claimId)
    .where('source_id', '=', input.source_id)
    .where('role', '=', input.role)
    .executeTakeFirst();
  if (duplicate) throw new RuleViolation(english('claim.rule.citedTwice'), 'source_id');
  const row = await db
    .insertInto('citation')
    .values({ claim_id: claimId, ...input, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordRevision(db, { entity: 'citation', entityId: row.id, action: 'create', audit, after: row, claimId });
  return row;
}

export async function updateCitation(
  db: Db,
  id: number,
  input: { source_id: number; role: CitationRole; excerpt: string | null },
  audit?: Audit,
) {
  const before = await findCitation(db, id);
  const row = await db.updateTable('citation').set(input).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFound(english('claim.rule.noSuchCitation'));
  await recordRevision(db, { entity: 'citation', entityId: id, action: 'update', audit, before, after: row, claimId: row.claim_id });
  return row;
}

export async function deleteCitation(db: Db, id: number, audit?: Audit) {
  const row = await db.deleteFrom('citation').where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFound(english('claim.rule.noSuchCitation'));
  await recordRevision(db, { entity: 'citation', entityId: id, action: 'delete', audit, before: row, claimId: row.claim_id });
}
