import SqliteDatabase from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Connection } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrator';

/** A migrated database in a temporary file. */
export async function benchDatabase(): Promise<{ conn: Connection; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'gainsay-bench-')), 'bench.sqlite');
  const conn = openDatabase(path);
  await migrateToLatest(conn.db);
  return { conn, path };
}

/**
 * Adds `count` published claims straight through better-sqlite3 prepared statements in one
 * transaction (a fixture, not the product's write path): 200 claimants, 20 topics, 2,000 sources,
 * one topic and one or two citations per claim, a verdict with rationale on every third claim.
 * The claim search trigger is dropped first: the benchmark does not search, and it would triple the time.
 */
export function addClaims(sqlite: SqliteDatabase.Database, count: number, startAt = 0): void {
  sqlite.exec('drop trigger if exists claim_fts_insert');
  const now = '2026-01-01T00:00:00.000Z';
  const tx = sqlite.transaction(() => {
    if (startAt === 0) {
      const claimant = sqlite.prepare('insert into claimant (slug, name, kind, created_at, updated_at) values (?, ?, ?, ?, ?)');
      for (let i = 0; i < 200; i++) claimant.run(`claimant-${i}`, `Claimant ${i}`, i % 2 ? 'person' : 'organisation', now, now);
      const topic = sqlite.prepare('insert into topic (slug, name) values (?, ?)');
      for (let i = 0; i < 20; i++) topic.run(`topic-${i}`, `Topic ${i}`);
      const source = sqlite.prepare(
        'insert into source (outlet, title, url, published_on, language, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
      );
      for (let i = 0; i < 2000; i++)
        source.run(`Outlet ${i % 50}`, `Report ${i}, "quoted", with commas`, `https://news.example/${i}`, '2025-03-18', 'en', now, now);
    }
    const claim = sqlite.prepare(
      `insert into claim (claimant_id, text, quote, quote_language, said_on, said_precision, said_where, verdict, verdict_rationale, state, created_at, updated_at)
       values (?, ?, ?, 'nl', ?, 'day', 'interview', ?, ?, 'published', ?, ?)`,
    );
    const claimTopic = sqlite.prepare('insert into claim_topic (claim_id, topic_id) values (?, ?)');
    const citation = sqlite.prepare('insert into citation (claim_id, source_id, role, excerpt, created_at) values (?, ?, ?, ?, ?)');
    for (let n = startAt; n < startAt + count; n++) {
      const day = `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
      const rated = n % 3 === 0;
      const { lastInsertRowid } = claim.run(
        (n % 200) + 1,
        `Claim number ${n}: the Kremlin says that Putin pressed Trump to end all foreign military aid for Kyiv.`,
        `Het Kremlin verklaarde na het gesprek dat Poetin bij Trump aandrong (${n}).`,
        day,
        rated ? 'mostly-false' : 'unverified',
        rated ? 'The readout and the interview contradict each other.' : null,
        now,
        now,
      );
      const id = Number(lastInsertRowid);
      claimTopic.run(id, (n % 20) + 1);
      citation.run(id, (n % 2000) + 1, 'made_in', null, now);
      if (n % 2) citation.run(id, ((n + 7) % 2000) + 1, 'reported_by', 'An excerpt.', now);
    }
  });
  tx();
}
