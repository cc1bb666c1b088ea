import { changeSharedRecord } from '../editorial/editorial';
import type { Response, Router } from 'express';
import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import { partialDateInput } from '../domain/partial-date';
import { paths } from '../http/urls';
import { sourceSchema } from './source.schema';
import {
  deleteSource,
  findSourceById,
  insertSource,
  listSourcesForDesk,
  sourceInPublicUse,
  updateSource,
  type SourceRow,
} from './source.repository';
import { flashFrom, withFlash } from '../http/flash';
import { translate } from '../http/i18n';
import {
  errorSummary,
  field,
  FORM,
  localizedForm,
  notFound,
  pickValues,
  recordId,
  ruleErrors,
  validate,
  type Errors,
  type Values,
} from '../http/form';

// In the order the form shows them, which is also the order of the error summary.
const FIELDS = ['outlet', 'language', 'title', 'url', 'published_on', 'retrieved_on', 'archive_url'] as const;
const SHOWN: ReadonlySet<string> = new Set(FIELDS);

function valuesOf(row: SourceRow): Values {
  return {
    ...Object.fromEntries(FIELDS.map((f) => [f, row[f] ?? ''])),
    published_on: partialDateInput(row.published_on, row.published_precision),
  };
}

interface FormPage {
  record?: SourceRow;
  values: Values;
  errors?: Errors;
  problem?: string;
  flash?: string | null;
}

function renderForm(res: Response, status: number, page: FormPage): void {
  const { record, values, errors = {}, problem, flash } = localizedForm(res.locals.locale, page);
  res.status(status).render('sources/desk-form', {
    title: record
      ? translate(res.locals.locale, 'desk.source.heading', { outlet: record.outlet, title: record.title })
      : translate(res.locals.locale, 'desk.newSource'),
    record,
    action: record ? paths.deskSource(record.id) : paths.deskNewSource(),
    fields: Object.fromEntries(FIELDS.map((f) => [f, field(f, values, errors)])),
    errorList: errorSummary(errors, [FORM, ...FIELDS]),
    problem,
    flash,
  });
}

/** Sources on the desk: list, create, edit, delete. */
export function sourceDesk(router: Router, db: Db): void {
  router.get('/sources', async (req, res) => {
    const sources = await listSourcesForDesk(db);
    res.render('sources/desk-list', { title: translate(res.locals.locale, 'desk.sources.title'), sources, flash: flashFrom(req.query) });
  });

  router.get('/sources/new', (_req, res) => {
    renderForm(res, 200, { values: {} });
  });

  router.post('/sources/new', async (req, res) => {
    const values = pickValues(req.body, FIELDS);
    const input = validate(sourceSchema, req.body, SHOWN);
    if (!input.ok) return renderForm(res, 422, { values, errors: input.errors });
    try {
      const row = await db.transaction().execute((trx) => insertSource(trx, input.data));
      res.redirect(303, withFlash(paths.deskSource(row.id), 'created'));
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      renderForm(res, 422, { values, errors: ruleErrors(err, SHOWN) });
    }
  });

  router.get('/sources/:id', async (req, res) => {
    const record = await findSourceById(db, recordId(req.params.id, 'source'));
    if (!record) throw notFound('source');
    renderForm(res, 200, { record, values: valuesOf(record), flash: flashFrom(req.query) });
  });

  router.post('/sources/:id', async (req, res) => {
    const id = recordId(req.params.id, 'source');
    const record = await findSourceById(db, id);
    if (!record) throw notFound('source');
    const values = pickValues(req.body, FIELDS);
    const input = validate(sourceSchema, req.body, SHOWN);
    if (!input.ok) return renderForm(res, 422, { record, values, errors: input.errors });
    const refused = await changeSharedRecord(
      db,
      res.locals.user,
      (trx) => sourceInPublicUse(trx, id),
      (trx) => updateSource(trx, id, input.data),
    );
    if (refused) return renderForm(res, 422, { record, values, errors: ruleErrors(refused, SHOWN) });
    res.redirect(303, withFlash(paths.deskSource(id), 'saved'));
  });

  router.post('/sources/:id/delete', async (req, res) => {
    const id = recordId(req.params.id, 'source');
    const record = await findSourceById(db, id);
    if (!record) throw notFound('source');
    const refused = await changeSharedRecord(
      db,
      res.locals.user,
      (trx) => sourceInPublicUse(trx, id),
      (trx) => deleteSource(trx, id),
    );
    if (refused) return renderForm(res, 409, { record, values: valuesOf(record), problem: refused.message });
    res.redirect(303, withFlash(paths.deskSources(), 'deleted'));
  });
}
