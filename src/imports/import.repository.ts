import { CompiledQuery, type Insertable } from 'kysely';
import type { Db } from '../db/connection';
import type { Claim } from '../db/schema';
import { nextFreeSlug, slugify } from '../domain/slug';
import type { CitationRole } from '../domain/vocabulary';

// The writes of an import: one transaction (the caller's), caches for claimants, topics and sources so
// each is looked up once per file. The per-row writes (claim, its topics and citations) skip Kysely's
// query builder: building and compiling an insert costs more than SQLite running it, so they are fixed
// SQL strings run as CompiledQuery.raw on the transaction's connection, where the connection's statement
// cache (src/db/connection.ts) keeps them prepared. The SQL is plain and portable.

export interface ImportSource {
  outlet: string;
  title: string;
  url: string | null;
  published_on: string | null;
  language: string | null;
  archive_url: string | null;
  retrieved_on: string | null;
}

export interface ImportCitation {
  role: CitationRole;
  excerpt: string | null;
  source: ImportSource;
}

export type ClaimColumns = Omit<Insertable<Claim>, 'id' | 'version' | 'claimant_id'>;

export interface ImportCounts {
  claims_created: number;
  claims_updated: number;
  claims_unchanged: number;
  claimants_created: number;
  sources_created: number;
  topics_created: number;
  disputes_created: number;
  links_created: number;
}

export const emptyCounts = (): ImportCounts => ({
  claims_created: 0, claims_updated: 0, claims_unchanged: 0, claimants_created: 0,
  sources_created: 0, topics_created: 0, disputes_created: 0, links_created: 0,
});

function sourceKey(s: ImportSource): string {
  return s.url ?? `${s.outlet}\u0000${s.title}\u0000${s.published_on ?? ''}`;
}

const CLAIM_COLUMNS = [
  'text', 'quote', 'quote_language', 'said_on', 'said_precision', 'said_where', 'kind', 'review_due_on',
  'verdict', 'verdict_rationale', 'state', 'claim_review_url', 'created_at', 'updated_at',
] as const satisfies ReadonlyArray<keyof ClaimColumns>;
// Fails to compile when the claim table gains a column the list above does not name.
const allClaimColumns: [Exclude<keyof ClaimColumns, (typeof CLAIM_COLUMNS)[number]>] extends [never] ? true : false = true;
void allClaimColumns;
const INSERT_CLAIM = `insert into claim (claimant_id, version, ${CLAIM_COLUMNS.join(', ')}) values (?, 1, ${CLAIM_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_CLAIM_WITH_ID = `insert into claim (id, claimant_id, version, ${CLAIM_COLUMNS.join(', ')}) values (?, ?, 1, ${CLAIM_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_CLAIM_TOPIC = 'insert into claim_topic (claim_id, topic_id) values (?, ?)';
const INSERT_CITATION = 'insert into citation (claim_id, source_id, role, excerpt, created_at) values (?, ?, ?, ?, ?)';
const CLAIM_EXISTS = 'select id from claim where id = ?';

/** The search index trigger an import bypasses for claims it creates (see ImportWriter.bypassClaimSearchTrigger). */
const CLAIM_FTS_TRIGGER = 'claim_fts_insert';

export class ImportWriter {
  readonly counts = emptyCounts();
  private claimants = new Map<string, number>();
  private topics = new Map<string, number>();
  private sources = new Map<string, number>();
  private verdicts: Set<string> | undefined;
  /** The trigger's SQL while it is bypassed; the claims created meanwhile still need their index rows. */
  private bypassedTrigger: string | null = null;
  private unindexed: number[] = [];

  constructor(
    readonly db: Db,
    private readonly now: string,
  ) {}

  async verdictKeys(): Promise<Set<string>> {
    this.verdicts ??= new Set((await this.db.selectFrom('verdict_rating').select('key').execute()).map((r) => r.key as string));
    return this.verdicts;
  }

  /** The claimant with this slug (or, without one, this name), created when missing. */
  async claimantId(name: string, slug: string | null, kind: string): Promise<number> {
    const key = slug ?? `name:${name.toLowerCase()}`;
    const cached = this.claimants.get(key);
    if (cached !== undefined) return cached;
    let found = slug
      ? await this.db.selectFrom('claimant').select('id').where('slug', '=', slug).executeTakeFirst()
      : await this.db.selectFrom('claimant').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
    if (!found) {
      let newSlug = slug;
      if (!newSlug) {
        const base = slugify(name) || 'claimant';
        const taken = await this.db.selectFrom('claimant').select('slug').where('slug', 'like', `${base}%`).execute();
        newSlug = nextFreeSlug(base, new Set(taken.map((t) => t.slug)));
      }
      found = await this.db
        .insertInto('claimant')
        .values({ name, slug: newSlug, kind, description: null, created_at: this.now, updated_at: this.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      this.counts.claimants_created++;
    }
    this.claimants.set(key, found.id);
    return found.id;
  }

  async topicIds(names: readonly string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) {
      const slug = slugify(name);
      if (!slug) continue;
      let id = this.topics.get(slug);
      if (id === undefined) {
        const found =
          (await this.db.selectFrom('topic').select('id').where('slug', '=', slug).executeTakeFirst()) ??
          (this.counts.topics_created++, await this.db.insertInto('topic').values({ slug, name: name.trim() }).returning('id').executeTakeFirstOrThrow());
        id = found.id;
        this.topics.set(slug, id);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** A source matched by URL (or, without one, by outlet, title and date), created when missing. */
  async sourceId(s: ImportSource): Promise<number> {
    const key = sourceKey(s);
    const cached = this.sources.get(key);
    if (cached !== undefined) return cached;
    let q = this.db.selectFrom('source').select('id');
    q = s.url
      ? q.where('url', '=', s.url)
      : q.where('url', 'is', null).where('outlet', '=', s.outlet).where('title', '=', s.title).where('published_on', 'is', s.published_on);
    let found = await q.orderBy('id').executeTakeFirst();
    if (!found) {
      found = await this.db.insertInto('source').values({ ...s, created_at: this.now, updated_at: this.now }).returning('id').executeTakeFirstOrThrow();
      this.counts.sources_created++;
    }
    this.sources.set(key, found.id);
    return found.id;
  }

  private run(sql: string, parameters: readonly unknown[]) {
    return this.db.executeQuery<{ id: number }>(CompiledQuery.raw(sql, parameters as unknown[]));
  }

  async claimExists(id: number): Promise<boolean> {
    return (await this.run(CLAIM_EXISTS, [id])).rows.length > 0;
  }

  /**
   * Drops the claim search-index insert trigger for the rest of the import; indexClaims() puts it back
   * and adds the index rows of the claims created meanwhile in one insert … select. Safe only inside the
   * import's transaction: the drop is part of it (a rollback restores the trigger), and the write lock
   * it takes keeps every other connection from inserting a claim until the trigger is back.
   */
  async bypassClaimSearchTrigger(): Promise<void> {
    const { rows } = await this.db.executeQuery<{ sql: string }>(
      CompiledQuery.raw(`select sql from sqlite_master where type = 'trigger' and name = ?`, [CLAIM_FTS_TRIGGER]),
    );
    if (!rows[0]) return;
    await this.db.executeQuery(CompiledQuery.raw(`drop trigger ${CLAIM_FTS_TRIGGER}`));
    this.bypassedTrigger = rows[0].sql;
  }

  /**
   * Runs `fn` with a 128 MB page cache on this connection, then restores the previous size: a large
   * import's indexes outgrow the default 2 MB and would otherwise spill pages mid-transaction.
   */
  async withLargeCache<T>(fn: () => Promise<T>): Promise<T> {
    const { rows } = await this.db.executeQuery<{ cache_size: number }>(CompiledQuery.raw('pragma cache_size'));
    const previous = Number(rows[0]?.cache_size ?? -2000);
    await this.db.executeQuery(CompiledQuery.raw('pragma cache_size = -131072'));
    try {
      return await fn();
    } finally {
      await this.db.executeQuery(CompiledQuery.raw(`pragma cache_size = ${previous}`));
    }
  }

  /** Indexes the claims created while the trigger was bypassed, and restores the trigger. */
  async indexClaims(): Promise<void> {
    if (this.bypassedTrigger === null) return;
    // The same row the trigger would have written.
    for (let i = 0; i < this.unindexed.length; i += 500) {
      const ids = this.unindexed.slice(i, i + 500);
      const list = ids.map(() => '?').join(', ');
      // A claim created and then updated by a later row of the file got its row from the update trigger.
      await this.run(`delete from search_fts where kind = 'claim' and ref_id in (${list})`, ids);
      await this.run(
        `insert into search_fts (kind, ref_id, title, body) select 'claim', id, text, coalesce(quote, '') from claim where id in (${list})`,
        ids,
      );
    }
    this.unindexed = [];
    await this.db.executeQuery(CompiledQuery.raw(this.bypassedTrigger));
    this.bypassedTrigger = null;
  }

  async claimIdByReviewUrl(url: string): Promise<number | undefined> {
    return (await this.db.selectFrom('claim').select('id').where('claim_review_url', '=', url).executeTakeFirst())?.id;
  }

  /** Inserts a claim (with `id` when given, to keep ids across a round trip) with its topics and citations. */
  async insertClaim(id: number | null, claimantId: number, columns: ClaimColumns, topics: readonly string[], citations: readonly ImportCitation[]): Promise<number> {
    const values = CLAIM_COLUMNS.map((c) => columns[c] ?? null);
    const result = id !== null ? await this.run(INSERT_CLAIM_WITH_ID, [id, claimantId, ...values]) : await this.run(INSERT_CLAIM, [claimantId, ...values]);
    const claimId = Number(result.insertId);
    if (this.bypassedTrigger !== null) this.unindexed.push(claimId);
    await this.attach(claimId, topics, citations);
    this.counts.claims_created++;
    return claimId;
  }

  async updateClaim(id: number, claimantId: number, columns: ClaimColumns, topics: readonly string[], citations: readonly ImportCitation[]): Promise<void> {
    const { created_at: _created, ...changes } = columns;
    await this.db
      .updateTable('claim')
      .set((eb) => ({ ...changes, claimant_id: claimantId, updated_at: this.now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    await this.db.deleteFrom('claim_topic').where('claim_id', '=', id).execute();
    await this.db.deleteFrom('citation').where('claim_id', '=', id).execute();
    await this.attach(id, topics, citations);
    this.counts.claims_updated++;
  }

  private async attach(claimId: number, topics: readonly string[], citations: readonly ImportCitation[]): Promise<void> {
    for (const topicId of await this.topicIds(topics)) await this.run(INSERT_CLAIM_TOPIC, [claimId, topicId]);
    const seen = new Set<string>();
    for (const c of citations) {
      const sourceId = await this.sourceId(c.source);
      const key = `${sourceId}/${c.role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await this.run(INSERT_CITATION, [claimId, sourceId, c.role, c.excerpt, this.now]);
    }
  }

  async disputeExists(slug: string): Promise<boolean> {
    return !!(await this.db.selectFrom('dispute').select('id').where('slug', '=', slug).executeTakeFirst());
  }

  async insertDispute(d: { slug: string; question: string; summary: string | null; status: string; state: string; claim_a_id: number; claim_b_id: number }): Promise<void> {
    await this.db.insertInto('dispute').values({ ...d, version: 1, created_at: this.now, updated_at: this.now }).execute();
    this.counts.disputes_created++;
  }

  /** Adds a link unless the same one exists. */
  async insertLink(from: number, to: number, type: string, note: string | null): Promise<void> {
    const existing = await this.db
      .selectFrom('claim_link').select('id')
      .where('from_claim_id', '=', from).where('to_claim_id', '=', to).where('type', '=', type)
      .executeTakeFirst();
    if (existing || from === to) return;
    await this.db.insertInto('claim_link').values({ from_claim_id: from, to_claim_id: to, type, note, created_at: this.now }).execute();
    this.counts.links_created++;
  }
}
