import { escapeXml } from '../http/html';

// The one Atom writer (RFC 4287): the site feed (/feed.atom) and the follow feeds of each dispute and
// claimant build their entries and hand them here.

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: string;
  published?: string;
  summary: string;
  category: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  author: { name: string; uri: string };
  /** The feed's own address. */
  self: string;
  /** The page the feed follows. */
  alternate: string;
  /** The data licence (DATA_LICENCE_NAME/URL), as <rights> and rel="license". */
  licence: { name: string; url: string };
  entries: AtomEntry[];
}

/** Newest first by `updated` (ISO text sorts as time). */
export function newestFirst(a: AtomEntry, b: AtomEntry): number {
  return a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0;
}

export function atomDocument(feed: AtomFeed): string {
  const updated = feed.entries[0]?.updated ?? new Date(0).toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <author><name>${escapeXml(feed.author.name)}</name><uri>${escapeXml(feed.author.uri)}</uri></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="license" href="${escapeXml(feed.licence.url)}"/>`,
    `  <rights>${escapeXml(feed.licence.name)}</rights>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    ...feed.entries.map((e) =>
      [
        '  <entry>',
        `    <id>${escapeXml(e.id)}</id>`,
        `    <title>${escapeXml(e.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
        `    <updated>${escapeXml(e.updated)}</updated>`,
        e.published ? `    <published>${escapeXml(e.published)}</published>` : '',
        `    <category term="${escapeXml(e.category)}"/>`,
        `    <summary>${escapeXml(e.summary)}</summary>`,
        '  </entry>',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
}
