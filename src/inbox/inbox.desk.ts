import type { Response, Router } from 'express';
import { requireRole } from '../accounts/auth.middleware';
import { listClaimants } from '../claimants/claimant.repository';
import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import { CLAIMANT_KINDS } from '../domain/vocabulary';
import { actorOf } from '../editorial/editorial';
import { intParam } from '../http/async';
import { deskLabels } from '../http/desk-labels';
import { fieldErrors } from '../http/fields';
import { HttpError } from '../http/errors';
import { errorSummary, field, localizedForm, options, pickValues, validate, wordOptions, type Errors, type Values } from '../http/form';
import { translate } from '../http/i18n';
import { english } from '../http/localized';
import { paths } from '../http/urls';
import { correctionsFromReport, countInboxByStatus, findInboxItem, listInboxItems, type InboxView } from './inbox.repository';
import { acceptSchema, declineSchema, duplicateSchema, inboxFilters, INBOX_STATUSES } from './inbox.schema';
import { AcceptRefusal, acceptInboxItem, declineInboxItem, markInboxDuplicate } from './inbox.service';

// The desk inbox, /desk/inbox: readers' tips and error reports, for editors and admins only (a tip can
// hold anything a stranger typed, and an e-mail address; reporters never see it).

const PER_PAGE = 50;
const ACCEPT_FIELDS = ['claimant_id', 'new_claimant_name', 'new_claimant_kind', 'text', 'said_where'] as const;
const FORM_FIELDS = [...ACCEPT_FIELDS, 'reason', 'duplicate_of'];

/** A long text cut for a table cell, at a character boundary (not inside a surrogate pair). */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function itemNotFound(): HttpError {
  return new HttpError(404, english('inbox.noSuchItem'), 'not_found');
}

/** What the accept form of a tip starts with: the reader's text, and their link as where it was said when it fits. */
function acceptDefaults(item: InboxView): Values {
  return {
    claimant_id: '',
    new_claimant_name: '',
    new_claimant_kind: 'person',
    text: item.text,
    said_where: item.url && item.url.length <= 300 ? item.url : '',
  };
}

interface ItemPage {
  values?: Values;
  errors?: Errors;
  problem?: string;
  flash?: string | null;
}

async function renderItem(db: Db, res: Response, status: number, item: InboxView, shown: ItemPage = {}): Promise<void> {
  const page = localizedForm(res.locals.locale, shown);
  const locale = res.locals.locale;
  const errors = page.errors ?? {};
  const values = { ...acceptDefaults(item), ...page.values };
  const f = (name: string, opts?: Parameters<typeof field>[3]) => field(name, values, errors, opts);
  const [claimants, corrections] = await Promise.all([
    item.kind === 'tip' && item.status === 'new' ? listClaimants(db) : Promise.resolve([]),
    item.kind === 'error_report' ? correctionsFromReport(db, item.id) : Promise.resolve([]),
  ]);
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .render('inbox/desk-show', {
      title: translate(locale, 'inbox.desk.itemTitle', { id: item.id }),
      item,
      isNew: item.status === 'new',
      isTip: item.kind === 'tip',
      fields: {
        claimant_id: f('claimant_id', {
          options: options(
            claimants.map((c) => ({ value: c.id, label: c.name })),
            values.claimant_id ?? '',
            translate(locale, 'desk.claim.pickClaimant'),
          ),
        }),
        new_claimant_name: f('new_claimant_name'),
        new_claimant_kind: f('new_claimant_kind', {
          options: wordOptions(CLAIMANT_KINDS, deskLabels(locale).claimantKind, values.new_claimant_kind ?? ''),
        }),
        text: f('text'),
        said_where: f('said_where'),
        reason: f('reason'),
        duplicate_of: f('duplicate_of'),
      },
      correctHref:
        item.status === 'accepted' && item.result_claim_id !== null && item.kind === 'error_report'
          ? paths.deskClaimForReport(item.result_claim_id, item.id)
          : null,
      corrections,
      errorList: errorSummary(errors, FORM_FIELDS),
      problem: page.problem,
      flash: page.flash,
    });
}

/** Inbox flash messages: only these keys are ever shown (never text from the URL). */
const FLASHES = { accepted: 'inbox.flash.accepted', declined: 'inbox.flash.declined', duplicate: 'inbox.flash.duplicate' } as const;
const flashOf = (query: unknown) => {
  const q = (query ?? {}) as Record<string, unknown>;
  const key = (Object.keys(FLASHES) as Array<keyof typeof FLASHES>).find((k) => k in q);
  return key ? FLASHES[key] : null;
};

/** The inbox routes on the desk router (mounted at /desk). */
export function inboxDesk(router: Router, db: Db): void {
  // desk.ts puts the same gate before its form-type guard; this one keeps the routes closed wherever they are mounted.
  router.use('/inbox', requireRole('editor', 'admin'));

  router.get('/inbox', async (req, res) => {
    const parsed = inboxFilters.safeParse(req.query);
    if (!parsed.success) {
      const [name, message] = Object.entries(fieldErrors(parsed.error, res.locals.locale))[0]!;
      throw new HttpError(400, translate(res.locals.locale, 'inbox.badFilter', { name, message }), 'bad_parameter');
    }
    const page = req.query.page === undefined ? 1 : typeof req.query.page === 'string' ? intParam(req.query.page) : null;
    if (page === null || page > 10_000) throw new HttpError(400, translate(res.locals.locale, 'inbox.badPage'), 'bad_parameter');
    const [{ items, total }, counts] = await Promise.all([
      listInboxItems(db, parsed.data, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      countInboxByStatus(db),
    ]);
    const status = parsed.data.status ?? null;
    res.render('inbox/desk-list', {
      title: translate(res.locals.locale, 'inbox.desk.title'),
      items: items.map((i) => ({ ...i, short: shorten(i.text, 140), shortUrl: i.url && shorten(i.url, 60) })),
      total,
      status,
      filters: [
        { label: translate(res.locals.locale, 'inbox.filter.all'), href: paths.deskInbox(), current: status === null, count: null },
        ...INBOX_STATUSES.map((s) => ({
          label: translate(res.locals.locale, `inbox.status.${s}`),
          href: paths.deskInboxFiltered(s),
          current: status === s,
          count: counts[s],
        })),
      ],
      prev: page > 1 ? `${paths.deskInboxFiltered(status ?? '')}${status ? '&' : '?'}page=${page - 1}` : null,
      next: page * PER_PAGE < total ? `${paths.deskInboxFiltered(status ?? '')}${status ? '&' : '?'}page=${page + 1}` : null,
    });
  });

  const load = async (value: string | string[] | undefined) => {
    const id = intParam(value);
    const item = id === null ? undefined : await findInboxItem(db, id);
    if (!item) throw itemNotFound();
    return item;
  };

  router.get('/inbox/:id', async (req, res) => {
    await renderItem(db, res, 200, await load(req.params.id), { flash: flashOf(req.query) });
  });

  /** Runs an answer in one transaction; a refusal shows the item again with the message by its field. */
  const answer = async (res: Response, item: InboxView, values: Values, run: (trx: Db) => Promise<string>) => {
    try {
      const to = await db.transaction().execute(run);
      res.redirect(303, to);
    } catch (err) {
      if (err instanceof AcceptRefusal) return renderItem(db, res, 422, item, { values, errors: err.fields });
      if (!(err instanceof RuleViolation)) throw err;
      const status = err.field ? 422 : 409;
      await renderItem(db, res, status, (await findInboxItem(db, item.id)) ?? item, {
        values,
        ...(err.field ? { errors: { [err.field]: err.message } } : { problem: err.message }),
      });
    }
  };

  router.post('/inbox/:id/accept', async (req, res) => {
    const item = await load(req.params.id);
    const values = pickValues(req.body, ACCEPT_FIELDS);
    const input = validate(acceptSchema, req.body, new Set(ACCEPT_FIELDS));
    if (!input.ok) return renderItem(db, res, 422, item, { values, errors: input.errors });
    await answer(res, item, values, async (trx) => {
      const claimId = await acceptInboxItem(trx, actorOf(res), item, input.data);
      // A tip's new draft claim is where work goes on; an error report's task is the claim's edit page.
      if (claimId === null) return `${paths.deskInboxItem(item.id)}?accepted=1`;
      return item.kind === 'tip' ? `${paths.deskClaim(claimId)}?created=1` : paths.deskClaimForReport(claimId, item.id);
    });
  });

  router.post('/inbox/:id/decline', async (req, res) => {
    const item = await load(req.params.id);
    const values = pickValues(req.body, ['reason']);
    const input = validate(declineSchema, req.body, new Set(['reason']));
    if (!input.ok) return renderItem(db, res, 422, item, { values, errors: input.errors });
    await answer(res, item, values, async (trx) => {
      await declineInboxItem(trx, actorOf(res), item, input.data.reason);
      return `${paths.deskInboxItem(item.id)}?declined=1`;
    });
  });

  router.post('/inbox/:id/duplicate', async (req, res) => {
    const item = await load(req.params.id);
    const values = pickValues(req.body, ['duplicate_of']);
    const input = validate(duplicateSchema, req.body, new Set(['duplicate_of']));
    if (!input.ok) return renderItem(db, res, 422, item, { values, errors: input.errors });
    await answer(res, item, values, async (trx) => {
      await markInboxDuplicate(trx, actorOf(res), item, input.data.duplicate_of);
      return `${paths.deskInboxItem(item.id)}?duplicate=1`;
    });
  });

  // After a refused POST the address bar shows the action URL: reloading it leads back to the item.
  router.get(['/inbox/:id/accept', '/inbox/:id/decline', '/inbox/:id/duplicate'], (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw itemNotFound();
    res.redirect(303, paths.deskInboxItem(id));
  });
}
