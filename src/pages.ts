import { Router, type Request, type Response } from 'express';
import { claimFiltersSchema, type ClaimFilters } from '../claims/claim-filters';
import { findClaimantBySlug } from '../claimants/claimant.repository';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { fieldErrors } from '../http/fields';
import { HttpError } from '../http/errors';
import { absoluteUrl, paths } from '../http/urls';
import { findSourceById } from '../sources/source.repository';
import { findTopicBySlug } from '../topics/topic.repository';
import { findClaimRecord } from '../claims/claim-export.repository';
import { countFilteredClaims } from '../claims/claim-facets';
import { findDisputeRecord } from '../disputes/dispute-export.repository';
import { BadFilter, checkSearchFilter, exportFilename, exportList, type ExportKind } from './export.service';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from './formats';
import { claimTable, disputeTable } from './tables';
import { listPublicCitationsOfSource } from '../sources/source-citations.repository';

/** Parses list filters from a query string; a bad value is a 400 naming the parameter. */
export function parseListFilters(query: unknown): ClaimFilters {
  const parsed = claimFiltersSchema.safeParse(query);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const [field, message] = Object.entries(fields)[0]!;
    throw new HttpError(400, `The parameter "${field}" ${message}.`, 'bad_filter', fields);
  }
  try {
    checkSearchFilter(parsed.data);
  } catch (err) {
    if (err instanceof BadFilter) throw new HttpError(400, err.message, 'bad_filter', { [err.field]: err.message });
    throw err;
  }
  return parsed.data;
}

const flag = (v: unknown) => v === '1' || v === 'true' || v === 'yes';

/** Table twins of the lists, single-record .json pages. Mounted before the reader pages. */
export function exportRouter({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const ctx = { baseUrl: config.baseUrl };

  const sendList = (kind: ExportKind, format: ExportFormat) => async (req: Request, res: Response) => {
    const filters = parseListFilters(req.query);
    const filename = exportFilename(kind, filters, format);
    const disposition = format === 'csv' || format === 'xlsx' ? 'attachment' : 'inline';
    res.status(200);
    res.set({
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `${disposition}; filename="${filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Allow-Origin': '*',
    });
    try {
      await exportList({ db, kind, format, filters, out: res, ctx, bom: flag(req.query.bom) });
      res.end();
    } catch (err) {
      // Once rows have gone out a clean error page is impossible: cut the download so it is seen as broken.
      if (res.headersSent) {
        res.destroy(err as Error);
        return;
      }
      throw err;
    }
  };

  for (const format of EXPORT_FORMATS) {
    router.get(paths.claimsTable(format), sendList('claims', format));
    router.get(paths.disputesTable(format), sendList('disputes', format));
  }

  router.get('/claims/:id.json', async (req, res) => {
    const id = Number(req.params.id);
    const record = Number.isSafeInteger(id) && id > 0 ? await findClaimRecord(db, id, { publicOnly: true }) : undefined;
    if (!record) throw new HttpError(404, 'There is no claim at this address.', 'not_found');
    res.set('Access-Control-Allow-Origin', '*').json({ claim: claimTable.json(record, ctx) });
  });

  router.get('/disputes/:slug.json', async (req, res) => {
    const record = await findDisputeRecord(db, req.params.slug, { publicOnly: true });
    if (!record) throw new HttpError(404, 'There is no dispute at this address.', 'not_found');
    res.set('Access-Control-Allow-Origin', '*').json({ dispute: disputeTable.json(record, ctx) });
  });

  router.get('/claimants/:slug.json', async (req, res) => {
    const claimant = await findClaimantBySlug(db, req.params.slug);
    if (!claimant) throw new HttpError(404, 'There is no claimant at this address.', 'not_found');
    const claimCount = await countFilteredClaims(db, { claimant: claimant.slug }, { publicOnly: true });
    // Like the HTML page: a claimant only drafts name is not public yet.
    if (claimCount === 0) throw new HttpError(404, 'There is no claimant at this address.', 'not_found');
    res.set('Access-Control-Allow-Origin', '*').json({
      claimant: {
        id: claimant.id, slug: claimant.slug, name: claimant.name, kind: claimant.kind, description: claimant.description,
        url: absoluteUrl(config.baseUrl, paths.claimant(claimant.slug)),
        claim_count: claimCount,
        claims_url: absoluteUrl(config.baseUrl, paths.claimsTable('json', { claimant: claimant.slug })),
        created_at: claimant.created_at, updated_at: claimant.updated_at,
      },
    });
  });

  router.get('/topics/:slug.json', async (req, res) => {
    const topic = await findTopicBySlug(db, req.params.slug);
    if (!topic) throw new HttpError(404, 'There is no topic at this address.', 'not_found');
    const claimCount = await countFilteredClaims(db, { topic: topic.slug }, { publicOnly: true });
    if (claimCount === 0) throw new HttpError(404, 'There is no topic at this address.', 'not_found');
    res.set('Access-Control-Allow-Origin', '*').json({
      topic: {
        id: topic.id, slug: topic.slug, name: topic.name,
        url: absoluteUrl(config.baseUrl, paths.topic(topic.slug)),
        claim_count: claimCount,
        claims_url: absoluteUrl(config.baseUrl, paths.claimsTable('json', { topic: topic.slug })),
      },
    });
  });

  router.get('/sources/:id.json', async (req, res) => {
    const id = Number(req.params.id);
    const source = Number.isSafeInteger(id) && id > 0 ? await findSourceById(db, id) : undefined;
    const citations = source ? await listPublicCitationsOfSource(db, source.id) : [];
    // A source only cited by drafts is not public yet.
    if (!source || !citations.length) throw new HttpError(404, 'There is no source at this address.', 'not_found');
    res.set('Access-Control-Allow-Origin', '*').json({
      source: {
        ...source,
        page_url: absoluteUrl(config.baseUrl, paths.source(source.id)),
        citations: citations.map((c) => ({ ...c, claim_url: absoluteUrl(config.baseUrl, paths.claim(c.claim_id)) })),
      },
    });
  });

  return router;
}
