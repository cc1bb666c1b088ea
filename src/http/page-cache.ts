import type { Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { gzipSync } from 'node:zlib';

// Rendered public pages kept in memory, so a reader's request for an unchanged page costs a map
// lookup instead of the queries and the template. An entry is only used while the database's change
// stamp is the one it was rendered under (any write anywhere retires every entry) and only for visitors
// who are not signed in; a response that sets a cookie or holds the visitor's CSRF secret is never kept.

export interface PageCacheOptions {
  /** Reads the database's change stamp (src/db/change-stamp.ts). */
  stamp: () => Promise<string>;
  /** The most memory the cached pages may take; 0 turns the cache off. */
  maxBytes: number;
  /** Today's date, part of every key: a page that says "overdue" must not outlive its day. */
  today?: () => string;
}

interface Entry {
  stamp: string;
  headers: Record<string, string | number | string[]>;
  body: Buffer;
  gzipped?: Buffer;
  bytes: number;
}

const KEPT_TYPES = /^(text\/html|application\/(json|ld\+json|atom\+xml|xml))\b/;

/** Whether this request may be answered from, and stored in, the shared cache. */
function cacheable(req: Request, res: Response): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (res.locals.user || req.headers.authorization) return false;
  return true;
}

export function pageCache({ stamp, maxBytes, today = () => new Date().toISOString().slice(0, 10) }: PageCacheOptions): RequestHandler {
  // Bounded by bytes, the least recently used page going first; lru-cache needs a size of at least 1.
  const entries =
    maxBytes > 0
      ? new LRUCache<string, Entry>({ maxSize: Math.floor(maxBytes), sizeCalculation: (entry) => Math.max(1, entry.bytes) })
      : null;
  let firstSeen = { stamp: '', at: new Date() };

  const store = (key: string, entry: Entry) => {
    // A page bigger than a quarter of the cache would push out too many others.
    if (entry.bytes > maxBytes / 4) entries?.delete(key);
    else entries?.set(key, entry);
  };

  return async (req, res, next) => {
    if (!entries || !cacheable(req, res)) return next();
    const current = await stamp();
    if (current !== firstSeen.stamp) firstSeen = { stamp: current, at: new Date() };
    // Last-Modified: when this server first saw the database in its current state.
    const lastModified = firstSeen.at.toUTCString();
    const key = `${String(res.locals.locale)}\u0000${today()}\u0000${req.originalUrl}`;
    const hit = entries.get(key);
    if (hit && hit.stamp === current) {
      for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value);
      res.setHeader('Last-Modified', lastModified);
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
          entries.set(key, { ...hit, gzipped, bytes: hit.bytes + gzipped.length });
        }
        body = gzipped;
        res.setHeader('Content-Encoding', 'gzip');
      }
      res.setHeader('Content-Length', body.length);
      res.end(body);
      return;
    }
    if (hit) entries.delete(key);

    res.setHeader('Last-Modified', lastModified);
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const result = send(body);
      const type = String(res.getHeader('Content-Type') ?? '');
      const payload = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : null;
      // A page that carries this visitor's CSRF secret (the login form) is theirs alone.
      const secret = res.locals.csrfToken;
      const personal = typeof secret === 'string' && secret !== '' && payload !== null && payload.includes(secret);
      if (
        res.statusCode === 200 &&
        payload &&
        !personal &&
        KEPT_TYPES.test(type) &&
        !res.getHeader('Set-Cookie') &&
        !res.getHeader('Content-Disposition')
      ) {
        const headers: Entry['headers'] = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value !== undefined && name !== 'content-length' && name !== 'last-modified' && name !== 'content-encoding')
            headers[name] = value;
        }
        store(key, { stamp: current, headers, body: payload, bytes: payload.length });
      }
      return result;
    };
    next();
  };
}
