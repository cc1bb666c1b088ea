import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { insertClaimant } from '../claimants/claimant.repository';
import { insertClaim } from '../claims/claim.repository';
import { insertLink } from '../claims/link.repository';
import type { Db } from '../db/connection';
import { insertDispute } from '../disputes/dispute.repository';
import { CITATION_ROLES, CLAIM_KINDS, CLAIMANT_KINDS, DATE_PRECISIONS, DISPUTE_STATUSES, LINK_TYPES, STATES } from '../domain/vocabulary';
import { insertSource } from '../sources/source.repository';
import { writeOutcome } from '../promises/promise-outcome.repository';
import { PROMISE_OUTCOMES } from '../domain/vocabulary';
import { findTopicBySlug, replaceTopicAliases } from '../topics/topic.repository';

export const DEFAULT_SEED_FILE = resolve(__dirname, '../../data/seed.json');

const nullableText = z.string().min(1).nullable();
const isoDay = z.iso.date().nullable();

const seedSchema = z.object({
  topics: z.array(z.object({ slug: z.string(), name: z.string(), aliases: z.array(z.string()).default([]) })),
  claimants: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      kind: z.enum(CLAIMANT_KINDS),
      description: nullableText,
      aliases: z.array(z.string()).default([]),
    }),
  ),
  sources: z.array(
    z.object({
      key: z.string(),
      outlet: z.string(),
      title: z.string(),
      url: z.url().nullable(),
      published_on: isoDay,
      language: nullableText,
      archive_url: z.url().nullable(),
      retrieved_on: isoDay,
      published_precision: z.enum(DATE_PRECISIONS).nullable().optional(),
    }),
  ),
  claims: z.array(
    z.object({
      key: z.string(),
      claimant: z.string(),
      text: z.string(),
      quote: nullableText,
      quote_language: nullableText,
      said_on: isoDay,
      said_precision: z.enum(DATE_PRECISIONS).nullable(),
      said_where: nullableText,
      topics: z.array(z.string()),
      verdict: z.string(),
      verdict_rationale: nullableText,
      state: z.enum(STATES),
      kind: z.enum(CLAIM_KINDS),
      review_due_on: isoDay,
      citations: z.array(z.object({ source: z.string(), role: z.enum(CITATION_ROLES), excerpt: nullableText })),
    }),
  ),
  links: z.array(z.object({ from: z.string(), to: z.string(), type: z.enum(LINK_TYPES), note: nullableText })),
  // The promise tracker's outcomes of the seed's promises (optional: older seed files have none).
  outcomes: z
    .array(z.object({ claim: z.string(), outcome: z.enum(PROMISE_OUTCOMES), assessed_on: z.iso.date(), rationale: z.string().min(1) }))
    .default([]),
  disputes: z.array(
    z.object({
      slug: z.string(),
      question: z.string(),
      summary: nullableText,
      status: z.enum(DISPUTE_STATUSES),
      state: z.enum(STATES),
      claim_a: z.string(),
      claim_b: z.string(),
    }),
  ),
});

export type SeedData = z.infer<typeof seedSchema>;

export function readSeedFile(path = DEFAULT_SEED_FILE): SeedData {
  return seedSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Seed data refers to an unknown ${what} "${key}".`);
  return value;
}

/** Loads a seed dataset through the repositories. Call inside a transaction. */
export async function loadSeed(db: Db, data: SeedData): Promise<void> {
  const topicNames = new Map(data.topics.map((t) => [t.slug, t.name]));
  const claimants = new Map<string, number>();
  for (const c of data.claimants)
    claimants.set(c.slug, (await insertClaimant(db, { ...c, aliases: c.aliases.length ? c.aliases : undefined })).id);
  const sources = new Map<string, number>();
  for (const { key, ...s } of data.sources) sources.set(key, (await insertSource(db, s)).id);
  const claims = new Map<string, number>();
  for (const c of data.claims) {
    const row = await insertClaim(db, {
      ...c,
      claimant_id: lookup(claimants, c.claimant, 'claimant'),
      topics: c.topics.map((slug) => lookup(topicNames, slug, 'topic')),
      citations: c.citations.map((ci) => ({ ...ci, source_id: lookup(sources, ci.source, 'source') })),
    });
    claims.set(c.key, row.id);
  }
  for (const l of data.links) {
    await insertLink(db, {
      from_claim_id: lookup(claims, l.from, 'claim'),
      to_claim_id: lookup(claims, l.to, 'claim'),
      type: l.type,
      note: l.note,
    });
  }
  for (const o of data.outcomes) {
    const id = lookup(claims, o.claim, 'claim');
    const claim = data.claims.find((c) => c.key === o.claim)!;
    await writeOutcome(db, { id, state: claim.state }, o, null);
  }
  for (const d of data.disputes) {
    await insertDispute(db, {
      ...d,
      claim_a_id: lookup(claims, d.claim_a, 'claim'),
      claim_b_id: lookup(claims, d.claim_b, 'claim'),
    });
  }
  // Topics exist once a claim carries them.
  for (const t of data.topics) {
    const topic = await findTopicBySlug(db, t.slug);
    if (topic && t.aliases.length) await replaceTopicAliases(db, topic, t.aliases);
  }
}

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const tables = ['claimant', 'claim', 'source', 'dispute'] as const;
  for (const table of tables) {
    if (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) return false;
  }
  return true;
}

/** Loads the seed into an empty database in one transaction; a database with data is left alone. */
export async function seedIfEmpty(db: Db, data: SeedData = readSeedFile()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await databaseIsEmpty(trx))) return false;
    await loadSeed(trx, data);
    return true;
  });
}
