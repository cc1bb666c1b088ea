import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie, type SerializeOptions } from 'cookie';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { allowReplicaReads } from '../db/read-replica';
import { writeQueueFor } from '../db/write-queue';
import { nowIso } from '../domain/clock';
import { HttpError } from '../http/errors';
import type { Locale } from '../http/i18n';
import { localPath } from '../http/locale';
import { english } from '../http/localized';
import { paths } from '../http/urls';
import { authenticateApiToken } from './api-token.repository';
import type { CurrentUser, Role } from './roles';
import { loadSession, touchSession } from './session.repository';
import { randomToken, sameSecret } from './tokens';

export const SESSION_COOKIE = 'gainsay_session';
/** The CSRF secret of a visitor without a session (only the login form needs one). */
export const ANON_CSRF_COOKIE = 'gainsay_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'express-serve-static-core' {
  interface Locals {
    user?: CurrentUser | null;
    sessionId?: string | null;
    csrfToken?: string | null;
    /** How the user was authenticated: a browser session or an API bearer token. */
    authVia?: 'session' | 'token' | null;
    /** The interface language, chosen for every request by chooseLocale (src/http/locale.ts). */
    locale: Locale;
  }
}

export function cookieOptions(config: Config, maxAgeSeconds?: number): SerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function setCookie(res: Response, name: string, value: string, options: SerializeOptions): void {
  res.append('Set-Cookie', serializeCookie(name, value, options));
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookies(header)[name];
}

/** The anonymous visitor's CSRF secret, issuing one (as a cookie) when there is none yet. */
export function ensureAnonCsrf(req: Request, res: Response, config: Config): string {
  const existing = readCookie(req, ANON_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const secret = randomToken();
  setCookie(res, ANON_CSRF_COOKIE, secret, cookieOptions(config));
  return secret;
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : '';
}

/**
 * Loads the signed-in user into res.locals.user: from an API bearer token on /api/ paths, else from
 * the session cookie (idle and absolute timeouts apply). Sets res.locals.csrfToken for forms.
 */
export function loadUser({ db, config }: { db: Db; config: Config }): RequestHandler {
  return async (req, res, next) => {
    res.locals.user = null;
    res.locals.sessionId = null;
    res.locals.authVia = null;
    const bearer = req.path.startsWith('/api/') ? bearerToken(req) : null;
    if (bearer !== null) {
      const user = bearer ? await authenticateApiToken(db, bearer, (fn) => writeQueueFor(db).run(fn)) : null;
      if (!user) throw new HttpError(401, english('auth.tokenWrong'), 'unauthorized');
      res.locals.user = user;
      res.locals.authVia = 'token';
      res.locals.csrfToken = null;
      return next();
    }
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await loadSession(db, token, config.session) : null;
    if (session) {
      res.locals.user = session.user;
      res.locals.sessionId = session.id;
      res.locals.csrfToken = session.csrfSecret;
      res.locals.authVia = 'session';
      // Record activity at most once a minute, so reading pages does not write on every request.
      const now = nowIso();
      if (Date.parse(now) - Date.parse(session.lastSeenAt) > 60_000) await touchSession(db, session.id, now);
    } else {
      if (token) setCookie(res, SESSION_COOKIE, '', cookieOptions(config, 0));
      res.locals.csrfToken = readCookie(req, ANON_CSRF_COOKIE) ?? null;
    }
    // A signed-out reader's GET (no session cookie, no token) need not read its own writes: with a read
    // replica (DATABASE_READ_URL) its reads go there (src/db/read-replica.ts). Everyone else reads the primary.
    if (!token && !req.headers.authorization && (req.method === 'GET' || req.method === 'HEAD')) return allowReplicaReads(() => next());
    next();
  };
}

/**
 * Synchronizer-token CSRF check on every state-changing request that a browser cookie could
 * authorise: the `_csrf` form field or the X-CSRF-Token header must equal the session's secret
 * (or, before login, the anonymous CSRF cookie). Bearer-token API requests carry no cookie and are exempt.
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method) || res.locals.authVia === 'token') return next();
  const expected = res.locals.csrfToken;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined) ?? req.headers[CSRF_HEADER];
  if (!expected || typeof sent !== 'string' || !sameSecret(sent, expected)) {
    throw new HttpError(403, english('auth.csrf'), 'csrf');
  }
  next();
};

/** Signed-in users only: a page request goes to the login form (and comes back after), anything else gets 401. */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (res.locals.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.redirect(303, `${paths.login()}?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  throw new HttpError(401, english('auth.signIn'), 'unauthorized');
};

/** Signed-in users with one of these roles; others get 403 (or the login form when signed out). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = res.locals.user;
    if (!user) return requireLogin(req, res, next);
    if (!roles.includes(user.role)) throw new HttpError(403, english('auth.forbidden'), 'forbidden');
    next();
  };
}

/**
 * For /api/v1 writes: a valid bearer token (or a signed-in session with its CSRF token, already
 * checked by csrfProtection) is required; anonymous calls get 401 JSON.
 */
export function requireApiWriter(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = res.locals.user;
    if (!user) throw new HttpError(401, english('auth.apiToken'), 'unauthorized');
    if (roles.length && !roles.includes(user.role)) throw new HttpError(403, english('auth.forbidden'), 'forbidden');
    next();
  };
}

/** A same-site path to return to after login; anything else (other hosts, "//x", "/\\x") falls back to the desk. */
export function safeNext(next: unknown): string {
  return localPath(next) ?? paths.desk();
}

/**
 * What API writes need: a signed-in newsroom user, by a bearer token (`Authorization: Bearer gsy_…`, see
 * /desk/tokens) or a browser session with its X-CSRF-Token header; otherwise 401 with the JSON error body.
 */
export const requireWriter: RequestHandler[] = [requireApiWriter(), csrfProtection];
