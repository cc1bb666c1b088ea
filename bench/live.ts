// The newsroom at work (issue 11): readers while the API writes, /healthz while pathological searches
// and full exports run, the first view of a filtered list right after a write, and memory through a
// mixed soak. Used by bench/run.ts; every loop here is bounded in count and in time, loopback only.
import SqliteDatabase from 'better-sqlite3';
import { claimBodies } from './api-writes';
import { measureLoad, type LoadResult } from './lib/load';
import { rssOf, type RunningServer } from './lib/server';

/** The reader URL mix: dispute, claim, list, topic, claimant and search pages spread over the archive. */
export function readerUrls(databasePath: string, words: { common: string; rare: string }): string[] {
  const db = new SqliteDatabase(databasePath, { readonly: true });
  try {
    const spread = <T>(sql: string, n: number): T[] => {
      const all = db.prepare(sql).pluck().all() as T[];
      return Array.from({ length: Math.min(n, all.length) }, (_, i) => all[Math.floor((i * all.length) / n)]!);
    };
    const disputes = spread<string>(`select slug from dispute where state <> 'draft' order by id`, 8);
    const claims = spread<number>(`select id from claim where state <> 'draft' order by id`, 8);
    const topics = spread<string>('select slug from topic order by id', 4);
    const claimants = spread<string>('select slug from claimant order by id', 2);
    const verdicts = ['false', 'mostly-true'];
    return [
      '/',
      '/claims',
      '/disputes',
      ...disputes.map((s) => `/disputes/${encodeURIComponent(s)}`),
      ...claims.map((id) => `/claims/${id}`),
      ...topics.slice(0, 2).map((t, i) => `/claims?verdict=${verdicts[i]}&topic=${encodeURIComponent(t)}`),
      `/claims?topic=${encodeURIComponent(topics[2] ?? topics[0]!)}`,
      ...topics.slice(3).map((t) => `/topics/${encodeURIComponent(t)}`),
      ...claimants.map((c) => `/claimants/${encodeURIComponent(c)}`),
      `/search?q=${encodeURIComponent(words.common)}`,
      `/search?q=${encodeURIComponent(words.rare)}`,
    ];
  } finally {
    db.close();
  }
}

/** A search of many one-character prefixes joined by OR: the kind that froze the site. */
export const PATHOLOGICAL_SEARCH = `/search?q=${encodeURIComponent(
  'abcdefghijklmnopqrstuvwxyz'
    .split('')
    .map((c) => `${c}*`)
    .join(' OR '),
)}`;

interface WriteStream {
  stop(): Promise<{ ok: number; failed: number; p99: number }>;
}

/** Creates claims through POST /api/v1/claims at a steady rate (at most 4 in flight), until stopped. */
async function writeStream(server: RunningServer, token: string, perSecond: number): Promise<WriteStream> {
  const api = `${server.baseUrl}/api/v1`;
  // A server that has just started may answer these first reads 503 (busy, with Retry-After) while it
  // fills its caches: asked again a few times before the run gives up.
  const ids = async (path: string) => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${api}/${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
      if (res.ok) return ((await res.json()) as { data: Array<{ id: number }> }).data.map((r) => Number(r.id));
      if (attempt === 5) throw new Error(`GET /api/v1/${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  const next = claimBodies({
    claimantIds: await ids('claimants?per_page=100'),
    sourceIds: await ids('sources?per_page=100'),
    claimIds: await ids('claims?per_page=20'),
  });
  const latencies: number[] = [];
  let failed = 0;
  let inFlight = 0;
  const running = new Set<Promise<void>>();
  const post = async () => {
    inFlight++;
    const started = performance.now();
    try {
      const res = await fetch(`${api}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(next()),
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      if (res.ok) latencies.push(performance.now() - started);
      else failed++;
    } catch {
      failed++;
    } finally {
      inFlight--;
    }
  };
  const timer =
    perSecond > 0
      ? setInterval(() => {
          if (inFlight >= 4) return void failed++; // counted as a missed write: the server could not keep up
          const p = post().finally(() => running.delete(p));
          running.add(p);
        }, 1000 / perSecond)
      : null;
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await Promise.all(running);
      latencies.sort((a, b) => a - b);
      return { ok: latencies.length, failed, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
    },
  };
}

export interface ReadersUnderWrites {
  quiet: LoadResult;
  busy: LoadResult;
  writes: { ok: number; failed: number; p99: number };
}

/** (a) The same reader mix with no writes and with `writesPerSecond` API writes, one after the other. */
export async function readersUnderWrites(
  server: RunningServer,
  token: string,
  paths: string[],
  { connections, seconds, writesPerSecond }: { connections: number; seconds: number; writesPerSecond: number },
): Promise<ReadersUnderWrites> {
  const load = () => measureLoad({ url: server.baseUrl, paths, connections, seconds });
  // Warm-up: every page rendered once (its first view is measured in (c)), then a short load.
  for (const path of paths) await (await fetch(server.baseUrl + path, { signal: AbortSignal.timeout(60_000) })).arrayBuffer();
  await measureLoad({ url: server.baseUrl, paths, connections, seconds: Math.min(2, seconds) });
  const quiet = await load();
  const stream = await writeStream(server, token, writesPerSecond);
  const busy = await load();
  const writes = await stream.stop();
  return { quiet, busy, writes };
}

/** Runs `task` in `workers` loops until the deadline (and at most `maxEach` times each); returns how each run ended. */
async function loopUntil(deadline: number, workers: number, maxEach: number, task: () => Promise<string>): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < maxEach && Date.now() < deadline; i++) {
        const outcome = await task().catch((err: unknown) => (err instanceof Error ? err.name : 'error'));
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }),
  );
  return outcomes;
}

/** Fetches a URL to the end, bounded in time; answers with its status (or why it did not finish). */
async function drain(url: string, timeoutMs: number): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) void chunk;
  return String(res.status);
}

/**
 * (b) /healthz while 4 pathological searches and 2 full CSV exports run over and over: two probe loops
 * send /healthz one after the other; a probe still unanswered when the time is up counts with how long
 * it had waited (so a server that answers nothing shows its whole wait, not an empty p99).
 */
export async function healthUnderSiege(server: RunningServer, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  const timeoutMs = Math.max(5_000, seconds * 1000);
  const searches = loopUntil(deadline, 4, 1_000, () => drain(server.baseUrl + PATHOLOGICAL_SEARCH, timeoutMs));
  // A full export outlasts the run at a million claims: one cut off when the time is up is still running.
  const exports = loopUntil(deadline, 2, 100, () =>
    drain(`${server.baseUrl}/claims.csv`, Math.max(1_000, deadline - Date.now())).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'TimeoutError') return 'still running at the end';
      throw err;
    }),
  );
  await new Promise((r) => setTimeout(r, 200)); // let them start
  const latencies: number[] = [];
  let unanswered = 0;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      for (let i = 0; i < 100_000 && Date.now() < deadline; i++) {
        const started = performance.now();
        try {
          const res = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
          await res.arrayBuffer();
          if (!res.ok) unanswered++;
        } catch {
          unanswered++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0;
  return {
    probes: latencies.length,
    unanswered,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
    searches: await searches,
    exports: await exports,
  };
}

async function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; age: string | null; status: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    headers: { accept: 'text/html', 'accept-encoding': 'gzip', ...headers },
    signal: AbortSignal.timeout(60_000),
  });
  await res.arrayBuffer();
  return { ms: performance.now() - started, age: res.headers.get('age'), status: res.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * (c) The first view of a filtered list right after an API write: a list readers had open before
 * (anonymous), a filter combination nobody asked for yet (anonymous), and the kept list as the
 * journalist who wrote sees it (signed in with the token: always rendered, counts recounted).
 */
export async function firstViewAfterWrite(server: RunningServer, token: string, filtered: string, topics: string[], rounds: number) {
  let busy = 0;
  // A write answered 503 (the database busy, with Retry-After) is sent again after the pause it asks for.
  const post = async () => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${server.baseUrl}/api/v1/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          text: `A claim written to test the first view (${Date.now()}).`,
          new_claimant_name: 'Bench speaker',
          new_claimant_kind: 'person',
          state: 'published',
        }),
        signal: AbortSignal.timeout(60_000),
      });
      await res.arrayBuffer();
      if (res.ok) return;
      if (res.status !== 503 || attempt === 5) throw new Error(`POST /api/v1/claims answered ${res.status}`);
      busy++;
      await new Promise((r) => setTimeout(r, Math.min(5, Number(res.headers.get('retry-after')) || 1) * 1000));
    }
  };
  const kept: number[] = [];
  const fresh: number[] = [];
  const signedIn: number[] = [];
  let staleServed = 0;
  for (let i = 0; i < rounds; i++) {
    await timedGet(server.baseUrl + filtered); // a reader has it open
    await post();
    const view = await timedGet(server.baseUrl + filtered);
    kept.push(view.ms);
    if (view.age !== null) staleServed++;
    await post();
    fresh.push(
      (await timedGet(`${server.baseUrl}/claims?topic=${encodeURIComponent(topics[i % topics.length]!)}&sort=said-asc&page=${i + 2}`)).ms,
    );
    await post();
    signedIn.push((await timedGet(server.baseUrl + filtered, { authorization: `Bearer ${token}` })).ms);
  }
  return {
    kept: { median: median(kept), max: Math.max(...kept) },
    fresh: { median: median(fresh), max: Math.max(...fresh) },
    signedIn: { median: median(signedIn), max: Math.max(...signedIn) },
    staleServed,
    rounds,
    busy,
  };
}

/**
 * (d) Memory through a mixed soak: readers over the mix plus ever new list pages and searches (to fill
 * every cache), 2 API writes per second. RSS sampled every second; before = after a warm-up.
 */
export async function mixedSoak(server: RunningServer, token: string, paths: string[], seconds: number, commonWord: string) {
  const warm = await measureLoad({ url: server.baseUrl, paths, connections: 4, seconds: 2 });
  void warm;
  const before = rssOf(server.pid).rss;
  let peak = before;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const now = rssOf(server.pid).rss;
    samples.push(now);
    peak = Math.max(peak, now);
  }, 1000);
  // Distinct URLs: pages of lists and searches for many words, each kept (or not) by the caches.
  const sorts = ['said-desc', 'said-asc', 'claimant'];
  const varied = Array.from(
    { length: 3000 },
    (_, i) =>
      [
        `/claims?page=${(i % 500) + 1}&sort=${sorts[i % 3]}`,
        `/disputes?page=${(i % 200) + 1}`,
        `/search?q=${encodeURIComponent(commonWord)}&page=${(i % 50) + 1}`,
      ][i % 3]!,
  );
  const stream = await writeStream(server, token, 2);
  const [readers, explorers] = await Promise.all([
    measureLoad({ url: server.baseUrl, paths, connections: 6, seconds }),
    measureLoad({ url: server.baseUrl, paths: varied, connections: 2, seconds }),
  ]);
  const writes = await stream.stop();
  clearInterval(sampler);
  const after = rssOf(server.pid).rss;
  return { before, peak, after, samples, readers, explorers, writes };
}
