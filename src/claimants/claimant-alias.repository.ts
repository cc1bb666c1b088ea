import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import { matchKey } from '../domain/match-key';
import { englishQuoting } from '../http/localized';

/** Each claimant's other names ("also known as"), in the order they were given. */
export async function claimantAliasesOf(db: Db, claimantIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!claimantIds.length) return out;
  const rows = await db
    .selectFrom('claimant_alias')
    .select(['claimant_id', 'name'])
    .where('claimant_id', 'in', [...new Set(claimantIds)])
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.claimant_id, [...(out.get(r.claimant_id) ?? []), r.name]);
  return out;
}

/** The claimant known by this name as an alias (accents, case and punctuation ignored), but `exceptId`. */
export async function findClaimantIdByAlias(db: Db, name: string, exceptId?: number): Promise<number | undefined> {
  const key = matchKey(name);
  if (!key) return undefined;
  const row = await db
    .selectFrom('claimant_alias')
    .select('claimant_id')
    .where('name_key', '=', key)
    .$if(exceptId !== undefined, (q) => q.where('claimant_id', '<>', exceptId!))
    .executeTakeFirst();
  return row?.claimant_id;
}

/**
 * Replaces a claimant's aliases. The same alias twice (or the claimant's own name) is kept once (or
 * dropped); an alias of another claimant, or another claimant's name (`nameOwner`), is refused naming
 * that claimant, so an alias never makes two claimants answer to one name.
 */
export async function replaceClaimantAliases(
  db: Db,
  claimant: { id: number; name: string },
  aliases: readonly string[],
  nameOwner: (alias: string) => Promise<{ id: number; name: string } | undefined>,
): Promise<void> {
  const keep = new Map<string, string>();
  const ownKey = matchKey(claimant.name);
  for (const alias of aliases) {
    const key = matchKey(alias);
    if (!key || key === ownKey || keep.has(key)) continue;
    keep.set(key, alias.trim().normalize('NFC'));
  }
  await db.deleteFrom('claimant_alias').where('claimant_id', '=', claimant.id).execute();
  for (const [key, name] of keep) {
    const other = await db
      .selectFrom('claimant_alias as a')
      .innerJoin('claimant as c', 'c.id', 'a.claimant_id')
      .select('c.name')
      .where('a.name_key', '=', key)
      .executeTakeFirst();
    const owner = other ?? (await nameOwner(name));
    if (owner) throw new RuleViolation(englishQuoting('claimant.rule.aliasTaken', { alias: name, name: owner.name }), 'aliases');
    await db.insertInto('claimant_alias').values({ claimant_id: claimant.id, name, name_key: key }).execute();
  }
}
