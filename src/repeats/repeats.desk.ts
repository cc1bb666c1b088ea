import type { Router } from 'express';
import type { Db } from '../db/connection';
import { intParam } from '../http/async';
import { fieldErrors } from '../http/fields';
import { translate } from '../http/i18n';
import { similarCards } from './similar-card';
import { findSimilarClaims } from './similar-claims';
import { similarQuery } from './similar-claims.schema';

/**
 * GET /desk/claims/similar?text=…[&exclude=id]: the claims that look like a text, as JSON for the
 * claim form's suggestions as you type (views/assets/similar-claims.js). Drafts included: it is the desk.
 * Mounted before the claim pages, whose /claims/:id would take "similar" for an id.
 */
export function similarClaimsDesk(router: Router, db: Db): void {
  router.get('/claims/similar', async (req, res) => {
    const locale = String(res.locals.locale);
    const parsed = similarQuery.safeParse(req.query);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error, locale);
      res.status(422).json({ error: { code: 'invalid', message: Object.values(fields).join(' '), fields } });
      return;
    }
    const exclude = intParam(typeof req.query.exclude === 'string' ? req.query.exclude : undefined);
    const matches = await findSimilarClaims(db, parsed.data.text, { limit: parsed.data.limit, excludeId: exclude ?? undefined });
    const data = similarCards(locale, matches);
    res.json({ data, found: translate(locale, 'desk.similar.found', { count: data.length }) });
  });
}
