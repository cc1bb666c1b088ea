import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { loadDisputeView } from '../disputes/dispute-view.repository';
import { HttpError } from '../http/errors';
import { escapeXml } from '../http/html';
import { translate } from '../http/i18n';
import { notFound } from '../http/page-helpers';
import { decodedOrNull } from '../http/url-encoding';
import { absoluteUrl, paths } from '../http/urls';
import { atomDocument, newestFirst, type AtomEntry } from './atom';
import { findPublishedDispute, recentDisputes, recentVerdicts } from './feed.repository';

export const EMBED_SIZE = { width: 600, height: 420 };

/** Atom feed, embeddable dispute card and oEmbed. */
export function feedPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const abs = (path: string) => absoluteUrl(config.baseUrl, path);
  const host = new URL(config.baseUrl).host;

  router.get(paths.atomFeed(), async (_req, res) => {
    const locale = String(res.locals.locale);
    const [disputes, verdicts] = await Promise.all([recentDisputes(db, 50), recentVerdicts(db, 50)]);
    const entries: AtomEntry[] = [
      ...disputes.map((d) => ({
        id: `tag:${host},2025:dispute:${d.id}:${d.updated_at}`,
        title: d.created_at === d.updated_at ? d.question : translate(locale, 'feed.updated', { title: d.question }),
        link: abs(paths.dispute(d.slug)),
        updated: d.updated_at,
        published: d.created_at,
        summary: d.summary ?? d.question,
        category: d.created_at === d.updated_at ? 'dispute-new' : 'dispute-updated',
      })),
      ...verdicts.map((c) => ({
        id: `tag:${host},2025:verdict:${c.id}:${c.updated_at}`,
        title: `${c.verdict}: ${c.claimant} — ${c.text}`,
        link: abs(paths.claim(c.id)),
        updated: c.updated_at,
        summary: c.verdict_rationale ?? c.verdict,
        category: 'verdict',
      })),
    ]
      .sort(newestFirst)
      .slice(0, 50);
    const body = atomDocument({
      id: abs(paths.atomFeed()),
      title: translate(locale, 'feed.title', { newsroom: config.newsroom.name }),
      author: { name: config.newsroom.name, uri: config.newsroom.url },
      self: abs(paths.atomFeed()),
      alternate: abs(paths.disputes()),
      licence: config.dataLicence,
      entries,
    });
    res.type('application/atom+xml; charset=utf-8').send(body);
  });

  router.get('/embed/disputes/:slug', async (req, res) => {
    const view = await loadDisputeView(db, req.params.slug, { publicOnly: true });
    if (!view) throw notFound(res, 'error.notFound.dispute');
    // Only this page may be framed by other sites; helmet keeps every other page unframeable.
    res.removeHeader('X-Frame-Options');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *",
    );
    res.removeHeader('Cross-Origin-Resource-Policy');
    res.render('syndication/embed', { layout: false, ...view, disputeUrl: abs(paths.dispute(view.dispute.slug)) });
  });

  router.get(paths.oembed(), async (req, res) => {
    const locale = String(res.locals.locale);
    const q = req.query as Record<string, unknown>;
    const format = typeof q.format === 'string' && q.format ? q.format : 'json';
    if (format !== 'json') {
      // The oEmbed spec's answer to an unsupported format; not a server fault, so not thrown.
      res.status(501).json({
        error: {
          code: 'not_implemented',
          message: translate(locale, 'oembed.onlyJson'),
          fields: { format: translate(locale, 'oembed.onlyJson.field') },
        },
      });
      return;
    }
    const url = typeof q.url === 'string' ? q.url : '';
    const prefix = abs('/disputes/');
    if (!url.startsWith(prefix))
      throw new HttpError(404, translate(locale, 'oembed.notADispute'), 'not_found', {
        url: translate(locale, 'oembed.notADispute.field'),
      });
    const slug = decodedOrNull(url.slice(prefix.length).split(/[?#]/)[0]!.replace(/\/$/, ''));
    const dispute = slug === null ? undefined : await findPublishedDispute(db, slug);
    if (!dispute)
      throw new HttpError(404, translate(locale, 'oembed.noDispute'), 'not_found', { url: translate(locale, 'oembed.noDispute.field') });
    const limit = (v: unknown, max: number) => {
      const n = Number(v);
      return Number.isFinite(n) && n >= 200 ? Math.min(max, Math.floor(n)) : max;
    };
    const width = limit(q.maxwidth, EMBED_SIZE.width);
    const height = limit(q.maxheight, EMBED_SIZE.height);
    const src = abs(paths.embedDispute(dispute.slug));
    res.set('Access-Control-Allow-Origin', '*').json({
      version: '1.0',
      type: 'rich',
      provider_name: config.newsroom.name,
      provider_url: config.newsroom.url,
      title: dispute.question,
      width,
      height,
      html:
        `<iframe src="${escapeXml(src)}" width="${width}" height="${height}" title="${escapeXml(dispute.question)}"` +
        ` style="border:0;max-width:100%" loading="lazy"></iframe>`,
    });
  });

  return router;
}
