import type { RequestHandler, Response, Router } from 'express';
import { requireRole } from '../accounts/auth.middleware';
import { canPublish, type CurrentUser } from '../accounts/roles';
import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import { actorOf } from '../editorial/editorial';
import { withFlash } from '../http/flash';
import { errorSummary, localizedForm, notFound, pickValues, recordId, ruleErrors, validate, type Errors, type Values } from '../http/form';
import { translate } from '../http/i18n';
import { english } from '../http/localized';
import { paths } from '../http/urls';
import { OUTCOME_FIELDS, OUTCOME_SHOWN, outcomePanel } from './outcome-form';
import { findPromiseClaim } from './promise-outcome.repository';
import { outcomeSchema } from './promise-outcome.schema';
import { saveOutcome } from './promise-outcome.service';

async function renderOutcomePage(db: Db, res: Response, status: number, id: number, values?: Values, errors: Errors = {}) {
  const locale = String(res.locals.locale);
  const page = localizedForm(locale, { errors });
  const panel = await outcomePanel(db, locale, id, canPublish((res.locals.user as CurrentUser).role), values, page.errors);
  const claim = panel?.claim ?? (await findPromiseClaim(db, id));
  if (!claim) throw notFound('claim');
  res.status(status).render('promises/desk-outcome', {
    title: translate(locale, 'desk.outcome.title', { id }),
    claim,
    panel,
    problem:
      panel || Object.keys(errors).length ? undefined : localizedForm(locale, { problem: english('desk.outcome.notAPromise') }).problem,
    errorList: errorSummary(page.errors ?? {}, OUTCOME_FIELDS),
  });
}

/**
 * A promise's outcome on the desk: its own page (/desk/claims/:id/outcome) with the form and the
 * history; the same form sits on the claim's desk page and posts here.
 */
export function promiseDesk(router: Router, db: Db, formsOnly: RequestHandler): void {
  router.get('/claims/:id/outcome', async (req, res) => {
    await renderOutcomePage(db, res, 200, recordId(req.params.id, 'claim'));
  });

  // Outcomes are an editorial judgement, like verdicts: reporters see the page but not the form (403 at the gate).
  router.post('/claims/:id/outcome', requireRole('editor', 'admin'), formsOnly, async (req, res) => {
    const id = recordId(req.params.id, 'claim');
    const claim = await findPromiseClaim(db, id);
    if (!claim) throw notFound('claim');
    const values = pickValues(req.body, OUTCOME_FIELDS);
    const input = validate(outcomeSchema, req.body, OUTCOME_SHOWN);
    if (!input.ok) return renderOutcomePage(db, res, 422, id, values, input.errors);
    try {
      await db.transaction().execute((trx) => saveOutcome(trx, actorOf(res), claim, input.data));
      res.redirect(303, `${withFlash(paths.deskClaim(id), 'saved')}#outcome`);
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      await renderOutcomePage(db, res, 422, id, values, ruleErrors(err, OUTCOME_SHOWN));
    }
  });
}
