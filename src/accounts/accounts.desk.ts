import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { english, localize } from '../http/localized';
import { fieldErrors } from '../http/fields';
import { paths, withQuery } from '../http/urls';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.repository';
import { newTokenSchema, newUserSchema, userAccessSchema } from './account.schema';
import { requireLogin, requireRole } from './auth.middleware';
import { hashPassword } from './password';
import { recordAccountEvent } from './account-event.repository';
import { accountLoginKey, clearLoginFailures, countAccountFailures } from './session.repository';
import { findUserById, insertUser, listUsers, updateUserAccess } from './user.repository';
import { translate } from '../http/i18n';
import { ROLES } from './roles';

/** The desk's account pages: /desk/users (admins) and /desk/tokens (everyone signed in). */
export function accountDesk({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  // Users: admins only.
  const renderUsers = async (res: import('express').Response, status: number, extra: Record<string, unknown> = {}) => {
    const windowStart = new Date(Date.now() - config.login.windowMinutes * 60_000).toISOString();
    const failures = await countAccountFailures(db, windowStart);
    res.status(status).render('accounts/desk-users', {
      title: translate(res.locals.locale, 'account.users.title'),
      users: (await listUsers(db)).map((u) => ({ ...u, failures: failures.get(accountLoginKey(u.email)) ?? 0 })),
      windowMinutes: config.login.windowMinutes,
      roles: ROLES,
      form: { role: 'reporter' },
      errors: {},
      ...extra,
    });
  };

  router.get(paths.deskUsers(), requireRole('admin'), async (req, res) => {
    await renderUsers(res, 200, { saved: req.query.saved === '1', unlocked: req.query.unlocked === '1' });
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

  // Unlock: forget the account's failed logins (not its address's), and record who did it.
  router.post('/desk/users/:id/unlock', requireRole('admin'), async (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw new HttpError(404, english('account.rule.noSuchUser'), 'not_found');
    await db.transaction().execute(async (trx) => {
      const user = await findUserById(trx, id);
      if (!user) throw new HttpError(404, english('account.rule.noSuchUser'), 'not_found');
      const cleared = await clearLoginFailures(trx, accountLoginKey(user.email));
      await recordAccountEvent(trx, {
        userId: id,
        actorId: res.locals.user!.id,
        action: 'unlock',
        detail: `${cleared} failed logins cleared`,
      });
    });
    res.redirect(303, withQuery(paths.deskUsers(), { unlocked: 1 }));
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
