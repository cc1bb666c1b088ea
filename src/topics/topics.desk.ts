import type { Response, Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/connection';
import { changeSharedRecord } from '../editorial/editorial';
import { nameList } from '../http/fields';
import { flashFrom, withFlash } from '../http/flash';
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
import { translate } from '../http/i18n';
import { paths } from '../http/urls';
import { findTopicById, listTopicsForDesk, replaceTopicAliases, topicAliasesOf, topicInPublicUse, type TopicRow } from './topic.repository';

// Topics are made by typing them on a claim; here the desk gives them their other names.
const FIELDS = ['aliases'] as const;
const SHOWN: ReadonlySet<string> = new Set(FIELDS);

/** A topic's aliases as the desk form sends them: one per line. */
const topicAliasSchema = z.object({
  aliases: z.preprocess((v) => (typeof v === 'string' ? v.split('\n') : v), nameList(80, 30, 'field.aliases')),
});

interface FormPage {
  record: TopicRow;
  values: Values;
  errors?: Errors;
  flash?: string | null;
}

function renderForm(res: Response, status: number, page: FormPage): void {
  const { record, values, errors = {}, flash } = localizedForm(res.locals.locale, page);
  res.status(status).render('topics/desk-form', {
    title: translate(res.locals.locale, 'desk.topic.heading', { name: record.name }),
    record,
    action: paths.deskTopic(record.id),
    fields: { aliases: field('aliases', values, errors) },
    errorList: errorSummary(errors, [FORM, ...FIELDS]),
    flash,
  });
}

/** Topics on the desk: the list, and each topic's aliases. */
export function topicDesk(router: Router, db: Db): void {
  router.get('/topics', async (req, res) => {
    const topics = await listTopicsForDesk(db);
    const aliases = await topicAliasesOf(
      db,
      topics.map((t) => t.id),
    );
    res.render('topics/desk-list', {
      title: translate(res.locals.locale, 'desk.topics.title'),
      topics: topics.map((t) => ({ ...t, aliases: (aliases.get(t.id) ?? []).join(', ') })),
      flash: flashFrom(req.query),
    });
  });

  router.get('/topics/:id', async (req, res) => {
    const record = await findTopicById(db, recordId(req.params.id, 'topic'));
    if (!record) throw notFound('topic');
    const aliases = (await topicAliasesOf(db, [record.id])).get(record.id) ?? [];
    renderForm(res, 200, { record, values: { aliases: aliases.join('\n') }, flash: flashFrom(req.query) });
  });

  router.post('/topics/:id', async (req, res) => {
    const id = recordId(req.params.id, 'topic');
    const record = await findTopicById(db, id);
    if (!record) throw notFound('topic');
    const values = pickValues(req.body, FIELDS);
    const input = validate(topicAliasSchema, req.body, SHOWN);
    if (!input.ok) return renderForm(res, 422, { record, values, errors: input.errors });
    const refused = await changeSharedRecord(
      db,
      res.locals.user,
      (trx) => topicInPublicUse(trx, id),
      (trx) => replaceTopicAliases(trx, record, input.data.aliases),
    );
    if (refused) return renderForm(res, 422, { record, values, errors: ruleErrors(refused, SHOWN) });
    res.redirect(303, withFlash(paths.deskTopic(id), 'saved'));
  });
}
