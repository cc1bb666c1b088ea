import { Router, type Request } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import { nowIso } from '../domain/clock';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { english, localize } from '../http/localized';
import { fieldErrors } from '../http/fields';
import { paths } from '../http/urls';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.repository';
import { loginSchema, newTokenSchema, newUserSchema, userAccessSchema } from './account.schema';
import {
  ANON_CSRF_COOKIE,
  cookieOptions,
  ensureAnonCsrf,
  requireLogin,
  requireRole,
  safeNext,
  SESSION_COOKIE,
  setCookie,
} from './auth.middleware';
import { hashPassword, verifyPassword } from './password';
import {
  clearLoginFailures,
  countLoginFailures,
  createSession,
  deleteSession,
  forgetLoginAttempt,
  pruneLoginFailures,
  recordLoginFailure,
} from './session.repository';
import { findUserByEmail, insertUser, listUsers, updateUserAccess } from './user.repository';
import { translate } from '../http/i18n';
import { ROLES } from './roles';

function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** /login, /logout, and the desk's account pages: /desk/users (admins) and /desk/tokens. */
export function accountsRouter({ db, config }: { db: Db; config: Config }): Router {
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
    const accountKey = `email:${email}`;
    const addressKey = `ip:${clientAddress(req)}`;
    const windowStart = new Date(Date.now() - config.login.windowMinutes * 60_000).toISOString();
    // Count and record this attempt in one transaction, before the slow password check: otherwise a
    // burst of parallel attempts would all pass the count and all be checked. A right password takes
    // its attempt back below.
    const attemptAt = nowIso();
    const allowed = await db.transaction().execute(async (trx) => {
      const [accountFailures, addressFailures] = await Promise.all([
        countLoginFailures(trx, accountKey, windowStart),
        countLoginFailures(trx, addressKey, windowStart),
      ]);
      if (accountFailures >= config.login.maxFailures || addressFailures >= config.login.maxFailuresPerAddress) return false;
      await recordLoginFailure(trx, [accountKey, addressKey], attemptAt);
      return true;
    });
    if (!allowed) {
      res.set('Retry-After', String(config.login.windowMinutes * 60));
      renderLogin(res, 429, { email, next, error: translate(res.locals.locale, 'login.tooMany', { minutes: config.login.windowMinutes }) });
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

  // Users: admins only.
  const renderUsers = async (res: import('express').Response, status: number, extra: Record<string, unknown> = {}) => {
    res.status(status).render('accounts/desk-users', {
      title: translate(res.locals.locale, 'account.users.title'),
      users: await listUsers(db),
      roles: ROLES,
      form: { role: 'reporter' },
      errors: {},
      ...extra,
    });
  };

  router.get(paths.deskUsers(), requireRole('admin'), async (req, res) => {
    await renderUsers(res, 200, { saved: req.query.saved === '1' });
  });

  router.post(paths.deskUsers(), requireRole('admin'), async (req, res) => {
    const parsed = newUserSchema.safeParse(req.body);
    const body = req.body as Record<string, unknown>;
    const typed = { email: body.email, display_name: body.display_name, role: body.role };
    if (!parsed.success) return renderUsers(res, 422, { form: typed, errors: fieldErrors(parsed.error, res.locals.locale) });
    const { password, ...rest } = parsed.data;
    try {
      const passwordHash = await hashPassword(password);
      await db.transaction().execute((trx) => insertUser(trx, { ...rest, password_hash: passwordHash }));
    } catch (err) {
      if (err instanceof RuleViolation)
        return renderUsers(res, 422, { form: typed, errors: { [err.field ?? '_form']: localize(res.locals.locale, err.message) } });
      throw err;
    }
    res.redirect(303, `${paths.deskUsers()}?saved=1`);
  });

  router.post('/desk/users/:id', requireRole('admin'), async (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw new HttpError(404, english('account.rule.noSuchUser'), 'not_found');
    const parsed = userAccessSchema.safeParse(req.body);
    if (!parsed.success)
      return renderUsers(res, 422, { rowErrors: { [id]: Object.values(fieldErrors(parsed.error, res.locals.locale))[0] } });
    try {
      await db
        .transaction()
        .execute((trx) => updateUserAccess(trx, id, { role: parsed.data.role, disabled: parsed.data.status === 'disabled' }));
    } catch (err) {
      if (err instanceof RuleViolation) return renderUsers(res, 422, { rowErrors: { [id]: localize(res.locals.locale, err.message) } });
      throw err;
    }
    res.redirect(303, `${paths.deskUsers()}?saved=1`);
  });

  // API tokens: every signed-in user manages their own.
  const renderTokens = async (res: import('express').Response, status: number, extra: Record<string, unknown> = {}) => {
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .render('accounts/desk-tokens', {
        title: translate(res.locals.locale, 'account.tokens.title'),
        tokens: await listApiTokens(db, res.locals.user!.id),
        errors: {},
        form: {},
        ...extra,
      });
  };

  router.get(paths.deskTokens(), requireLogin, async (_req, res) => {
    await renderTokens(res, 200);
  });

  router.post(paths.deskTokens(), requireLogin, async (req, res) => {
    const parsed = newTokenSchema.safeParse(req.body);
    if (!parsed.success)
      return renderTokens(res, 422, {
        form: { name: (req.body as Record<string, unknown>).name },
        errors: fieldErrors(parsed.error, res.locals.locale),
      });
    const created = await db.transaction().execute((trx) => createApiToken(trx, res.locals.user!.id, parsed.data.name));
    // Shown in this response only; it is never stored in clear nor put in a URL.
    await renderTokens(res, 201, { created: { name: parsed.data.name, token: created.token } });
  });

  router.post('/desk/tokens/:id/revoke', requireLogin, async (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw new HttpError(404, english('account.rule.noSuchToken'), 'not_found');
    await db.transaction().execute((trx) => revokeApiToken(trx, res.locals.user!.id, id));
    res.redirect(303, paths.deskTokens());
  });

  return router;
}
