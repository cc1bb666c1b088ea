import { withAuthor } from '../editorial/author.repository';
import { actorOf, auditOf, checkEditorialDelete } from '../editorial/editorial';
import type { Response, Router } from 'express';
import { findClaimById, listClaimsForPicker } from '../claims/claim.repository';
import type { Db } from '../db/connection';
import { disputeSchema } from './dispute.schema';
import { saveDispute } from './dispute.service';
import { deleteDispute, findDisputeById, listDisputes, TwinDispute, type DisputeRow } from './dispute.repository';
import { RuleViolation, VersionConflict } from '../domain/errors';
import { DISPUTE_STATUSES, STATES } from '../domain/vocabulary';
import { intParam } from '../http/async';
import { paths } from '../http/urls';
import { pickerEntries, pickerValue } from '../claims/claim-picker';
import { claimantAliasesOf } from '../claimants/claimant-alias.repository';
import { flashFrom, withFlash } from '../http/flash';
import {
  errorSummary,
  localizedForm,
  field,
  FORM,
  MISSING_VERSION,
  notFound,
  pickValues,
  recordId,
  ruleErrors,
  validate,
  wordOptions,
  type Errors,
  type Values,
} from '../http/form';
import { deskLabels, messages } from '../http/desk-labels';
import { translate } from '../http/i18n';
import { conflictRows, resolveMerge, type Carried, type MergeGroup } from '../editorial/conflict';
import { findSnapshotAtVersion, latestChange } from '../editorial/revision.repository';

// In the order the form shows them, which is also the order of the error summary.
const FIELDS = ['version', 'question', 'slug', 'summary', 'claim_a', 'claim_b', 'status', 'state'] as const;
const SHOWN: ReadonlySet<string> = new Set(FIELDS);

interface FormPage {
  record?: DisputeRow;
  values: Values;
  errors?: Errors;
  problem?: string;
  problemLink?: { href: string; label: string };
  flash?: string | null;
}

async function renderForm(db: Db, res: Response, status: number, shown: FormPage): Promise<void> {
  const page = localizedForm(res.locals.locale, shown);
  const { record, values, errors = {} } = page;
  const locale = res.locals.locale;
  const labels = deskLabels(locale);
  const picker = await listClaimsForPicker(db);
  // Readers see a published dispute only once both sides are published, so say when one is a draft.
  const warnings: string[] = [];
  let sidesPublic = true;
  if (record && record.state !== 'draft') {
    for (const [side, id] of [
      [translate(locale, 'desk.dispute.sideALabel'), record.claim_a_id],
      [translate(locale, 'desk.dispute.sideBLabel'), record.claim_b_id],
    ] as const) {
      const claim = await findClaimById(db, id);
      if (claim?.state === 'draft') {
        sidesPublic = false;
        warnings.push(translate(locale, 'desk.dispute.sideDraft', { side, id }));
      }
    }
  }
  res.status(status).render('disputes/desk-form', {
    title: record ? translate(locale, 'desk.dispute.heading', { question: record.question }) : translate(locale, 'desk.newDispute'),
    record,
    updatedOn: record?.updated_at.slice(0, 10),
    publicUrl: record && record.state !== 'draft' && sidesPublic ? paths.dispute(record.slug) : null,
    action: record ? paths.deskDispute(record.id) : paths.deskNewDispute(),
    fields: {
      question: field('question', values, errors),
      slug: field('slug', values, errors),
      summary: field('summary', values, errors),
      status: field('status', values, errors, { options: wordOptions(DISPUTE_STATUSES, labels.disputeStatus, values.status ?? '') }),
      state: field('state', values, errors, { options: wordOptions(STATES, labels.state, values.state ?? '') }),
      claim_a: field('claim_a', values, errors),
      claim_b: field('claim_b', values, errors),
      version: field('version', values, errors),
    },
    claimPicker: pickerEntries(picker, await claimantAliasesOf(db, [...new Set(picker.map((c) => c.claimant_id))])),
    warnings,
    errorList: errorSummary(errors, [FORM, ...FIELDS]),
    problem: page.problem,
    problemLink: page.problemLink,
    flash: page.flash,
  });
}

async function valuesOf(db: Db, row: DisputeRow): Promise<Values> {
  const picker = await listClaimsForPicker(db);
  return {
    question: row.question,
    slug: row.slug,
    summary: row.summary ?? '',
    status: row.status,
    state: row.state,
    claim_a: pickerValue(picker, row.claim_a_id),
    claim_b: pickerValue(picker, row.claim_b_id),
    version: String(row.version),
  };
}

// The rows of the conflict page, in the order of the form.
const DISPUTE_GROUPS: readonly MergeGroup[] = [
  { key: 'question', label: 'desk.dispute.question', names: ['question'], editable: true },
  { key: 'slug', label: 'desk.form.slug', names: ['slug'], editable: true },
  { key: 'summary', label: 'desk.dispute.summary', names: ['summary'], editable: true },
  { key: 'claim_a', label: 'desk.dispute.sideALabel', names: ['claim_a'], editable: true },
  { key: 'claim_b', label: 'desk.dispute.sideBLabel', names: ['claim_b'], editable: true },
  { key: 'status', label: 'desk.dispute.status', names: ['status'] },
  { key: 'state', label: 'desk.form.state', names: ['state'] },
];

const carried = (values: Values): Carried =>
  Object.fromEntries(DISPUTE_GROUPS.map((g) => [g.key, values[g.key]?.trim() ? [values[g.key]!] : []]));

/** The 409 page of a dispute edit made from an older version: theirs and yours side by side, to merge. */
async function renderDisputeConflict(db: Db, res: Response, id: number, yours: Values, startedVersion: number): Promise<void> {
  const current = await findDisputeById(db, id);
  if (!current) throw notFound('dispute');
  const [theirs, baseSnap, change] = await Promise.all([
    valuesOf(db, current),
    findSnapshotAtVersion(db, 'dispute', id, startedVersion),
    latestChange(db, 'dispute', id),
  ]);
  const locale = res.locals.locale;
  const labels = deskLabels(locale);
  const word = (dict: Record<string, string>, v: string | undefined) => (v === undefined ? '' : (dict[v] ?? v));
  const show = (g: MergeGroup, c: Carried): string => {
    const v = c[g.key]?.[0];
    if (g.key === 'status') return word(labels.disputeStatus, v);
    if (g.key === 'state') return word(labels.state, v);
    return v ?? '';
  };
  res.status(409).render('editorial/desk-conflict', {
    title: translate(locale, 'desk.conflict.title', { what: translate(locale, 'desk.conflict.dispute'), id }),
    heading: translate(locale, 'desk.conflict.disputeHeading', { question: current.question }),
    what: 'dispute',
    problem: messages.versionConflict(locale, 'dispute', current.version),
    action: paths.deskDispute(id),
    currentHref: paths.deskDispute(id),
    historyHref: paths.deskDisputeHistory(id),
    version: current.version,
    startedVersion,
    changedBy: change?.actor_name ?? null,
    changedAt: change?.at ?? null,
    rows: conflictRows({
      groups: DISPUTE_GROUPS,
      theirs: carried(theirs),
      yours: carried(yours),
      base: baseSnap ? carried(await valuesOf(db, baseSnap as unknown as DisputeRow)) : null,
      show,
    }),
  });
}

/** A refused twin links to the dispute that already frames the two claims. */
function twinLink(res: Response, err: RuleViolation): FormPage['problemLink'] {
  if (!(err instanceof TwinDispute)) return undefined;
  return {
    href: paths.deskDispute(err.twin.id),
    label: translate(res.locals.locale, 'dispute.rule.twinLink', { question: err.twin.question }),
  };
}

/** Disputes on the desk: list, create (sides picked by typing), edit, delete. */
export function disputeDesk(router: Router, db: Db): void {
  router.get('/disputes', async (req, res) => {
    const disputes = await listDisputes(db, { publicOnly: false });
    res.render('disputes/desk-list', { title: translate(res.locals.locale, 'desk.disputes.title'), disputes, flash: flashFrom(req.query) });
  });

  router.get('/disputes/new', async (req, res) => {
    // ?a=12&b=13 fills in the sides, e.g. from a "contradicts" link on a claim's page.
    const picker = await listClaimsForPicker(db);
    const side = (v: unknown) => pickerValue(picker, intParam(typeof v === 'string' ? v : undefined));
    await renderForm(db, res, 200, { values: { status: 'open', state: 'draft', claim_a: side(req.query.a), claim_b: side(req.query.b) } });
  });

  router.post('/disputes/new', async (req, res) => {
    const values = pickValues(req.body, FIELDS);
    const input = validate(disputeSchema, req.body, SHOWN);
    if (!input.ok) return renderForm(db, res, 422, { values, errors: input.errors });
    try {
      const row = await db.transaction().execute((trx) => saveDispute(trx, actorOf(res), input.data));
      res.redirect(303, withFlash(paths.deskDispute(row.id), 'created'));
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      await renderForm(db, res, 422, { values, errors: ruleErrors(err, SHOWN), problemLink: twinLink(res, err) });
    }
  });

  router.get('/disputes/:id', async (req, res) => {
    const record = await findDisputeById(db, recordId(req.params.id, 'dispute'));
    if (!record) throw notFound('dispute');
    await renderForm(db, res, 200, { record, values: await valuesOf(db, record), flash: flashFrom(req.query) });
  });

  router.post('/disputes/:id', async (req, res) => {
    const id = recordId(req.params.id, 'dispute');
    const record = await findDisputeById(db, id);
    if (!record) throw notFound('dispute');
    // The conflict page's merge form comes back here with the user's choices; resolve them first.
    const body = resolveMerge(req.body, DISPUTE_GROUPS);
    const values = pickValues(body, FIELDS);
    const input = validate(disputeSchema, body, SHOWN);
    const version = Number(values.version);
    const errors: Errors = input.ok ? {} : { ...input.errors };
    if (!(Number.isSafeInteger(version) && version > 0)) errors[FORM] = MISSING_VERSION;
    if (!input.ok || Object.keys(errors).length) return renderForm(db, res, 422, { record, values, errors });
    try {
      await db.transaction().execute((trx) => saveDispute(trx, actorOf(res), input.data, { id, version }));
      res.redirect(303, withFlash(paths.deskDispute(id), 'saved'));
    } catch (err) {
      if (err instanceof VersionConflict) return renderDisputeConflict(db, res, id, values, version);
      if (!(err instanceof RuleViolation)) throw err;
      await renderForm(db, res, 422, { record, values, errors: ruleErrors(err, SHOWN), problemLink: twinLink(res, err) });
    }
  });

  router.post('/disputes/:id/delete', async (req, res) => {
    const id = recordId(req.params.id, 'dispute');
    const record = await findDisputeById(db, id);
    if (!record) throw notFound('dispute');
    try {
      await db.transaction().execute(async (trx) => {
        // The state as it is now, inside the transaction: an editor may have published it since the form was drawn.
        const now = await findDisputeById(trx, id);
        if (!now) throw notFound('dispute');
        checkEditorialDelete(res.locals.user, await withAuthor(trx, 'dispute', now));
        await deleteDispute(trx, id, auditOf(res));
      });
      res.redirect(303, withFlash(paths.deskDisputes(), 'deleted'));
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      await renderForm(db, res, 409, { record, values: await valuesOf(db, record), problem: err.message });
    }
  });
}
