import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { escapeXml } from '../http/html';
import { notFound } from '../http/page-helpers';
import { absoluteUrl, paths } from '../http/urls';
import { SITEMAP_KINDS, sitemapCounts, sitemapEntries, type SitemapEntry, type SitemapKind } from './sitemap.repository';

/** The most URLs one sitemap file may hold (sitemaps.org); a larger archive gets a sitemap index. */
const SITEMAP_SIZE = 50_000;

const pageOf: Record<SitemapKind, (ref: string) => string> = {
  disputes: (slug) => paths.dispute(slug),
  claims: (id) => paths.claim(Number(id)),
  claimants: (slug) => paths.claimant(slug),
  sources: (id) => paths.source(Number(id)),
  topics: (slug) => paths.topic(slug),
  outlets: (slug) => paths.outlet(slug),
};

/** The pages that are not records: home, the two lists and the newsroom's own pages. */
const FIXED_PAGES = [
  paths.home(),
  paths.disputes(),
  paths.claims(),
  paths.methodology(),
  paths.corrections(),
  paths.promises(),
  paths.openData(),
];

/**
 * /robots.txt and /sitemap.xml: crawlers are kept to the canonical pages. Facet combinations, sorts, the
 * language switch, search and the desk are endless or private; the sitemap names every public record once.
 * `size` is the most URLs per sitemap file (tests make it small).
 */
export function sitemapPages({ db, config, size = SITEMAP_SIZE }: { db: Db; config: Config; size?: number }): Router {
  const router = Router();
  const abs = (path: string) => absoluteUrl(config.baseUrl, path);
  // robots.txt paths are from the host's root: a BASE_URL with a path ("https://example.org/checks") prefixes them.
  const root = new URL(config.baseUrl).pathname.replace(/\/+$/, '');

  router.get('/robots.txt', (_req, res) => {
    const lines = [
      'User-agent: *',
      ...['/lang/', '/desk', '/login', '/search', '/api/', '/embed/', '/oembed'].map((p) => `Disallow: ${root}${p}`),
      // A filtered or sorted list is a facet combination; its first page unfiltered and its later pages stay open.
      ...[paths.claims(), paths.disputes()].flatMap((list) => [
        `Disallow: ${root}${list}?`,
        `Allow: ${root}${list}?page=`,
        `Disallow: ${root}${list}.*?`,
      ]),
      '',
      `Sitemap: ${abs('/sitemap.xml')}`,
      '',
    ];
    res.type('text/plain').send(lines.join('\n'));
  });

  const urlset = (urls: Array<{ loc: string; lastmod: string | null }>) =>
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...urls.map(
        (u) => `  <url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${escapeXml(lastmod(u.lastmod))}</lastmod>` : ''}</url>`,
      ),
      '</urlset>',
      '',
    ].join('\n');
  const located = (kind: SitemapKind, entries: SitemapEntry[]) =>
    entries.map((e) => ({ loc: abs(pageOf[kind](e.ref)), lastmod: e.lastmod }));
  const fixed = FIXED_PAGES.map((p) => ({ loc: abs(p), lastmod: null }));

  router.get('/sitemap.xml', async (_req, res) => {
    const counts = await sitemapCounts(db);
    const total = FIXED_PAGES.length + SITEMAP_KINDS.reduce((n, kind) => n + counts[kind], 0);
    res.type('application/xml');
    if (total <= size) {
      const all = await Promise.all(
        SITEMAP_KINDS.map(async (kind) => located(kind, await sitemapEntries(db, kind, { limit: size, offset: 0 }))),
      );
      res.send(urlset([...fixed, ...all.flat()]));
      return;
    }
    // Too many for one file: an index of files per kind, /sitemaps/claims-1.xml, /sitemaps/claims-2.xml, …
    const files = [
      'pages-1',
      ...SITEMAP_KINDS.flatMap((kind) => Array.from({ length: Math.ceil(counts[kind] / size) }, (_, i) => `${kind}-${i + 1}`)),
    ];
    res.send(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ...files.map((f) => `  <sitemap><loc>${escapeXml(abs(`/sitemaps/${f}.xml`))}</loc></sitemap>`),
        '</sitemapindex>',
        '',
      ].join('\n'),
    );
  });

  router.get('/sitemaps/:file.xml', async (req, res) => {
    const m = /^([a-z]+)-([1-9]\d{0,5})$/.exec(req.params.file);
    const kind = m?.[1] as SitemapKind | 'pages' | undefined;
    const n = Number(m?.[2]);
    if (kind === 'pages' && n === 1) {
      res.type('application/xml').send(urlset(fixed));
      return;
    }
    if (!kind || kind === 'pages' || !SITEMAP_KINDS.includes(kind)) throw notFound(res);
    const entries = await sitemapEntries(db, kind, { limit: size, offset: (n - 1) * size });
    if (entries.length === 0) throw notFound(res);
    res.type('application/xml').send(urlset(located(kind, entries)));
  });

  return router;
}

/** A sitemap's lastmod is a W3C date or datetime: the stored "2025-03-18 10:00:00" becomes "2025-03-18T10:00:00Z". */
function lastmod(stamp: string): string {
  return /^\d{4}-\d{2}-\d{2} \d/.test(stamp) ? `${stamp.replace(' ', 'T')}Z` : stamp;
}
