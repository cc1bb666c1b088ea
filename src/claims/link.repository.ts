import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { ClaimLink } from '../db/schema';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation } from '../domain/errors';
import { recordRevision, type Audit } from '../editorial/revision.repository';
import { SYMMETRIC_LINK_TYPES, type LinkType } from '../domain/vocabulary';
import { claimIsPublic, claimLinkIsPublic } from '../db/visibility';
import { english } from '../http/localized';

export type LinkRow = Selectable<ClaimLink>;

export interface LinkInput {
  from_claim_id: number;
  to_claim_id: number;
  type: LinkType;
  note?: string | null | undefined;
}

/** Adds a typed link; refuses self-links and duplicates (in both directions for symmetric types). */
export async function insertLink(db: Db, input: LinkInput, audit?: Audit): Promise<LinkRow> {
  if (input.from_claim_id === input.to_claim_id) {
    throw new RuleViolation(english('claim.rule.linkSelf'), 'to_claim');
  }
  const ends = await db.selectFrom('claim').select('id').where('id', 'in', [input.from_claim_id, input.to_claim_id]).execute();
  if (ends.length !== 2) throw new RuleViolation(english('claim.rule.linkMissing'), 'to_claim');
  const symmetric = SYMMETRIC_LINK_TYPES.includes(input.type);
  const duplicate = await db
    .selectFrom('claim_link')
    .select('id')
    .where('type', '=', input.type)
    .where((eb) =>
      eb.or([
        eb.and([eb('from_claim_id', '=', input.from_claim_id), eb('to_claim_id', '=', input.to_claim_id)]),
        ...(symmetric ? [eb.and([eb('from_claim_id', '=', input.to_claim_id), eb('to_claim_id', '=', input.from_claim_id)])] : []),
      ]),
    )
    .executeTakeFirst();
  if (duplicate) throw new RuleViolation(english('claim.rule.linkedTwice', { type: input.type }), 'to_claim');
  const link = await db
    .insertInto('claim_link')
    .values({
      from_claim_id: input.from_claim_id,
      to_claim_id: input.to_claim_id,
      type: input.type,
      note: input.note ?? null,
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordRevision(db, {
    entity: 'link',
    entityId: link.id,
    action: 'create',
    audit,
    after: link,
    claimId: link.from_claim_id,
    otherClaimId: link.to_claim_id,
  });
  return link;
}

export async function deleteLink(db: Db, id: number, audit?: Audit): Promise<LinkRow> {
  const row = await db.deleteFrom('claim_link').where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFound(english('claim.rule.noSuchLink'));
  await recordRevision(db, {
    entity: 'link',
    entityId: row.id,
    action: 'delete',
    audit,
    before: row,
    claimId: row.from_claim_id,
    otherClaimId: row.to_claim_id,
  });
  return row;
}

export interface LinkedClaim {
  link_id: number;
  type: string;
  note: string | null;
  /** 'out' when this claim is the link's subject ("this supports that"), 'in' otherwise. */
  direction: 'out' | 'in';
  claim_id: number;
  claim_text: string;
  claim_state: string;
  claimant_name: string;
  claimant_slug: string;
}

/** The links touching any of these claims, with the claim at the other end; two queries at most. */
export async function listLinksOf(db: Db, claimIds: readonly number[]): Promise<Map<number, LinkedClaim[]>> {
  const result = new Map<number, LinkedClaim[]>();
  if (claimIds.length === 0) return result;
  const rows = await db
    .selectFrom('claim_link as l')
    .innerJoin('claim as f', 'f.id', 'l.from_claim_id')
    .innerJoin('claim as t', 't.id', 'l.to_claim_id')
    .innerJoin('claimant as fc', 'fc.id', 'f.claimant_id')
    .innerJoin('claimant as tc', 'tc.id', 't.claimant_id')
    .select([
      'l.id',
      'l.type',
      'l.note',
      'l.from_claim_id',
      'l.to_claim_id',
      'f.text as from_text',
      'f.state as from_state',
      'fc.name as from_claimant',
      'fc.slug as from_slug',
      't.text as to_text',
      't.state as to_state',
      'tc.name as to_claimant',
      'tc.slug as to_slug',
    ])
    .where((eb) => eb.or([eb('l.from_claim_id', 'in', claimIds), eb('l.to_claim_id', 'in', claimIds)]))
    .orderBy('l.id')
    .execute();
  const wanted = new Set(claimIds);
  const push = (id: number, item: LinkedClaim) => {
    if (!wanted.has(id)) return;
    const list = result.get(id) ?? [];
    list.push(item);
    result.set(id, list);
  };
  for (const r of rows) {
    push(r.from_claim_id, {
      link_id: r.id,
      type: r.type,
      note: r.note,
      direction: 'out',
      claim_id: r.to_claim_id,
      claim_text: r.to_text,
      claim_state: r.to_state,
      claimant_name: r.to_claimant,
      claimant_slug: r.to_slug,
    });
    push(r.to_claim_id, {
      link_id: r.id,
      type: r.type,
      note: r.note,
      direction: 'in',
      claim_id: r.from_claim_id,
      claim_text: r.from_text,
      claim_state: r.from_state,
      claimant_name: r.from_claimant,
      claimant_slug: r.from_slug,
    });
  }
  return result;
}

/** What readers (no session, no token) may read: links between claims that are not drafts. */
export function visibleLinks(db: Db, publicOnly: boolean) {
  return db.selectFrom('claim_link').$if(publicOnly, (q) => q.where(claimLinkIsPublic('claim_link')));
}

export async function listLinks(db: Db, { limit, offset }: { limit: number; offset: number }, publicOnly = false) {
  return visibleLinks(db, publicOnly).selectAll('claim_link').orderBy('claim_link.id').limit(limit).offset(offset).execute();
}

export async function countLinks(db: Db, publicOnly: boolean): Promise<number> {
  const { n } = await visibleLinks(db, publicOnly)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findLink(db: Db, id: number, publicOnly = false) {
  return visibleLinks(db, publicOnly).selectAll('claim_link').where('claim_link.id', '=', id).executeTakeFirst();
}

export async function updateLink(db: Db, id: number, input: { type: LinkType; note: string | null }, audit?: Audit) {
  const before = await findLink(db, id);
  const row = await db.updateTable('claim_link').set(input).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFound(english('claim.rule.noSuchLink'));
  await recordRevision(db, {
    entity: 'link',
    entityId: id,
    action: 'update',
    audit,
    before,
    after: row,
    claimId: row.from_claim_id,
    otherClaimId: row.to_claim_id,
  });
  return row;
}

/** A link between these claims is public when neither of them is a draft (for the editorial rules). */
export async function linkIsPublic(db: Db, fromClaimId: number, toClaimId: number): Promise<boolean> {
  const hidden = await db
    .selectFrom('claim')
    .select('id')
    .where('id', 'in', [fromClaimId, toClaimId])
    .where((eb) => eb.not(claimIsPublic('claim')(eb)))
    .execute();
  return hidden.length === 0;
}
