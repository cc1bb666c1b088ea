import { CompiledQuery, type Insertable } from 'kysely';
import type { Db } from '../db/connection';
import type { Claim } from '../db/schema';
import { nextFreeSlug, slugify } from '../domain/slug';
import { claimantNameKey, findClaimantByName, storedClaimantName } from '../claimants/claimant.repository';
import type { CitationRole } from '../domain/vocabulary';
import { suspendIndexes } from '../db/bulk-indexes';
import { indexClaims, suspendClaimIndexing } from '../db/search-index';
import { engineOf } from '../db/engine';

// The writes of an import: one transaction (the caller's), caches for claimants, topics and sources so
// each is looked up once per file. The per-row writes (claim, its topics and citations) skip Kysely's
// query builder: building and compiling an insert costs more than SQLite running it, so they are fixed
// SQL strings run as CompiledQuery.raw on the transaction's connection, where the connection's statement
// cache (src/db/connection.ts) keeps them prepared. They are also batched: rows wait in memory and go in
// as multi-row `insert … values (…), (…), …` statements of up to BATCH_ROWS claims, so SQLite parses and
// steps one statement per few hundred rows instead of three per row. The SQL is plain and portable.
// On PostgreSQL every statement is a round trip, so new claimants, links and disputes are batched too,
// and what the links and disputes point at is looked up a few thousand at a time: a file of 15,620
// exported rows (10,449 new claimants, 12,683 links and disputes to claims outside it) went from
// 36,867 statements to 2,912, and from 350–690 to 1,650–1,800 rows/s.

export interface ImportSource {
  outlet: string;
  title: string;
  url: string | null;
  published_on: string | null;
  language: string | null;
  archive_url: string | null;
  retrieved_on: string | null;
  published_precision: string | null;
}

/** What a batch of rows will look up (ImportWriter.prefetch). */
export interface PrefetchKeys {
  claimIds: number[];
  claimantSlugs: string[];
  sourceUrls: string[];
  /** Sources cited without a URL, found by outlet, title and date: the outlet and title. */
  sourcesWithoutUrl: Array<{ outlet: string; title: string }>;
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
  claims_created: 0,
  claims_updated: 0,
  claims_unchanged: 0,
  claimants_created: 0,
  sources_created: 0,
  topics_created: 0,
  disputes_created: 0,
  links_created: 0,
});

function sourceKey(s: Pick<ImportSource, 'url' | 'outlet' | 'title' | 'published_on'>): string {
  return s.url ?? `${pairKey(s.outlet, s.title)}\u0000${s.published_on ?? ''}`;
}

const pairKey = (outlet: string, title: string) => `${outlet}\u0000${title}`;

const CLAIM_COLUMNS = [
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
  'claim_review_url',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ClaimColumns>;
// Fails to compile when the claim table gains a column the list above does not name.
const allClaimColumns: [Exclude<keyof ClaimColumns, (typeof CLAIM_COLUMNS)[number]>] extends [never] ? true : false = true;
void allClaimColumns;
const CLAIM_EXISTS = 'select id from claim where id = ?';
// min(id), not `order by id limit 1`: PostgreSQL planned that as a walk of the primary key in id order
// until a row with the URL turns up — through every source for a URL that is not there, which is most of
// them in an import (an import of 100,000 rows ran for over a quarter of an hour). With min() it reads
// the URL's entries in the url index.
const SOURCE_BY_URL = 'select min(id) as id from source where url = ?';
const SOURCE_COLUMNS = [
  'outlet',
  'title',
  'url',
  'published_on',
  'language',
  'archive_url',
  'retrieved_on',
  'published_precision',
] as const satisfies ReadonlyArray<keyof ImportSource>;

/**
 * A multi-row insert of one table, in chunks: `rows` rows of `width` values each, flattened. Chunks hold
 * at most `perStatement` rows, which keeps every statement far below SQLite's limit of 32,766 bound
 * variables (999 before SQLite 3.32; claims are the widest at 16 values × 250 rows = 4,000). Full chunks
 * share one SQL string, so the statement cache prepares it once.
 */
class PendingRows {
  values: unknown[] = [];
  private sql = new Map<number, string>();

  constructor(
    private readonly head: string,
    private readonly row: string,
    readonly width: number,
    private readonly perStatement: number,
  ) {}

  get rows(): number {
    return this.values.length / this.width;
  }

  async flush(run: (sql: string, parameters: readonly unknown[]) => Promise<unknown>): Promise<void> {
    const chunk = this.perStatement * this.width;
    for (let i = 0; i < this.values.length; i += chunk) {
      const parameters = this.values.slice(i, i + chunk);
      const rows = parameters.length / this.width;
      let sql = this.sql.get(rows);
      if (sql === undefined) {
        sql = `${this.head} values ${Array.from({ length: rows }, () => this.row).join(', ')}`;
        this.sql.set(rows, sql);
      }
      await run(sql, parameters);
    }
    this.values = [];
  }
}

/** `?` placeholders as PostgreSQL's numbered ones; the importer's fixed SQL has no `?` anywhere else. */
function toNumberedParameters(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Claims waiting in memory before they are written in one statement. */
const BATCH_ROWS = 250;
/**
 * Once an import has created this many claims, and more than the claim table held before, the plain
 * indexes of the tables it fills are dropped and built again at the end (src/db/bulk-indexes.ts): by then
 * building them over every row costs less than inserting the rest of the rows into them one by one.
 */
const SUSPEND_INDEXES_AFTER = 2000;
const BULK_TABLES = ['claim', 'claim_topic', 'citation'];

export class ImportWriter {
  readonly counts = emptyCounts();
  private claimants = new Map<string, number>();
  private topics = new Map<string, number>();
  private topicsByName = new Map<string, number | null>();
  private sources = new Map<string, number>();
  /** Looked up before their batch and not found (PostgreSQL, see prefetch): no second lookup when they come up. */
  private absent = {
    claimIds: new Set<number>(),
    claimantSlugs: new Set<string>(),
    sourceUrls: new Set<string>(),
    /** Outlets and titles (sourceKey without the date) of sources without a URL whose stored dates were all fetched. */
    sourcesWithoutUrl: new Set<string>(),
  };
  /** Claim ids found by prefetch. */
  private presentClaimIds = new Set<number>();
  private verdicts: Set<string> | undefined;
  /** While claim indexing is suspended: how to resume it; the claims created meanwhile still need their index rows. */
  private resumeIndexing: (() => Promise<void>) | null = null;
  private unindexed: number[] = [];
  /** While the tables' plain indexes are dropped: how to build them again. */
  private resumeIndexes: (() => Promise<void>) | null = null;
  /** The id the next claim without one gets; read from the database at the first insert. */
  private nextClaimId: number | undefined;
  /** The highest claim id in the database before this import wrote any: ids above it that this import did not create do not exist. */
  private maxIdBefore = 0;
  private createdIds = new Set<number>();
  /** Claims with rows still in the batches below (a claim, its topics or its citations). */
  private pending = new Set<number>();
  private pendingClaims = new PendingRows(
    `insert into claim (id, claimant_id, version, ${CLAIM_COLUMNS.join(', ')})`,
    `(?, ?, 1, ${CLAIM_COLUMNS.map(() => '?').join(', ')})`,
    CLAIM_COLUMNS.length + 2,
    BATCH_ROWS,
  );
  /** The id the next new source gets; read from the database at the first one. */
  private nextSourceId: number | undefined;
  private pendingSources = new PendingRows(
    `insert into source (id, ${SOURCE_COLUMNS.join(', ')}, created_at, updated_at)`,
    `(${SOURCE_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`,
    SOURCE_COLUMNS.length + 3,
    500,
  );
  /** New claimants (PostgreSQL, see claimantId): written before the claims that name them. */
  private pendingClaimants = new PendingRows(
    'insert into claimant (id, name, slug, kind, description, created_at, updated_at)',
    '(?, ?, ?, ?, null, ?, ?)',
    6,
    500,
  );
  private pendingTopics = new PendingRows('insert into claim_topic (claim_id, topic_id)', '(?, ?)', 2, 500);
  private pendingLinks = new PendingRows(
    'insert into claim_link (from_claim_id, to_claim_id, type, note, created_at)',
    '(?, ?, ?, ?, ?)',
    5,
    500,
  );
  /** Links waiting in pendingLinks, by from/to/type: the same link twice in a file is added once. */
  private linkKeys = new Set<string>();
  private pendingDisputes = new PendingRows(
    'insert into dispute (slug, question, summary, status, state, claim_a_id, claim_b_id, version, created_at, updated_at, published_at)',
    '(?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
    10,
    250,
  );
  private pendingCitations = new PendingRows(
    'insert into citation (claim_id, source_id, role, excerpt, created_at)',
    '(?, ?, ?, ?, ?)',
    5,
    500,
  );

  /**
   * On PostgreSQL other processes insert claims and sources while an import runs (no database-wide write
   * lock), so new ids come from the tables' identity sequences, reserved a block at a time, never counted
   * up from max(id); an id given by the file moves the sequence past it (see idFromSequence).
   */
  private readonly postgres: boolean;
  private reserved: Record<'claim' | 'source' | 'claimant', number[]> = { claim: [], source: [], claimant: [] };

  constructor(
    readonly db: Db,
    private readonly now: string,
  ) {
    this.postgres = engineOf(db) === 'postgres';
  }

  /**
   * Looks up, in one query each, what a batch of rows will ask for one by one: claim ids, claimant slugs
   * and source URLs. On PostgreSQL each lookup is a round trip to the server, and a file of new claims
   * looks up every id and URL once (most are not there); SQLite answers them in-process in microseconds,
   * so there it does nothing. A value found or not found here is used once, when its row comes up.
   */
  async prefetch(wanted: PrefetchKeys): Promise<void> {
    if (!this.postgres) return;
    const ids = [...new Set(wanted.claimIds)].filter((id) => !this.createdIds.has(id) && !this.pending.has(id));
    if (ids.length) {
      const found = new Set((await this.db.selectFrom('claim').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
      for (const id of ids) (found.has(id) ? this.presentClaimIds : this.absent.claimIds).add(id);
    }
    const slugs = [...new Set(wanted.claimantSlugs)].filter((slug) => !this.claimants.has(slug));
    if (slugs.length) {
      const rows = await this.db.selectFrom('claimant').select(['id', 'slug']).where('slug', 'in', slugs).execute();
      for (const r of rows) this.claimants.set(r.slug, r.id);
      for (const slug of slugs) if (!this.claimants.has(slug)) this.absent.claimantSlugs.add(slug);
    }
    const urls = [...new Set(wanted.sourceUrls)].filter((url) => !this.sources.has(url));
    if (urls.length) {
      const rows = await this.db
        .selectFrom('source')
        .select(['url', (eb) => eb.fn.min<number>('id').as('id')])
        .where('url', 'in', urls)
        .groupBy('url')
        .execute();
      for (const r of rows) if (r.url !== null) this.sources.set(r.url, Number(r.id));
      for (const url of urls) if (!this.sources.has(url)) this.absent.sourceUrls.add(url);
    }
    // Without a URL a source is the same one when outlet, title and date match: every stored date of
    // each outlet and title is fetched, so a lookup of any other date would find nothing.
    const pairs = new Map(wanted.sourcesWithoutUrl.map((p) => [pairKey(p.outlet, p.title), p]));
    if (pairs.size) {
      const rows = await this.db
        .selectFrom('source')
        .select(['outlet', 'title', 'published_on', (eb) => eb.fn.min<number>('id').as('id')])
        .where('url', 'is', null)
        .where((eb) =>
          eb(
            eb.refTuple('outlet', 'title'),
            'in',
            [...pairs.values()].map((p) => eb.tuple(p.outlet, p.title)),
          ),
        )
        .groupBy(['outlet', 'title', 'published_on'])
        .execute();
      for (const r of rows) {
        this.sources.set(sourceKey({ url: null, outlet: r.outlet, title: r.title, published_on: r.published_on }), Number(r.id));
      }
      for (const key of pairs.keys()) this.absent.sourcesWithoutUrl.add(key);
    }
  }

  async verdictKeys(): Promise<Set<string>> {
    this.verdicts ??= new Set((await this.db.selectFrom('verdict_rating').select('key').execute()).map((r) => r.key as string));
    return this.verdicts;
  }

  /** The claimant with this slug (or, without one, this name), created when missing. */
  async claimantId(name: string, slug: string | null, kind: string): Promise<number> {
    // The desk's lookup by name (claimantNameKey), so an import never makes a twin the desk would refuse.
    const key = slug ?? `name:${claimantNameKey(name)}`;
    const cached = this.claimants.get(key);
    if (cached !== undefined) return cached;
    // Claimants waiting in a batch are not in the table yet: found by name, they must be written first.
    if (!slug && this.pendingClaimants.rows) await this.flush();
    let found =
      slug && this.absent.claimantSlugs.delete(slug)
        ? undefined
        : slug
          ? await this.db.selectFrom('claimant').select('id').where('slug', '=', slug).executeTakeFirst()
          : await findClaimantByName(this.db, name);
    if (!found && slug && this.postgres) {
      // A round trip per new claimant was most of a PostgreSQL import of many of them: the claimant
      // waits with the claims for the next flush instead, its id taken from the sequence like theirs.
      const id = await this.idFromSequence('claimant', null);
      this.pendingClaimants.values.push(id, storedClaimantName(name), slug, kind, this.now, this.now);
      this.counts.claimants_created++;
      this.claimants.set(key, id);
      return id;
    }
    if (!found) {
      let newSlug = slug;
      if (!newSlug) {
        const base = slugify(name) || 'claimant';
        const taken = await this.db.selectFrom('claimant').select('slug').where('slug', 'like', `${base}%`).execute();
        newSlug = nextFreeSlug(base, new Set(taken.map((t) => t.slug)));
      }
      found = await this.db
        .insertInto('claimant')
        .values({ name: storedClaimantName(name), slug: newSlug, kind, description: null, created_at: this.now, updated_at: this.now })
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
      // By name first: the same names come back row after row, and slugify is the costlier step.
      let id = this.topicsByName.get(name);
      if (id === undefined) {
        id = await this.topicId(name);
        this.topicsByName.set(name, id);
      }
      if (id !== null && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** The topic with this name's slug, created when missing; null for a name without letters or digits. */
  private async topicId(name: string): Promise<number | null> {
    const slug = slugify(name);
    if (!slug) return null;
    let id = this.topics.get(slug);
    if (id === undefined) {
      const found =
        (await this.db.selectFrom('topic').select('id').where('slug', '=', slug).executeTakeFirst()) ??
        (this.counts.topics_created++,
        await this.db.insertInto('topic').values({ slug, name: name.trim() }).returning('id').executeTakeFirstOrThrow());
      id = found.id;
      this.topics.set(slug, id);
    }
    return id;
  }

  /**
   * A source matched by URL (or, without one, by outlet, title and date), created when missing. New
   * sources wait with the claims for the next flush, with ids counted as for claims (see claimIdFor).
   */
  async sourceId(s: ImportSource): Promise<number> {
    const key = sourceKey(s);
    const cached = this.sources.get(key);
    if (cached !== undefined) return cached;
    let found: { id: number } | undefined;
    if (s.url) {
      if (!this.absent.sourceUrls.delete(s.url)) {
        const id = (await this.run(SOURCE_BY_URL, [s.url])).rows[0]?.id;
        if (id !== null && id !== undefined) found = { id: Number(id) };
      }
    } else if (!this.absent.sourcesWithoutUrl.delete(pairKey(s.outlet, s.title))) {
      // min(id) for the reason given at SOURCE_BY_URL; source_without_url_idx finds the candidates.
      const row = await this.db
        .selectFrom('source')
        .select((eb) => eb.fn.min<number>('id').as('id'))
        .where('url', 'is', null)
        .where('outlet', '=', s.outlet)
        .where('title', '=', s.title)
        // `is` with a bound value is SQLite only; PostgreSQL takes `is` with null alone.
        .where((eb) => (s.published_on === null ? eb('published_on', 'is', null) : eb('published_on', '=', s.published_on)))
        .executeTakeFirst();
      if (row?.id !== null && row?.id !== undefined) found = { id: Number(row.id) };
    }
    let id = found?.id;
    if (id === undefined) {
      id = await this.newId('source');
      this.pendingSources.values.push(id, ...SOURCE_COLUMNS.map((c) => s[c]), this.now, this.now);
      this.counts.sources_created++;
    }
    this.sources.set(key, id);
    return id;
  }

  private run(sql: string, parameters: readonly unknown[]) {
    // The fixed SQL above binds with `?`; PostgreSQL numbers its parameters ($1, $2, …).
    const text = this.postgres ? toNumberedParameters(sql) : sql;
    return this.db.executeQuery<{ id: number }>(CompiledQuery.raw(text, parameters as unknown[]));
  }

  /** The next id of `table` from its identity sequence (PostgreSQL), or `given` moved past by the sequence. */
  private async idFromSequence(table: 'claim' | 'source' | 'claimant', given: number | null): Promise<number> {
    const reserved = this.reserved[table];
    if (given !== null) {
      // Never hand out the file's id again from the block, and let later nextval() calls pass it.
      const at = reserved.indexOf(given);
      if (at >= 0) reserved.splice(at, 1);
      await this.run(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest(?::bigint, (select last_value from ${table}_id_seq)))`,
        [given],
      );
      return given;
    }
    if (!reserved.length) {
      const { rows } = await this.run(`select nextval(pg_get_serial_sequence('${table}', 'id')) as id from generate_series(1, ?)`, [
        BATCH_ROWS,
      ]);
      reserved.push(...rows.map((r) => Number(r.id)));
    }
    return reserved.shift()!;
  }

  /** Whether claim `id` exists (or is waiting in a batch: then the batch is written first, so the claim can be read). */
  async claimExists(id: number): Promise<boolean> {
    if (this.pending.has(id)) await this.flush();
    if (this.createdIds.has(id)) return true;
    if (!this.postgres && this.nextClaimId !== undefined && id > this.maxIdBefore) return false;
    if (this.absent.claimIds.delete(id)) return false;
    if (this.presentClaimIds.delete(id)) return true;
    return (await this.run(CLAIM_EXISTS, [id])).rows.length > 0;
  }

  /** Writes the batched rows, each table before those that point at it. Call before reading claims back, and at the end. */
  async flush(): Promise<void> {
    const batches = [
      this.pendingSources,
      this.pendingClaimants,
      this.pendingClaims,
      this.pendingTopics,
      this.pendingCitations,
      this.pendingLinks,
      this.pendingDisputes,
    ];
    if (batches.every((b) => b.rows === 0)) return;
    if (this.resumeIndexes === null && this.createdIds.size >= Math.max(SUSPEND_INDEXES_AFTER, this.maxIdBefore)) {
      this.resumeIndexes = await suspendIndexes(this.db, BULK_TABLES);
    }
    const run = (sql: string, parameters: readonly unknown[]) => this.run(sql, parameters);
    for (const batch of batches) await batch.flush(run);
    this.pending.clear();
  }

  /**
   * The id for a new claim. SQLite would pick max(the largest id ever used, recorded in sqlite_sequence for
   * an AUTOINCREMENT table; the largest id now) + 1. Reading both once and counting up gives the same ids,
   * because nothing else can insert a claim while the import runs: Kysely gives the transaction the
   * only connection of this pool, this import inserts claims only here, and another process cannot commit
   * a claim between this read and the import's commit: once the transaction has written (the trigger drop
   * comes first) it holds SQLite's write lock; and should it not have written yet, SQLite refuses its
   * first write (SQLITE_BUSY) when another connection committed since its snapshot, so stale ids fail the
   * import rather than collide. Ids of deleted claims are never reused (their revision history stays theirs).
   */
  private async claimIdFor(id: number | null): Promise<number> {
    if (this.postgres) return this.idFromSequence('claim', id);
    if (this.nextClaimId === undefined) {
      const { maxId, next } = await this.idsOf('claim');
      this.maxIdBefore = maxId;
      this.nextClaimId = next;
    }
    if (id === null) return this.nextClaimId++;
    if (id >= this.nextClaimId) this.nextClaimId = id + 1;
    return id;
  }

  private async newId(table: 'source'): Promise<number> {
    if (this.postgres) return this.idFromSequence(table, null);
    this.nextSourceId ??= (await this.idsOf(table)).next;
    return this.nextSourceId++;
  }

  /** The largest id in an AUTOINCREMENT table, and the id SQLite would give the next row. */
  private async idsOf(table: 'claim' | 'source'): Promise<{ maxId: number; next: number }> {
    const { rows } = await this.db.executeQuery<{ max_id: number | null; seq: number | null }>(
      CompiledQuery.raw(
        `select (select max(id) from ${table}) as max_id, (select seq from sqlite_sequence where name = '${table}') as seq`,
      ),
    );
    const maxId = Number(rows[0]?.max_id ?? 0);
    return { maxId, next: Math.max(maxId, Number(rows[0]?.seq ?? 0)) + 1 };
  }

  /**
   * Stops indexing each claim as it is inserted, for the rest of the import; finish() indexes the
   * claims created meanwhile in batches and resumes it (see suspendClaimIndexing for why it is safe).
   */
  async bypassClaimSearchTrigger(): Promise<void> {
    this.resumeIndexing = await suspendClaimIndexing(this.db);
  }

  /**
   * Runs `fn` with a 128 MB page cache on this connection, then restores the previous size: a large
   * import's indexes outgrow the default 2 MB and would otherwise spill pages mid-transaction.
   */
  async withLargeCache<T>(fn: () => Promise<T>): Promise<T> {
    if (this.postgres) return fn(); // PostgreSQL's shared buffers are the server's to size.
    const { rows } = await this.db.executeQuery<{ cache_size: number }>(CompiledQuery.raw('pragma cache_size'));
    const previous = Number(rows[0]?.cache_size ?? -2000);
    await this.db.executeQuery(CompiledQuery.raw('pragma cache_size = -131072'));
    try {
      return await fn();
    } finally {
      await this.db.executeQuery(CompiledQuery.raw(`pragma cache_size = ${previous}`));
    }
  }

  /**
   * Ends every import: writes what is left, builds the indexes dropped meanwhile (see flush), indexes the
   * claims created while search indexing was suspended and resumes it.
   */
  async finish(): Promise<void> {
    await this.flush();
    if (this.resumeIndexes !== null) {
      await this.resumeIndexes();
      this.resumeIndexes = null;
    }
    if (this.resumeIndexing === null) return;
    // Rewriting a row is a rowid lookup, so claims the update trigger already indexed need no special case.
    await indexClaims(this.db, this.unindexed);
    this.unindexed = [];
    await this.resumeIndexing();
    this.resumeIndexing = null;
  }

  async claimIdByReviewUrl(url: string): Promise<number | undefined> {
    await this.flush();
    return (await this.db.selectFrom('claim').select('id').where('claim_review_url', '=', url).executeTakeFirst())?.id;
  }

  /** Inserts a claim (with `id` when given, to keep ids across a round trip) with its topics and citations. */
  async insertClaim(
    id: number | null,
    claimantId: number,
    columns: ClaimColumns,
    topics: readonly string[],
    citations: readonly ImportCitation[],
  ): Promise<number> {
    const claimId = await this.claimIdFor(id);
    const batch = this.pendingClaims.values;
    batch.push(claimId, claimantId);
    for (const c of CLAIM_COLUMNS) batch.push(columns[c] ?? null);
    this.pending.add(claimId);
    this.createdIds.add(claimId);
    if (this.resumeIndexing !== null) this.unindexed.push(claimId);
    await this.attach(claimId, topics, citations);
    this.counts.claims_created++;
    if (this.pendingClaims.rows >= BATCH_ROWS) await this.flush();
    return claimId;
  }

  async updateClaim(
    id: number,
    claimantId: number,
    columns: ClaimColumns,
    topics: readonly string[],
    citations: readonly ImportCitation[],
  ): Promise<void> {
    const { created_at: _created, ...changes } = columns;
    // Its claim, or its claimant, may still be waiting in a batch.
    if (this.pending.has(id) || this.pendingClaimants.rows) await this.flush();
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
    for (const topicId of await this.topicIds(topics)) this.pendingTopics.values.push(claimId, topicId);
    const seen = new Set<string>();
    for (const c of citations) {
      const sourceId = await this.sourceId(c.source);
      const key = `${sourceId}/${c.role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.pendingCitations.values.push(claimId, sourceId, c.role, c.excerpt, this.now);
    }
    this.pending.add(claimId);
  }

  /**
   * Which of these claim ids exist, claims of this import included: one query per few thousand ids (the
   * links and disputes of a file point at claims outside it too, and a lookup each was a round trip each).
   */
  async existingClaimIds(ids: Iterable<number>): Promise<Set<number>> {
    await this.flush();
    const found = new Set<number>();
    const asked: number[] = [];
    for (const id of new Set(ids)) {
      if (this.createdIds.has(id)) found.add(id);
      else asked.push(id);
    }
    for (const chunk of chunks(asked)) {
      for (const r of await this.db.selectFrom('claim').select('id').where('id', 'in', chunk).execute()) found.add(r.id);
    }
    return found;
  }

  /** Which of these dispute slugs are taken. */
  async takenDisputeSlugs(slugs: Iterable<string>): Promise<Set<string>> {
    await this.flush();
    const taken = new Set<string>();
    for (const chunk of chunks([...new Set(slugs)])) {
      for (const r of await this.db.selectFrom('dispute').select('slug').where('slug', 'in', chunk).execute()) taken.add(r.slug);
    }
    return taken;
  }

  /** Adds a dispute (written at the next flush); the caller checks its slug first (takenDisputeSlugs). */
  insertDispute(d: {
    slug: string;
    question: string;
    summary: string | null;
    status: string;
    state: string;
    claim_a_id: number;
    claim_b_id: number;
  }): void {
    const publishedAt = d.state === 'draft' ? null : this.now;
    this.pendingDisputes.values.push(
      d.slug,
      d.question,
      d.summary,
      d.status,
      d.state,
      d.claim_a_id,
      d.claim_b_id,
      this.now,
      this.now,
      publishedAt,
    );
    this.counts.disputes_created++;
  }

  /** Adds these links (written at the next flush), leaving out those already there, repeated or from a claim to itself. */
  async insertLinks(links: ReadonlyArray<{ from: number; to: number; type: string; note: string | null }>): Promise<void> {
    await this.flush();
    const key = (from: number, to: number, type: string) => `${from}/${to}/${type}`;
    // A claim this import created has no links yet; only the others' are looked up.
    const older = [...new Set(links.map((l) => l.from))].filter((id) => !this.createdIds.has(id));
    const existing = new Set<string>();
    for (const chunk of chunks(older)) {
      const rows = await this.db
        .selectFrom('claim_link')
        .select(['from_claim_id', 'to_claim_id', 'type'])
        .where('from_claim_id', 'in', chunk)
        .execute();
      for (const r of rows) existing.add(key(r.from_claim_id, r.to_claim_id, r.type));
    }
    for (const l of links) {
      const k = key(l.from, l.to, l.type);
      if (l.from === l.to || existing.has(k) || this.linkKeys.has(k)) continue;
      this.linkKeys.add(k);
      this.pendingLinks.values.push(l.from, l.to, l.type, l.note, this.now);
      this.counts.links_created++;
    }
  }
}

/** Ids or keys in chunks a query can bind (SQLite takes 32,766 values, PostgreSQL 65,535). */
function* chunks<T>(values: readonly T[], size = 5000): Generator<T[]> {
  for (let i = 0; i < values.length; i += size) yield values.slice(i, i + size);
}
