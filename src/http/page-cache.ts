import type { Application, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { IncomingMessage, ServerResponse, type IncomingHttpHeaders } from 'node:http';
import { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { allowStaleReads, requireCurrentReads, type StaleReads } from '../db/stamped-cache';

// Rendered public pages kept in memory, so a reader's request costs a map lookup instead of the
// queries and the template. Only for visitors who are not signed in (a journalist's request always
// renders, and sees their own write at once); a response that sets a cookie or holds the visitor's
// CSRF secret is never kept.
//
// Stale while revalidate, with bounded staleness: a kept page is current while the database's change
// stamp (src/db/change-stamp.ts) is the one it was rendered under. After a write, a reader still gets
// the kept page at once while ONE re-render per page runs off the request path (a page that was itself
// re-rendered so waits until it is half `staleSeconds` old) — as long as what the page shows was read at most `staleSeconds` ago; an older page is
// rendered while the reader waits. So a reader never sees the archive as it was more than
// `staleSeconds` ago, and a steady write stream costs at most two renders per busy page per
// `staleSeconds`, however often the newsroom writes — never a stampede. Totals, facet counts and the
// names search suggests have a bound of their own, `countsStaleSeconds` (src/db/stamped-cache.ts):
// recounting them takes hundreds of ms per list over a million claims, so re-rendering a page reads its
// rows afresh and takes kept counts up to that old, while at most one recount per count runs off the
// request path; the page is rendered again when the recount is done. Proxies and CDNs are told the
// page's bound: `max-age=0, stale-while-revalidate=<staleSeconds>` with an `Age` that counts from when
// the page was read.

export interface PageCacheOptions {
  /** Reads the database's change stamp (src/db/change-stamp.ts). */
  stamp: () => Promise<string>;
  /** The most memory the kept pages may take; 0 keeps none (counts may still be served stale). */
  maxBytes: number;
  /** How old (seconds since it was read) a page shown to a reader may be; 0: always current. */
  staleSeconds: number;
  /**
   * How old the kept counts on a reader's page may be (totals, facet counts, the names search suggests:
   * src/db/stamped-cache.ts); at least `staleSeconds`, which is also the default.
   */
  countsStaleSeconds?: number;
  /** Today's date, part of every key: a page that says "overdue" must not outlive its day. */
  today?: () => string;
  /** Milliseconds; tests move it. */
  now?: () => number;
}

interface Entry {
  /** The stamp it was rendered under; '' when it showed older kept counts (refreshed on next use). */
  stamp: string;
  /** When its rows were read (ms): when it was rendered. */
  readAt: number;
  /** When the oldest kept count it shows was read (ms); its rendering time if all were current. */
  countsReadAt: number;
  /** Whether a background re-render made it (those are re-rendered at most once per half the bound). */
  refreshed: boolean;
  lastModified: string;
  headers: Record<string, string | number | string[]>;
  body: Buffer;
  gzipped?: Buffer;
  bytes: number;
  /** Reproduces the request off the request path: its address and the headers that choose the page. */
  replay: { url: string; headers: IncomingHttpHeaders; address: string | undefined };
}

const KEPT_TYPES = /^(text\/html|application\/(json|ld\+json|atom\+xml|xml))\b/;
/** Background re-renders running at once, across all pages: the rest wait for a later request. */
const MAX_REFRESHES = 2;
/** A re-render that has not finished by then is given up (the seam's query budgets end it sooner). */
const REFRESH_GIVE_UP_MS = 60_000;

/** Requests made by the cache itself to re-render a page: rendered and kept, never answered from it. */
const refreshRequests = new WeakSet<Request | IncomingMessage>();
/** Per app, the re-renders running now, so tests can wait for them (`refreshesSettled`). */
const runningRefreshes = new WeakMap<Application, Set<Promise<void>>>();

/** Whether this request may be answered from, and stored in, the shared cache. */
function cacheable(req: Request, res: Response): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (res.locals.user || req.headers.authorization) return false;
  return true;
}

/** Resolves when the background re-renders started so far for this app have finished. */
export async function refreshesSettled(app: Application): Promise<void> {
  for (;;) {
    const running = [...(runningRefreshes.get(app) ?? [])];
    if (running.length === 0) return;
    await Promise.all(running);
  }
}

export function pageCache({
  stamp,
  maxBytes,
  staleSeconds,
  countsStaleSeconds = staleSeconds,
  today = () => new Date().toISOString().slice(0, 10),
  now = Date.now,
}: PageCacheOptions): RequestHandler {
  // Bounded by bytes, the least recently used page going first; lru-cache needs a size of at least 1.
  const entries =
    maxBytes > 0
      ? new LRUCache<string, Entry>({ maxSize: Math.floor(maxBytes), sizeCalculation: (entry) => Math.max(1, entry.bytes) })
      : null;
  const staleMs = Math.max(0, staleSeconds) * 1000;
  // Counts are part of the page: never required fresher than the page itself.
  const countsStaleMs = Math.max(staleMs, countsStaleSeconds * 1000);
  const cacheControl = staleMs > 0 ? `public, max-age=0, stale-while-revalidate=${Math.floor(staleSeconds)}` : 'public, no-cache';
  let firstSeen = { stamp: '', at: new Date() };
  const refreshing = new Set<string>();

  // Readers share one stamp read in flight: they accept a stamp read a moment before they asked.
  let pendingStamp: Promise<string> | null = null;
  const sharedStamp = () =>
    (pendingStamp ??= stamp().finally(() => {
      pendingStamp = null;
    }));

  const store = (key: string, entry: Entry) => {
    // A page bigger than a quarter of the cache would push out too many others.
    if (entry.bytes > maxBytes / 4) entries?.delete(key);
    else entries?.set(key, entry);
  };

  const serve = (req: Request, res: Response, key: string, hit: Entry, ageMs: number) => {
    for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value);
    res.setHeader('Last-Modified', hit.lastModified);
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Age', Math.floor(ageMs / 1000));
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    let body = hit.body;
    res.vary('Accept-Encoding');
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      let gzipped = hit.gzipped;
      if (!gzipped) {
        gzipped = gzipSync(hit.body);
        // The gzipped copy counts too: set anew (a new object, so its size is recounted), the page
        // stays the most recently used and the least recently used others make room.
        entries?.set(key, { ...hit, gzipped, bytes: hit.bytes + gzipped.length });
      }
      body = gzipped;
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Content-Length', body.length);
    res.end(body);
  };

  /** Work off the request path, which tests can wait for (`refreshesSettled`). */
  const track = (app: Application, work: Promise<void>) => {
    let running = runningRefreshes.get(app);
    if (!running) runningRefreshes.set(app, (running = new Set()));
    const done: Promise<void> = work.finally(() => running.delete(done));
    running.add(done);
  };

  /** Re-renders a page off the request path: the request is replayed through the app, whose response this middleware keeps. */
  const refresh = (app: Application, key: string, replay: Entry['replay']) => {
    if (refreshing.has(key) || refreshing.size >= MAX_REFRESHES) return;
    refreshing.add(key);
    track(
      app,
      new Promise<void>((resolve) => {
        setImmediate(() => requireCurrentReads(() => replayThrough(app, replay, resolve)));
      }).finally(() => refreshing.delete(key)),
    );
  };

  /**
   * A page rendered with kept counts while they were being recounted is rendered once more when the
   * recounts are done, so it shows them as soon as they exist rather than at its next re-render.
   */
  const refreshAfterRecounts = (app: Application, key: string, replay: Entry['replay'], recounts: Set<Promise<unknown>>) => {
    track(
      app,
      Promise.all(recounts).then(() => {
        if (entries?.peek(key)?.stamp === '') refresh(app, key, replay);
      }),
    );
  };

  return async (req, res, next) => {
    if (!cacheable(req, res)) {
      if (req.method === 'GET' && (res.locals.user || req.headers.authorization)) res.setHeader('Cache-Control', 'private, no-cache');
      return next();
    }
    const isRefresh = refreshRequests.has(req);
    const startedAt = now();
    const current = isRefresh ? await stamp() : await sharedStamp();
    if (current !== firstSeen.stamp) firstSeen = { stamp: current, at: new Date(startedAt) };
    const key = `${String(res.locals.locale)}\u0000${today()}\u0000${req.originalUrl}`;
    const hit = isRefresh ? undefined : entries?.get(key);
    if (hit && hit.stamp === current) return serve(req, res, key, hit, 0);
    if (hit && staleMs > 0 && startedAt - hit.readAt <= staleMs && startedAt - hit.countsReadAt <= countsStaleMs) {
      serve(req, res, key, hit, startedAt - hit.readAt);
      // A page re-rendered in the background is re-rendered again only once it is half the bound old:
      // at most twice per bound however often the newsroom writes, and each has the other half to finish.
      if (!hit.refreshed || startedAt - hit.readAt >= staleMs / 2) refresh(req.app, key, hit.replay);
      return;
    }

    // Rendered now. Its Last-Modified: when this server first saw the database in its current state.
    const lastModified = firstSeen.at.toUTCString();
    res.setHeader('Last-Modified', lastModified);
    const send = res.send.bind(res);
    let reads: Pick<StaleReads, 'oldestReadAt' | 'recounts'> = { oldestReadAt: null, recounts: new Set() };
    res.send = (body?: unknown) => {
      // Decided before sending, so the headers can say it; send() types a string without a type as HTML.
      const type = String(res.getHeader('Content-Type') ?? (typeof body === 'string' ? 'text/html' : ''));
      const payload = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : null;
      // A page that carries this visitor's CSRF secret (the login form) is theirs alone.
      const secret = res.locals.csrfToken;
      const personal = typeof secret === 'string' && secret !== '' && payload !== null && payload.includes(secret);
      const keep =
        res.statusCode === 200 &&
        payload !== null &&
        !personal &&
        KEPT_TYPES.test(type) &&
        !res.getHeader('Set-Cookie') &&
        !res.getHeader('Content-Disposition');
      if (keep && !res.getHeader('Cache-Control')) {
        res.setHeader('Cache-Control', cacheControl);
        res.setHeader('Age', 0);
      }
      const result = send(body);
      if (keep && entries) {
        const headers: Entry['headers'] = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value === undefined || ['content-length', 'last-modified', 'content-encoding', 'cache-control', 'age'].includes(name))
            continue;
          headers[name] = value;
        }
        const replay: Entry['replay'] = {
          url: req.originalUrl,
          // The language is chosen by the URL, the `lang` cookie or Accept-Language: the cookie settles it.
          headers: { host: req.headers.host, accept: req.headers.accept, cookie: `lang=${String(res.locals.locale)}` },
          address: req.socket.remoteAddress,
        };
        store(key, {
          stamp: reads.oldestReadAt === null ? current : '',
          readAt: startedAt,
          countsReadAt: Math.min(startedAt, reads.oldestReadAt ?? startedAt),
          refreshed: isRefresh,
          lastModified,
          headers,
          body: payload,
          bytes: payload.length,
          replay,
        });
        if (reads.recounts.size > 0) refreshAfterRecounts(req.app, key, replay, reads.recounts);
      }
      return result;
    };
    // Rows are read now; counts may be kept ones up to their bound, recounted off the request path.
    if (countsStaleMs === 0) next();
    else reads = allowStaleReads(countsStaleMs, () => next());
  };
}

/**
 * Runs a GET through the app on an in-memory request and response: nothing goes to any socket, the
 * page cache's hook keeps the page. Calls `done` when the app has answered (or given up).
 */
function replayThrough(app: Application, replay: Entry['replay'], done: () => void): void {
  const socket = new Socket();
  // The reader whose request found the page stale caused this work: rate limits see their address.
  Object.defineProperty(socket, 'remoteAddress', { value: replay.address });
  const req = new IncomingMessage(socket);
  req.method = 'GET';
  req.url = replay.url;
  req.headers = Object.fromEntries(Object.entries(replay.headers).filter(([, v]) => v !== undefined));
  req.push(null);
  refreshRequests.add(req);
  const res = new ServerResponse(req);
  const timer = setTimeout(finish, REFRESH_GIVE_UP_MS);
  function finish() {
    clearTimeout(timer);
    socket.destroy();
    done();
  }
  // Own properties, so they survive Express giving the response its own prototype.
  res.write = () => true;
  res.end = ((..._args: unknown[]) => {
    finish();
    return res;
  }) as typeof res.end;
  app(req as Request, res as Response, () => finish());
}
