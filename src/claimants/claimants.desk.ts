import { changeSharedRecord } from '../editorial/editorial';
import type { Response, Router } from 'express';
import { claimantSchema } from './claimant.schema';
import {
  claimantInPublicUse,
  deleteClaimant,
  findClaimantById,
  insertClaimant,
  listClaimantsForDesk,
  updateClaimant,
  type ClaimantRow,
} from './claimant.repository';
import type { Db } from '../db/connection';
import { claimantAliasesOf } from './claimant-alias.repository';
import { RuleViolation } from '../domain/errors';
import { CLAIMANT_KINDS } from '../domain/vocabulary';
import { paths } from '../http/urls';
import { flashFrom, withFlash } from '../http/flash';
import {
  errorSummary,
  localizedForm,
  field,
  FORM,
  notFound,
  pickValues,
  recordId,
  ruleErrors,
  validate,
  wordOptions,
  type Errors,
  type Values,
} from '../http/form';
import { deskLabels } from '../http/desk-labels';
import { translate } from '../http/i18n';

// In the order the form shows them, which is also the order of the error summary.
const FIELDS = ['name', 'aliases', 'kind', 'slug', 'description'] as const;
const SHOWN: ReadonlySet<string> = new Set(FIELDS);

function valuesOf(row: ClaimantRow, aliases: readonly string[]): Values {
  return { name: row.name, aliases: aliases.join('\n'), slug: row.slug, kind: row.kind, description: row.description ?? '' };
}

async function storedValues(db: Db, row: ClaimantRow): Promise<Values> {
  return valuesOf(row, (await claimantAliasesOf(db, [row.id])).get(row.id) ?? []);
}

interface FormPage {
  record?: ClaimantRow;
  values: Values;
  errors?: Errors;
  problem?: string;
  flash?: string | null;
}

function renderForm(res: Response, status: number, page: FormPage): void {
  const { record, values, errors = {}, problem, flash } = localizedForm(res.locals.locale, page);
  const labels = deskLabels(res.locals.locale);
  res.status(status).render('claimants/desk-form', {
    title: record
      ? translate(res.locals.locale, 'desk.claimant.heading', { name: record.name })
      : translate(res.locals.locale, 'desk.newClaimant'),
    record,
    action: record ? paths.deskClaimant(record.id) : paths.deskNewClaimant(),
    fields: {
      name: field('name', values, errors),
      aliases: field('aliases', values, errors),
      slug: field('slug', values, errors),
      kind: field('kind', values, errors, { options: wordOptions(CLAIMANT_KINDS, labels.claimantKind, values.kind ?? '') }),
      description: field('description', values, errors),
    },
    errorList: errorSummary(errors, [FORM, ...FIELDS]),
    problem,
    flash,
  });
}

/** Claimants on the desk: list, create, edit, delete. */
export function claimantDesk(router: Router, db: Db): void {
  router.get('/claimants', async (req, res) => {
    const claimants = await listClaimantsForDesk(db);
    res.render('claimants/desk-list', {
      title: translate(res.locals.locale, 'desk.claimants.title'),
      claimants: claimants.map((c) => ({ ...c, updated_on: c.updated_at.slice(0, 10) })),
      flash: flashFrom(req.query),
    });
  });

  router.get('/claimants/new', (_req, res) => {
    renderForm(res, 200, { values: { kind: 'person' } });
  });

  router.post('/claimants/new', async (req, res) => {
    const values = pickValues(req.body, FIELDS);
    const input = validate(claimantSchema, req.body, SHOWN);
    if (!input.ok) return renderForm(res, 422, { values, errors: input.errors });
    try {
      const row = await db.transaction().execute((trx) => insertClaimant(trx, input.data));
      res.redirect(303, withFlash(paths.deskClaimant(row.id), 'created'));
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      renderForm(res, 422, { values, errors: ruleErrors(err, SHOWN) });
    }
  });

  router.get('/claimants/:id', async (req, res) => {
    const record = await findClaimantById(db, recordId(req.params.id, 'claimant'));
    if (!record) throw notFound('claimant');
    renderForm(res, 200, { record, values: await storedValues(db, record), flash: flashFrom(req.query) });
  });

  router.post('/claimants/:id', async (req, res) => {
    const id = recordId(req.params.id, 'claimant');
    const record = await findClaimantById(db, id);
    if (!record) throw notFound('claimant');
    const values = pickValues(req.body, FIELDS);
    const input = validate(claimantSchema, req.body, SHOWN);
    if (!input.ok) return renderForm(res, 422, { record, values, errors: input.errors });
    const refused = await changeSharedRecord(
      db,
      res.locals.user,
      (trx) => claimantInPublicUse(trx, id),
      (trx) => updateClaimant(trx, id, input.data),
    );
    if (refused) return renderForm(res, 422, { record, values, errors: ruleErrors(refused, SHOWN) });
    res.redirect(303, withFlash(paths.deskClaimant(id), 'saved'));
  });

  router.post('/claimants/:id/delete', async (req, res) => {
    const id = recordId(req.params.id, 'claimant');
    const record = await findClaimantById(db, id);
    if (!record) throw notFound('claimant');
    const refused = await changeSharedRecord(
      db,
      res.locals.user,
      (trx) => claimantInPublicUse(trx, id),
      (trx) => deleteClaimant(trx, id),
    );
    if (refused) return renderForm(res, 409, { record, values: await storedValues(db, record), problem: refused.message });
    res.redirect(303, withFlash(paths.deskClaimants(), 'deleted'));
  });
}
