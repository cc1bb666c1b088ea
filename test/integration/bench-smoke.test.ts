// Keeps `npm run bench` from rotting: its corpus generator at a tiny scale, and one real load
// measurement against the app on that corpus. No timing is asserted, only that the parts work.
import SqliteDatabase from 'better-sqlite3';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, type CorpusScale } from '../../bench/corpus/generate';
import { measureLoad } from '../../bench/lib/load';
import { measureApiWrites } from '../../bench/api-writes';
import { firstViewAfterWrite, healthUnderSiege, readerUrls, readersUnderWrites } from '../../bench/live';
import { formatTable, meetsTarget } from '../../bench/lib/report';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/connection';

const TINY: CorpusScale = { claims: 400, disputes: 60, claimants: 40, sources: 120, topics: 12, outlets: 10 };

describe('the benchmark', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gainsay-bench-smoke-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates the same consistent corpus from the same seed, searchable and with a working API token', async () => {
    const path = join(dir, 'corpus.sqlite');
    const info = await generateCorpus(path, TINY, 7);
    const again = await generateCorpus(join(dir, 'again.sqlite'), TINY, 7);
    expect(again.counts).toEqual(info.counts);
    expect(again.sample).toEqual(info.sample);

    const sqlite = new SqliteDatabase(path, { readonly: true });
    try {
      const count = (q: string) => sqlite.prepare(q).pluck().get() as number;
      expect(count('select count(*) from claim')).toBe(TINY.claims);
      expect(count('select count(*) from dispute')).toBe(info.counts.disputes!);
      expect(info.counts.disputes).toBe(TINY.disputes);
      expect(count('select count(*) from citation')).toBe(info.counts.citations);
      expect(info.counts.citations).toBeGreaterThan(TINY.claims);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      // The search index holds every claim, dispute and source, and the triggers are back.
      expect(count('select count(*) from search_fts')).toBe(TINY.claims + TINY.disputes + TINY.sources);
      expect(count(`select count(*) from sqlite_master where type = 'trigger' and name like '%_fts_%'`)).toBe(9);
      const withWord = count(`select count(*) from claim where text like '%${info.commonWord}%'`);
      expect(withWord).toBeGreaterThan(0);
      expect(count(`select count(*) from search_fts where search_fts match '${info.commonWord}' and kind = 'claim'`)).toBe(withWord);
      // The sample records are the public ones the page benchmarks ask for.
      expect(sqlite.prepare('select state from dispute where slug = ?').pluck().get(info.sample.disputeSlug)).toBe('published');
      expect(sqlite.prepare('select state from claim where id = ?').pluck().get(info.sample.claimId)).toBe('published');
    } finally {
      sqlite.close();
    }

    // One real measurement: the app on the corpus, under autocannon for a moment.
    const { db } = openDatabase(path);
    const baseUrl = 'http://127.0.0.1';
    const app = createApp({
      db,
      config: loadConfig({ DATABASE_PATH: path, BASE_URL: baseUrl, SEARCH_RATE_LIMIT: '0', EXPORT_RATE_LIMIT: '0' }),
    });
    const server = await new Promise<Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await measureLoad({ url: `${url}/disputes/${info.sample.disputeSlug}`, connections: 2, seconds: 1, maxRequests: 200 });
      expect(page.requests).toBeGreaterThan(0);
      expect(page.failed).toBe(0);
      const write = await measureApiWrites({ baseUrl: url, token: info.apiToken, connections: 2, seconds: 1 });
      expect(write.failed).toBe(0);
      expect(write.ok).toBeGreaterThan(0);
      expect(write.requests).toBeGreaterThan(0);

      // The newsroom-at-work figures (bench/live.ts), each for a moment.
      const running = { baseUrl: url, pid: process.pid, coldStartMs: 0, stop: async () => undefined };
      const paths = readerUrls(path, { common: info.commonWord, rare: info.rareWordQuery });
      for (const p of paths) expect([p, (await fetch(url + p)).status]).toEqual([p, 200]);
      const rw = await readersUnderWrites(running, info.apiToken, paths, { connections: 2, seconds: 1, writesPerSecond: 2 });
      expect(rw.quiet.failed + rw.busy.failed + rw.writes.failed).toBe(0);
      expect(rw.busy.requests).toBeGreaterThan(0);
      const filtered = `/claims?verdict=${info.sample.verdict}&topic=${info.sample.topicSlug}`;
      const fv = await firstViewAfterWrite(running, info.apiToken, filtered, [info.sample.topicSlug], 1);
      expect(fv.rounds).toBe(1);
      const siege = await healthUnderSiege(running, 1);
      expect(siege.probes).toBeGreaterThan(0);

      const figures = [
        { name: 'dispute page', value: page.perSecond, unit: 'req/s', p99: page.p99, target: { p99: Number.MAX_SAFE_INTEGER } },
      ];
      expect(meetsTarget(figures[0]!)).toBe(true);
      expect(formatTable(figures)).toContain('dispute page');
    } finally {
      await new Promise((done) => server.close(done));
      await db.destroy();
    }
  }, 120_000);
});
