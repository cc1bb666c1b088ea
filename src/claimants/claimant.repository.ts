import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/connection';
import type { Claimant } from '../db/schema';
import { contains } from '../db/contains';
import { claimantIsPublic } from '../db/visibility';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation } from '../domain/errors';
import { nextFreeSlug, slugify } from '../domain/slug';
import { matchKey } from '../domain/match-key';
import type { ClaimantKind } from '../domain/vocabulary';
import { english, englishQuoting } from '../http/localized';
import { findClaimantIdByAlias, replaceClaimantAliases } from './claimant-alias.repository';

export type ClaimantRow = Selectable<Claimant>;

export interface ClaimantInput {
  name: string;
  slug?: string | null | undefined;
  kind: ClaimantKind;
  description?: string | null | undefined;
  /** Other names the claimant is known by; undefined leaves them as they are. */
  aliases?: readonly string[] | undefined;
}

export async function listClaimants(db: Db): Promise<ClaimantRow[]> {
  return db.selectFrom('claimant').selectAll().orderBy('name').execute();
}

export async function findClaimantById(db: Db, id: number): Promise<ClaimantRow | undefined> {
  return db.selectFrom('claimant').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * What readers (no session, no token) may read: a claimant only once a claim that is not a draft names it.
 * `name`: whose name, or one of whose aliases (accents and case ignored), contains it.
 */
export function visibleClaimants(db: Db, publicOnly: boolean, name?: string) {
  // Punctuation alone ("%") has no key: it can only match names themselves.
  const aliasKey = name ? matchKey(name) : '';
  return db
    .selectFrom('claimant')
    .$if(publicOnly, (q) => q.where(claimantIsPublic('claimant.id')))
    .$if(!!name, (q) =>
      q.where((eb) => {
        const matches = [contains('claimant.name', name!)(eb)];
        if (aliasKey)
          matches.push(
            eb.exists(
              eb
                .selectFrom('claimant_alias as ca')
                .select('ca.id')
                .whereRef('ca.claimant_id', '=', 'claimant.id')
                .where(contains('ca.name_key', aliasKey)),
            ),
          );
        return eb.or(matches);
      }),
    );
}

export async function findVisibleClaimant(db: Db, id: number, publicOnly: boolean): Promise<ClaimantRow | undefined> {
  return visibleClaimants(db, publicOnly).selectAll('claimant').where('claimant.id', '=', id).executeTakeFirst();
}

export async function claimantsPage(
  db: Db,
  { limit, offset, q }: { limit: number; offset: number; q?: string | undefined },
  publicOnly: boolean,
): Promise<ClaimantRow[]> {
  return visibleClaimants(db, publicOnly, q).selectAll('claimant').orderBy('claimant.id').limit(limit).offset(offset).execute();
}

export async function countClaimants(db: Db, publicOnly: boolean, q?: string): Promise<number> {
  const { n } = await visibleClaimants(db, publicOnly, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findClaimantBySlug(db: Db, slug: string): Promise<ClaimantRow | undefined> {
  return db.selectFrom('claimant').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/**
 * How claimant names compare: trimmed, NFC-normalised and case-folded (Unicode, not ASCII only), so
 * "  ÉMILE Dupont " and a decomposed "Émile Dupont" are the same claimant. Every lookup by name uses it.
 */
export function claimantNameKey(name: string): string {
  return storedClaimantName(name).toLowerCase();
}
const nameKey = claimantNameKey;

/** A claimant's name as it is stored: trimmed and NFC-normalised, so lookups by length and case can find it. */
export function storedClaimantName(name: string): string {
  return name.trim().normalize('NFC');
}

// How many letters that lengthen when lower-cased ("İ") a name may hold and still be found.
const EXPANDING_LETTERS = 3;

/**
 * Case-insensitive match on the name, so "kremlin" finds "Kremlin" instead of making a twin; then on the
 * claimants' aliases, so "Zelenskyj" finds Volodymyr Zelensky (the desk, the API and the importer alike).
 */
export async function findClaimantByName(db: Db, name: string, exceptId?: number): Promise<ClaimantRow | undefined> {
  const byName = await findClaimantByOwnName(db, name, exceptId);
  if (byName) return byName;
  const aliasOf = await findClaimantIdByAlias(db, name, exceptId);
  return aliasOf === undefined ? undefined : findClaimantById(db, aliasOf);
}

async function findClaimantByOwnName(db: Db, name: string, exceptId?: number): Promise<ClaimantRow | undefined> {
  const key = nameKey(name);
  let q = db.selectFrom('claimant').selectAll();
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  // SQLite's lower() folds ASCII only; names with other letters ("Укрзалізниця", "Élysée") are
  // compared here instead, among the names of about the same length: the database narrows fifty
  // thousand claimants to a handful before any row reaches JavaScript. Lower-casing can lengthen a
  // name ("İ" becomes "i" and a combining dot), never shorten it, so a stored name is at most as long
  // as its key, and a few characters shorter when it holds such letters.
  // eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, is the point
  if (/^[\x00-\x7f]*$/.test(key)) {
    return q.where((eb) => eb(eb.fn('lower', ['name']), '=', key)).executeTakeFirst();
  }
  const length = [...key].length;
  const similar = await q.where((eb) => eb.between(eb.fn('length', ['name']), length - EXPANDING_LETTERS, length)).execute();
  return similar.find((c) => nameKey(c.name) === key);
}

async function refuseTwin(db: Db, name: string, exceptId?: number): Promise<void> {
  const twin = await findClaimantByName(db, name, exceptId);
  if (twin) {
    throw new RuleViolation(englishQuoting('claimant.rule.twin', { name: twin.name }), 'name');
  }
}

/** The claimant with this name (case-insensitively), created with `kind` if there is none. */
export async function findOrCreateClaimant(db: Db, input: { name: string; kind: ClaimantKind }): Promise<ClaimantRow> {
  return (await findClaimantByName(db, input.name)) ?? insertClaimant(db, input);
}

/** A claim form's claimant: the one picked, or the one typed inline (an existing claimant of that name, else a new one). */
export async function claimantIdFor(
  db: Db,
  data: { claimant_id: number | null; new_claimant_name: string | null; new_claimant_kind: ClaimantKind },
): Promise<number> {
  if (data.claimant_id !== null) return data.claimant_id;
  if (!data.new_claimant_name) throw new RuleViolation(english('claim.invalid.noClaimant'), 'claimant_id');
  return (await findOrCreateClaimant(db, { name: data.new_claimant_name, kind: data.new_claimant_kind })).id;
}

export interface ClaimantListRow extends ClaimantRow {
  claim_count: number;
}

/** Claimants for the desk list, most recently changed first, with how many claims each made. */
export async function listClaimantsForDesk(db: Db, limit = 200): Promise<ClaimantListRow[]> {
  const rows = await db
    .selectFrom('claimant')
    .selectAll('claimant')
    .select((eb) =>
      eb
        .selectFrom('claim')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('claim.claimant_id', '=', 'claimant.id')
        .as('claim_count'),
    )
    .orderBy('claimant.updated_at', 'desc')
    .orderBy('claimant.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, claim_count: Number(r.claim_count ?? 0) }));
}

async function freeSlug(db: Db, base: string, exceptId?: number): Promise<string> {
  let q = db.selectFrom('claimant').select('slug').where('slug', 'like', `${base}%`);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  const taken = new Set((await q.execute()).map((r) => r.slug));
  return nextFreeSlug(base, taken);
}

/** Creates a claimant; refuses a second claimant with the same name (case-insensitively) or slug. */
export async function insertClaimant(db: Db, input: ClaimantInput): Promise<ClaimantRow> {
  await refuseTwin(db, input.name);
  const slug = input.slug || (await freeSlug(db, slugify(input.name) || 'claimant'));
  if (input.slug && (await findClaimantBySlug(db, input.slug))) {
    throw new RuleViolation(englishQuoting('claimant.rule.slugInUse', { slug: input.slug }), 'slug');
  }
  const now = nowIso();
  const row: Insertable<Claimant> = {
    name: storedClaimantName(input.name),
    slug,
    kind: input.kind,
    description: input.description ?? null,
    created_at: now,
    updated_at: now,
  };
  const created = await db.insertInto('claimant').values(row).returningAll().executeTakeFirstOrThrow();
  await saveAliases(db, created, input.aliases);
  return created;
}

function saveAliases(db: Db, claimant: ClaimantRow, aliases: readonly string[] | undefined): Promise<void> | undefined {
  if (aliases === undefined) return undefined;
  return replaceClaimantAliases(db, claimant, aliases, (alias) => findClaimantByOwnName(db, alias, claimant.id));
}

export async function updateClaimant(db: Db, id: number, input: ClaimantInput): Promise<ClaimantRow> {
  const existing = await findClaimantById(db, id);
  if (!existing) throw new NotFound(english('claimant.rule.noSuchClaimant'));
  await refuseTwin(db, input.name, id);
  const slug = input.slug || existing.slug;
  if (slug !== existing.slug && (await findClaimantBySlug(db, slug))) {
    throw new RuleViolation(englishQuoting('claimant.rule.slugInUse', { slug }), 'slug');
  }
  const changes: Updateable<Claimant> = {
    name: storedClaimantName(input.name),
    slug,
    kind: input.kind,
    description: input.description ?? null,
    updated_at: nowIso(),
  };
  const updated = await db.updateTable('claimant').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await saveAliases(db, updated, input.aliases);
  return updated;
}

/** Refuses while claims are attributed to the claimant: their attribution would be lost. */
export async function deleteClaimant(db: Db, id: number): Promise<void> {
  const { count } = await db
    .selectFrom('claim')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('claimant_id', '=', id)
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) {
    throw new RuleViolation(englishQuoting('claimant.rule.inUse', { count: String(count) }));
  }
  const result = await db.deleteFrom('claimant').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFound(english('claimant.rule.noSuchClaimant'));
}

/** Whether readers see the claimant through a claim that is not a draft (for the editorial rules). */
export async function claimantInPublicUse(db: Db, claimantId: number): Promise<boolean> {
  const row = await visibleClaimants(db, true).select('claimant.id').where('claimant.id', '=', claimantId).executeTakeFirst();
  return row !== undefined;
}
