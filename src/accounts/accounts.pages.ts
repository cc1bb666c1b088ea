import { Router, type Request } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { nowIso } from '../domain/clock';
import { fieldErrors } from '../http/fields';
import { paths } from '../http/urls';
import { loginSchema } from './account.schema';
import { ANON_CSRF_COOKIE, cookieOptions, ensureAnonCsrf, safeNext, SESSION_COOKIE, setCookie } from './auth.middleware';
import { verifyPassword } from './password';
import { accountWaitSeconds, addressWaitSeconds } from './login-throttle';
import {
  accountLoginKey,
  clearLoginFailures,
  createSession,
  deleteSession,
  forgetLoginAttempt,
  loginFailureStats,
  pruneLoginFailures,
  recordLoginFailure,
} from './session.repository';
import { findUserByEmail } from './user.repository';
import { translate } from '../http/i18n';

function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** /login and /logout: the way into the desk, open to everyone. */
export function accountPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  const renderLogin = (res: import('express').Response, status: number, data: { email?: string; next?: string; error?: string }) => {
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .render('accounts/login', { title: translate(res.locals.locale, 'login.submit'), ...data });
  };

  router.get(paths.login(), (req, res) => {
    if (res.locals.user) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    res.locals.csrfToken = ensureAnonCsrf(req, res, config);
    renderLogin(res, 200, { next: typeof req.query.next === 'string' ? safeNext(req.query.next) : undefined });
  });

  router.post(paths.login(), async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    const next = safeNext((req.body as Record<string, unknown>)?.next);
    if (!parsed.success) {
      const typed = (req.body as Record<string, unknown>)?.email;
      renderLogin(res, 422, {
        email: typeof typed === 'string' ? typed.slice(0, 254) : '',
        next,
        error: Object.values(fieldErrors(parsed.error, res.locals.locale))[0],
      });
      return;
    }
    const { email, password } = parsed.data;
    const accountKey = accountLoginKey(email);
    const addressKey = `ip:${clientAddress(req)}`;
    const attemptAt = nowIso();
    const now = Date.parse(attemptAt);
    const windowStart = new Date(now - config.login.windowMinutes * 60_000).toISOString();
    // Check and record this attempt in one transaction, before the slow password check: otherwise a
    // burst of parallel attempts would all pass the check and all be checked. (On PostgreSQL that holds
    // across app processes because the transaction is SERIALIZABLE, src/db/postgres.ts: two that read the
    // same failures and both record one cannot both commit; test/integration/postgres-shared-limits.test.ts.)
    // A right password takes its attempt back below. (src/accounts/login-throttle.ts says how long each limit makes one wait.)
    const wait = await db.transaction().execute(async (trx) => {
      const [account, address] = await Promise.all([
        loginFailureStats(trx, accountKey, windowStart),
        loginFailureStats(trx, addressKey, windowStart),
      ]);
      const addressWait = addressWaitSeconds(address, config.login, now);
      if (addressWait) return { seconds: addressWait, perAddress: true };
      const accountWait = accountWaitSeconds(account, config.login, now);
      if (accountWait) return { seconds: accountWait, perAddress: false };
      await recordLoginFailure(trx, [accountKey, addressKey], attemptAt);
      return null;
    });
    if (wait) {
      res.set('Retry-After', String(wait.seconds));
      const error = wait.perAddress
        ? translate(res.locals.locale, 'login.tooMany', { minutes: Math.ceil(wait.seconds / 60) })
        : translate(res.locals.locale, 'login.slowDown', { seconds: wait.seconds });
      renderLogin(res, 429, { email, next, error });
      return;
    }
    const user = await findUserByEmail(db, email);
    const ok = (await verifyPassword(user?.password_hash, password)) && !!user && user.disabled === 0;
    if (!ok || !user) {
      await pruneLoginFailures(db, windowStart);
      renderLogin(res, 401, { email, next, error: translate(res.locals.locale, 'login.wrong') });
      return;
    }
    // Rotate: whatever session this browser had ends, and a new id is issued.
    const session = await db.transaction().execute(async (trx) => {
      if (res.locals.sessionId) await deleteSession(trx, res.locals.sessionId);
      await clearLoginFailures(trx, accountKey);
      await forgetLoginAttempt(trx, addressKey, attemptAt);
      return createSession(trx, user.id);
    });
    setCookie(res, SESSION_COOKIE, session.token, cookieOptions(config, config.session.maxHours * 3600));
    setCookie(res, ANON_CSRF_COOKIE, '', cookieOptions(config, 0));
    res.redirect(303, next);
  });

  router.post(paths.logout(), async (_req, res) => {
    if (res.locals.sessionId) await deleteSession(db, res.locals.sessionId);
    setCookie(res, SESSION_COOKIE, '', cookieOptions(config, 0));
    res.redirect(303, paths.home());
  });

  return router;
}
