import SqliteDatabase from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import type { DB } from '../../src/db/schema';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { migrations } from '../../migrations';
import { slugify } from '../../src/domain/slug';
import { insertUser } from '../../src/accounts/user.repository';
import { createApiToken } from '../../src/accounts/api-token.repository';
import { hashPassword } from '../../src/accounts/password';
import { Random } from './random';
import * as words from './vocabulary';

// The synthetic archive the benchmark measures: a deterministic corpus (same seed, same rows) written
// straight into a migrated database file. Rows go in through Kysely-compiled inserts run as prepared
// statements (the product's write path validates and audits one record at a time, far too slowly for
// a million). Secondary indexes and the search-index triggers are set aside during the load and
// rebuilt afterwards from their own stored definitions, which is how a bulk load is done in SQLite.

export interface CorpusScale {
  claims: number;
  disputes: number;
  claimants: number;
  sources: number;
  topics: number;
  outlets: number;
}

export const FULL_SCALE: CorpusScale = {
  claims: 1_000_000,
  disputes: 250_000,
  claimants: 50_000,
  sources: 300_000,
  topics: 200,
  outlets: 400,
};
export const QUICK_SCALE: CorpusScale = { claims: 20_000, disputes: 5_000, claimants: 1_000, sources: 6_000, topics: 60, outlets: 80 };

/** What the benchmark needs to know about a corpus: its size, and records worth asking for. */
export interface CorpusInfo {
  generator: number;
  /** The newest migration the corpus was built with: a newer schema means building it again. */
  migration: string;
  seed: number;
  scale: CorpusScale;
  counts: Record<string, number>;
  seconds: number;
  apiToken: string;
  commonWord: string;
  rareWordQuery: string;
  /** A published dispute, a published claim with citations, and the two filters for /claims. */
  sample: { disputeSlug: string; claimId: number; verdict: string; topicSlug: string };
}

export function latestMigration(): string {
  return Object.keys(migrations).sort().at(-1)!;
}

/** Bump when the generated rows change, so a stored corpus of an older shape is rebuilt. */
export const GENERATOR_VERSION = 1;

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = Math.floor((Date.UTC(2026, 9, 31) - FIRST_DAY) / DAY_MS);
const VERDICTS = {
  unverified: 40,
  true: 8,
  'mostly-true': 8,
  mixed: 10,
  misleading: 10,
  'mostly-false': 9,
  false: 10,
  unprovable: 3,
  opinion: 2,
};
const ROLES = ['reported_by', 'evidence_for', 'evidence_against'] as const;

const isoDay = (day: number) => new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10);
const isoTime = (day: number, r: Random) => new Date(FIRST_DAY + day * DAY_MS + r.int(DAY_MS)).toISOString();

/** Runs the insert; returns how many rows it added (0 when a duplicate was ignored). */
type Insert = (...values: unknown[]) => number;

/** A prepared insert whose SQL Kysely compiled; values are passed in the order of `columns`. */
function preparedInsert(db: Db, sqlite: SqliteDatabase.Database, table: keyof DB, columns: string[], ignoreDuplicates = false): Insert {
  const row = Object.fromEntries(columns.map((c) => [c, null]));
  let query = db.insertInto(table).values(row);
  if (ignoreDuplicates) query = query.onConflict((oc) => oc.doNothing());
  const statement = sqlite.prepare(query.compile().sql);
  return (...values) => statement.run(...values).changes;
}

function progress(label: string, started: number) {
  process.stdout.write(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

export async function generateCorpus(path: string, scale: CorpusScale, seed = 20250318): Promise<CorpusInfo> {
  const started = Date.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const sqlite = new SqliteDatabase(path);
  // No journal while loading (a failed load is simply built again); WAL, as Gainsay runs it, at the end.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const db: Db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);

  // Set aside what slows a bulk load: secondary indexes and the triggers that fill the search index.
  const deferred = sqlite
    .prepare(
      `select type, name, sql from sqlite_master where sql is not null and (type = 'index' or (type = 'trigger' and name like '%_fts_%'))`,
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  for (const d of deferred) sqlite.exec(`drop ${d.type} ${d.name}`);
  // The generator's ids are consistent by construction; checking every reference would double the load time.
  sqlite.pragma('foreign_keys = OFF');

  const r = new Random(seed);
  const counts: Record<string, number> = {};

  const load = sqlite.transaction(() => {
    const topic = preparedInsert(db, sqlite, 'topic', ['slug', 'name']);
    const topicNames = words.topicNames(scale.topics);
    topicNames.forEach((name, i) => topic(`${slugify(name)}-${i + 1}`, name));
    counts.topics = scale.topics;

    const claimant = preparedInsert(db, sqlite, 'claimant', ['slug', 'name', 'kind', 'description', 'created_at', 'updated_at']);
    for (let i = 0; i < scale.claimants; i++) {
      const kind = i % 7 === 0 ? words.CLAIMANT_KINDS[1 + r.int(3)]! : 'person';
      const name = kind === 'person' ? words.personName(r) : words.organisationName(r, i / 7);
      const at = isoTime(r.int(DAYS), r);
      claimant(`${slugify(name)}-${i + 1}`, name, kind, r.chance(0.3) ? `${name}: ${kind}.` : null, at, at);
    }
    counts.claimants = scale.claimants;
    progress(`${scale.claimants.toLocaleString('en')} claimants, ${scale.topics} topics`, started);

    const outlets = words.outletNames(scale.outlets);
    const source = preparedInsert(db, sqlite, 'source', [
      'outlet',
      'title',
      'url',
      'published_on',
      'language',
      'archive_url',
      'retrieved_on',
      'created_at',
      'updated_at',
    ]);
    for (let i = 0; i < scale.sources; i++) {
      const outlet = outlets[r.skewed(outlets.length, 2)]!;
      const dutch = r.chance(0.6);
      const day = r.int(DAYS);
      const title = words.reportTitle(r, dutch);
      const url = r.chance(0.85)
        ? `https://${slugify(outlet)}.example/${isoDay(day).slice(0, 7).replace('-', '/')}/${slugify(title, 50)}-${i + 1}`
        : null;
      const at = isoTime(day, r);
      source(
        outlet,
        title,
        url,
        isoDay(day),
        dutch ? 'nl' : 'en',
        url && r.chance(0.2) ? `https://web.archive.org/web/2025/${url}` : null,
        null,
        at,
        at,
      );
    }
    counts.sources = scale.sources;
    progress(`${scale.sources.toLocaleString('en')} sources`, started);

    const claim = preparedInsert(db, sqlite, 'claim', [
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
      'version',
      'created_at',
      'updated_at',
    ]);
    const claimTopic = preparedInsert(db, sqlite, 'claim_topic', ['claim_id', 'topic_id'], true);
    const citation = preparedInsert(db, sqlite, 'citation', ['claim_id', 'source_id', 'role', 'excerpt', 'created_at'], true);
    const link = preparedInsert(db, sqlite, 'claim_link', ['from_claim_id', 'to_claim_id', 'type', 'note', 'created_at'], true);
    counts.claims = counts.claim_topics = counts.citations = counts.links = 0;
    const states: string[] = [''];
    const createdDays: number[] = [0];
    for (let i = 1; i <= scale.claims; i++) {
      const dutch = r.chance(0.6);
      const extra: string[] = [];
      if (r.chance(0.1)) extra.push(words.COMMON_WORD);
      if (i % 20_000 === 7) extra.push(words.RARE_WORD);
      const day = r.int(DAYS);
      const precision = r.weighted({ day: 85, month: 10, year: 4, none: 1 });
      const said =
        precision === 'none'
          ? null
          : precision === 'day'
            ? isoDay(day)
            : precision === 'month'
              ? `${isoDay(day).slice(0, 7)}-01`
              : `${isoDay(day).slice(0, 4)}-01-01`;
      const kind = r.weighted({ statement: 85, promise: 10, prediction: 5 });
      const verdict = r.weighted(VERDICTS);
      const state = r.weighted({ published: 92, draft: 6, retracted: 2 });
      const createdDay = Math.min(DAYS, day + r.int(20));
      const created = isoTime(createdDay, r);
      const updated = r.chance(0.3) ? isoTime(Math.min(DAYS, createdDay + r.int(60)), r) : created;
      claim(
        1 + r.skewed(scale.claimants, 3),
        words.claimText(r, dutch, extra),
        r.chance(0.7) ? words.quoteText(r, dutch) : null,
        dutch ? 'nl' : 'en',
        said,
        said ? (precision === 'none' ? null : precision) : null,
        words.whereSaid(r),
        kind,
        kind === 'statement' ? null : isoDay(Math.min(DAYS + 400, day + 30 + r.int(335))),
        verdict,
        verdict === 'unverified' ? null : words.rationale(r, dutch),
        state,
        1 + (updated === created ? 0 : 1 + r.int(3)),
        created,
        updated,
      );
      states.push(state);
      createdDays.push(createdDay);
      counts.claims++;
      const topicCount = 1 + (r.chance(0.4) ? 1 : 0) + (r.chance(0.1) ? 1 : 0);
      for (let t = 0; t < topicCount; t++) counts.claim_topics += claimTopic(i, 1 + r.skewed(scale.topics, 2));
      counts.citations += citation(i, 1 + r.int(scale.sources), 'made_in', r.chance(0.5) ? words.quoteText(r, dutch) : null, created);
      const more = (r.chance(0.5) ? 1 : 0) + (r.chance(0.1) ? 1 : 0);
      for (let c = 0; c < more; c++)
        counts.citations += citation(i, 1 + r.int(scale.sources), r.pick(ROLES), r.chance(0.3) ? 'Zie de tweede alinea.' : null, created);
      if (i > 10 && r.chance(0.15)) {
        const other = Math.max(1, i - 1 - r.int(Math.min(i - 1, 5000)));
        counts.links += link(
          i,
          other,
          r.weighted({ supports: 6, repeats: 3, retracts: 1 }),
          r.chance(0.2) ? 'Zelfde bewering, andere woorden.' : null,
          created,
        );
      }
      if (i % 200_000 === 0) progress(`${i.toLocaleString('en')} claims`, started);
    }
    progress(`${scale.claims.toLocaleString('en')} claims with topics, citations and links`, started);

    // Disputes pair claims a stride apart, so every claim is on at most one side of one dispute.
    const dispute = preparedInsert(db, sqlite, 'dispute', [
      'slug',
      'question',
      'summary',
      'status',
      'state',
      'claim_a_id',
      'claim_b_id',
      'version',
      'created_at',
      'updated_at',
      'published_at',
    ]);
    const stride = Math.max(2, Math.floor(scale.claims / scale.disputes));
    counts.disputes = 0;
    for (let k = 0; k < scale.disputes && k * stride + 2 <= scale.claims; k++) {
      const a = k * stride + 1;
      const b = a + 1;
      const dutch = r.chance(0.6);
      const question = words.disputeQuestion(r, dutch, []);
      const published = states[a] !== 'draft' && states[b] !== 'draft' && r.chance(0.97);
      const at = isoTime(Math.max(createdDays[a]!, createdDays[b]!), r);
      dispute(
        `${slugify(question, 60)}-${k + 1}`,
        question,
        r.chance(0.5) ? words.rationale(r, dutch) : null,
        r.chance(0.3) ? 'settled' : 'open',
        published ? 'published' : 'draft',
        a,
        b,
        1,
        at,
        at,
        published ? at : null,
      );
      counts.disputes++;
      counts.links += link(a, b, 'contradicts', null, at);
    }
    progress(`${counts.disputes.toLocaleString('en')} disputes`, started);
  });
  load();

  for (const d of deferred.filter((x) => x.type === 'index')) sqlite.exec(d.sql);
  progress(`${deferred.filter((x) => x.type === 'index').length} indexes rebuilt`, started);
  fillSearchIndex(sqlite);
  for (const d of deferred.filter((x) => x.type === 'trigger')) sqlite.exec(d.sql);
  progress('search index filled', started);

  const user = await insertUser(db, {
    email: 'bench@gainsay.example',
    display_name: 'Benchmark editor',
    role: 'editor',
    password_hash: await hashPassword(`bench-${seed}-password`),
  });
  const { token } = await createApiToken(db, user.id, 'benchmark');
  const info: CorpusInfo = {
    generator: GENERATOR_VERSION,
    migration: latestMigration(),
    seed,
    scale,
    counts,
    seconds: 0,
    apiToken: token,
    commonWord: words.COMMON_WORD,
    rareWordQuery: words.RARE_WORD_QUERY,
    sample: pickSamples(sqlite),
  };
  sqlite.pragma('journal_mode = WAL');
  await db.destroy();
  info.seconds = (Date.now() - started) / 1000;
  writeFileSync(`${path}.json`, JSON.stringify(info, null, 2));
  return info;
}

/**
 * Fills the search index in one pass per table with the same rows the index triggers write
 * (migration 2026_11_27_11_00_00: rowid = id * 4 + 1 claim, 2 dispute, 3 source).
 */
function fillSearchIndex(sqlite: SqliteDatabase.Database) {
  sqlite.exec(`
    insert into search_fts (rowid, kind, ref_id, title, body) select id * 4 + 1, 'claim', id, text, coalesce(quote, '') from claim;
    insert into search_fts (rowid, kind, ref_id, title, body) select id * 4 + 2, 'dispute', id, question, coalesce(summary, '') from dispute;
    insert into search_fts (rowid, kind, ref_id, title, body) select id * 4 + 3, 'source', id, title, outlet from source;
  `);
}

/** The records the page benchmarks ask for: a busy one of each, chosen the same way every time. */
function pickSamples(sqlite: SqliteDatabase.Database): CorpusInfo['sample'] {
  // The hundredth of its kind in a full corpus, and proportionally earlier in a small one.
  const offset = Math.min(100, Math.floor((sqlite.prepare('select count(*) from dispute').pluck().get() as number) / 10));
  const dispute = sqlite.prepare(`select slug from dispute where state = 'published' order by id limit 1 offset ?`).get(offset) as {
    slug: string;
  };
  const claim = sqlite
    .prepare(
      `select c.id from claim c where c.state = 'published' and (select count(*) from citation x where x.claim_id = c.id) >= 2 order by c.id limit 1 offset ?`,
    )
    .get(offset) as { id: number };
  const topic = sqlite.prepare('select t.slug from topic t order by t.id limit 1 offset 1').get() as { slug: string };
  return { disputeSlug: dispute.slug, claimId: claim.id, verdict: 'false', topicSlug: topic.slug };
}
