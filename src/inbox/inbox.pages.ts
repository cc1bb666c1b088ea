import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ensureAnonCsrf } from '../accounts/auth.middleware';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { bodyOf, errorSummary, field, localizedForm, pickValues, validate, type Errors, type Values } from '../http/form';
import { translate } from '../http/i18n';
import { english } from '../http/localized';
import { rateLimitStore } from '../http/rate-limit-store';
import { paths } from '../http/urls';
import { findReportTarget, insertInboxItem } from './inbox.repository';
import { HONEYPOT_FIELD, MAX_MESSAGE, readerMessageSchema, type InboxKind } from './inbox.schema';

// The readers' side of the inbox: "Suggest a claim to check" (/suggest) and "Report an error" (/report,
// linked from every claim and dispute page), anonymous, and a thank-you page. Abuse is handled here,
// without third-party services: the CSRF token (below), a honeypot field, a per-address limit, size
// limits (the schemas), and the desk shows links as text.
//
// CSRF without a session: the form page issues the same per-browser secret as the login form
// (ensureAnonCsrf: a random 256-bit value in an HttpOnly, SameSite=Lax, host-only cookie) and the form
// echoes it; app.ts's csrfProtection compares the two. Another site can neither read that cookie nor
// set it, and a cross-site POST does not even carry it (SameSite=Lax), so it cannot forge the pair.
// A signed (HMAC) cookie would add protection only against a sibling subdomain or a plain-http
// attacker planting a cookie, and it needs a server key that every process shares — Gainsay has none
// to configure today — so the one mechanism serves the login form and these forms alike.

const FIELDS: Record<InboxKind, readonly string[]> = {
  tip: ['text', 'url', 'email'],
  error_report: ['text', 'url', 'email'],
};

interface Target {
  claim_id: number | null;
  dispute_id: number | null;
  dispute_slug: string | null;
  text: string;
  who: string | null;
}

interface FormPage {
  kind: InboxKind;
  values: Values;
  errors?: Errors;
  problem?: string;
  target?: Target | undefined;
}

function renderForm(res: Response, status: number, config: Config, page: FormPage): void {
  const shown = localizedForm(res.locals.locale, page);
  const { kind, values, errors = {} } = shown;
  const locale = res.locals.locale;
  const f = (name: string) => field(name, values, errors);
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .render('inbox/form', {
      title: translate(locale, kind === 'tip' ? 'inbox.suggest.title' : 'inbox.report.title'),
      // Forms and the thank-you page are for readers who came to write, not for search engines.
      robots: 'noindex',
      kind,
      isTip: kind === 'tip',
      action: kind === 'tip' ? paths.suggest() : paths.report(),
      target: page.target,
      fields: { text: f('text'), url: f('url'), email: f('email') },
      honeypot: HONEYPOT_FIELD,
      maxText: MAX_MESSAGE,
      retentionDays: config.inbox.emailRetentionDays,
      errorList: errorSummary(errors, FIELDS[kind]),
      problem: shown.problem,
    });
}

/** The report form's target: from the query on the form page, from hidden fields when it is sent. */
async function targetOf(db: Db, claim: unknown, dispute: unknown): Promise<Target | undefined | null> {
  const claimId = typeof claim === 'string' && claim !== '' ? intParam(claim) : null;
  if (claimId !== null) return (await findReportTarget(db, { claimId })) ?? null;
  if (typeof dispute === 'string' && dispute !== '') return (await findReportTarget(db, { disputeSlug: dispute })) ?? null;
  if (claim !== undefined && claim !== '') return null;
  return undefined;
}

/** /suggest, /report and /thanks, open to everyone. */
export function inboxPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  const giveToken = (req: Request, res: Response) => {
    // Signed in: the session's token is already there. Otherwise the per-browser one (see above).
    if (!res.locals.user) res.locals.csrfToken = ensureAnonCsrf(req, res, config);
  };

  // Counted per client address (req.ip, which honours TRUST_PROXY; IPv6 by /56): in memory on SQLite,
  // in the database on PostgreSQL so that every app process counts together (http/rate-limit-store.ts;
  // a hash of the address, deleted when its window ends). Every POST counts, well-formed or not, so a
  // flood of junk is stopped too.
  const store = rateLimitStore(db, 'inbox');
  const limiter = rateLimit({
    windowMs: config.inbox.windowMinutes * 60_000,
    limit: config.inbox.maxPerAddress,
    ...(store ? { store } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res, next) => {
      const kind: InboxKind = req.path === paths.suggest() ? 'tip' : 'error_report';
      const b = bodyOf(req.body);
      // The form comes back as it was sent, still about its claim or dispute, to send again later.
      const target = kind === 'error_report' ? targetOf(db, b.claim, b.dispute) : Promise.resolve(undefined);
      target
        .then((about) =>
          renderForm(res, 429, config, {
            kind,
            values: pickValues(b, FIELDS[kind]),
            problem: english('inbox.tooMany', { minutes: config.inbox.windowMinutes }),
            target: about ?? undefined,
          }),
        )
        .catch(next);
    },
  });

  router.get(paths.suggest(), (req, res) => {
    giveToken(req, res);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    renderForm(res, 200, config, { kind: 'tip', values: { text: q, url: '', email: '' } });
  });

  router.get(paths.report(), async (req, res) => {
    const target = await targetOf(db, req.query.claim, req.query.dispute);
    if (target === null) throw new HttpError(404, translate(res.locals.locale, 'inbox.noSuchTarget'), 'not_found');
    giveToken(req, res);
    renderForm(res, 200, config, { kind: 'error_report', values: { text: '', url: '', email: '' }, target });
  });

  const receive = (kind: InboxKind) => async (req: Request, res: Response) => {
    const b = bodyOf(req.body);
    const values = pickValues(b, FIELDS[kind]);
    // A robot filled in the field people do not see: thank it as if it worked, and keep nothing.
    if (typeof b[HONEYPOT_FIELD] === 'string' && b[HONEYPOT_FIELD].trim() !== '') {
      res.redirect(303, paths.thanks(kind));
      return;
    }
    // An error report is about what the page it came from shows: a public claim or dispute (hidden fields).
    const target = kind === 'error_report' ? await targetOf(db, b.claim, b.dispute) : undefined;
    if (target === null) throw new HttpError(404, translate(res.locals.locale, 'inbox.noSuchTarget'), 'not_found');
    const input = validate(readerMessageSchema, b, new Set(FIELDS[kind]));
    if (!input.ok) return renderForm(res, 422, config, { kind, values, errors: input.errors, target });
    await insertInboxItem(db, { kind, ...input.data, claim_id: target?.claim_id ?? null, dispute_id: target?.dispute_id ?? null });
    res.redirect(303, paths.thanks(kind));
  };
  router.post(paths.suggest(), limiter, receive('tip'));
  router.post(paths.report(), limiter, receive('error_report'));

  router.get(paths.thanksPage(), (req, res) => {
    const kind = req.query.kind === 'error_report' ? 'error_report' : 'tip';
    res.render('inbox/thanks', {
      title: translate(res.locals.locale, 'inbox.thanks.title'),
      robots: 'noindex',
      isTip: kind === 'tip',
      retentionDays: config.inbox.emailRetentionDays,
    });
  });

  return router;
}
