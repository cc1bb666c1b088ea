import type { Response } from 'express';
import { z } from 'zod';
import { actorOf } from '../editorial/editorial';
import { asInvalid, idOf, paged, pageQuery, parse, record, type ApiDeps, type ApiRoute } from '../http/api-routes';
import { HttpError } from '../http/errors';
import { english } from '../http/localized';
import { findInboxItem, listInboxItems, type InboxView } from './inbox.repository';
import { acceptSchema, declineSchema, duplicateSchema, inboxFilters, INBOX_KINDS, INBOX_STATUSES } from './inbox.schema';
import { AcceptRefusal, acceptInboxItem, declineInboxItem, markInboxDuplicate } from './inbox.service';

const item = {
  name: 'InboxItem',
  schema: z.object({
    id: record.id,
    kind: z.enum(INBOX_KINDS),
    status: z.enum(INBOX_STATUSES),
    text: z.string(),
    url: record.url.meta({ description: 'As the reader typed it: never followed, shown as text' }),
    claim_id: record.id.nullable().meta({ description: 'The claim an error report is about' }),
    dispute_id: record.id.nullable().meta({ description: 'The dispute an error report is about' }),
    email: record.text.meta({ description: 'The reader’s address, if given; never published, deleted after the retention period' }),
    decline_reason: record.text,
    duplicate_of_id: record.id.nullable(),
    result_claim_id: record.id
      .nullable()
      .meta({ description: 'The draft claim a tip became, or the claim an accepted error report asks to correct' }),
    created_at: record.timestamp,
    handled_by: z.string().nullable().meta({ description: 'Who answered it' }),
    handled_at: record.timestamp.nullable(),
  }),
};

function asItem(i: InboxView): z.infer<typeof item.schema> {
  return {
    id: i.id,
    kind: i.kind as (typeof INBOX_KINDS)[number],
    status: i.status as (typeof INBOX_STATUSES)[number],
    text: i.text,
    url: i.url,
    claim_id: i.claim_id,
    dispute_id: i.dispute_id,
    email: i.email,
    decline_reason: i.decline_reason,
    duplicate_of_id: i.duplicate_of_id,
    result_claim_id: i.result_claim_id,
    created_at: i.created_at,
    handled_by: i.handled_by_name,
    handled_at: i.handled_at,
  };
}

/** The inbox is for editors and admins: what readers sent (and their addresses) is nobody else's to read. */
function editorsOnly(res: Response): void {
  const user = res.locals.user;
  if (!user) throw new HttpError(401, english('auth.apiToken'), 'unauthorized');
  if (user.role !== 'editor' && user.role !== 'admin') throw new HttpError(403, english('auth.forbidden'), 'forbidden');
}

const listQuery = pageQuery.extend(inboxFilters.shape);

/** /api/v1/inbox: readers' tips and error reports, and the editors' answers to them (the desk's /desk/inbox). */
export function inboxApi(route: ApiRoute, { db, tx }: ApiDeps): void {
  const load = async (id: number, trx = db) => {
    const found = await findInboxItem(trx, id);
    if (!found) throw new HttpError(404, english('inbox.noSuchItem'), 'not_found');
    return found;
  };

  route(
    {
      method: 'get',
      path: '/inbox',
      tag: 'inbox',
      summary: 'List readers’ tips and error reports, newest first (editors and admins)',
      query: listQuery,
      list: true,
      response: item,
    },
    async (req, res) => {
      editorsOnly(res);
      const p = paged(req);
      const { status, kind } = parse(listQuery, req.query);
      const { items, total } = await listInboxItems(db, { status, kind }, p);
      return { data: items.map(asItem), page: p.page, per_page: p.per_page, total };
    },
  );
  route(
    { method: 'get', path: '/inbox/{id}', tag: 'inbox', summary: 'Read a tip or error report (editors and admins)', response: item },
    async (req, res) => {
      editorsOnly(res);
      return { data: asItem(await load(idOf(req))) };
    },
  );
  route(
    {
      method: 'post',
      path: '/inbox/{id}/accept',
      tag: 'inbox',
      summary: 'Accept: a tip becomes a draft claim, an error report a correction task on its claim (editors and admins)',
      body: acceptSchema,
      response: item,
    },
    async (req, res) => {
      editorsOnly(res);
      const input = parse(acceptSchema, req.body);
      const id = idOf(req);
      try {
        await tx(async (trx) => acceptInboxItem(trx, actorOf(res), await load(id, trx), input));
      } catch (err) {
        if (err instanceof AcceptRefusal) throw new HttpError(422, err.message, 'invalid', err.fields);
        throw err;
      }
      return { data: asItem(await load(id)) };
    },
  );
  route(
    {
      method: 'post',
      path: '/inbox/{id}/decline',
      tag: 'inbox',
      summary: 'Decline with a reason (editors and admins)',
      body: declineSchema,
      response: item,
    },
    async (req, res) => {
      editorsOnly(res);
      const { reason } = parse(declineSchema, req.body);
      const id = idOf(req);
      await tx(async (trx) => declineInboxItem(trx, actorOf(res), await load(id, trx), reason));
      return { data: asItem(await load(id)) };
    },
  );
  route(
    {
      method: 'post',
      path: '/inbox/{id}/duplicate',
      tag: 'inbox',
      summary: 'Mark as a duplicate of another item (editors and admins)',
      body: duplicateSchema,
      response: item,
    },
    async (req, res) => {
      editorsOnly(res);
      const { duplicate_of } = parse(duplicateSchema, req.body);
      const id = idOf(req);
      await asInvalid(() => tx(async (trx) => markInboxDuplicate(trx, actorOf(res), await load(id, trx), duplicate_of)));
      return { data: asItem(await load(id)) };
    },
  );
}
