import type { MessageKey } from './i18n';
import type { TableFormat } from './urls';

// The machine-readable twins a page offers: shown as "Download this table" links at the end of the page
// and named in its <head> as rel="alternate" links (views/partials/downloads.hbs, views/layouts/main.hbs).

export interface DataLink {
  format: TableFormat;
  href: string;
  /** The MIME type, for the link's `type` attribute. */
  type: string;
}

export interface DataLinkGroup {
  /** What the links hold ("This table, every row", "This page as data"). */
  label: MessageKey;
  links: DataLink[];
}

export interface Downloads {
  heading: MessageKey;
  groups: DataLinkGroup[];
}

const TYPES: Record<TableFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown',
};
const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'json', 'xlsx', 'md'];

/** A list's four table twins (or a record's claims as a table), each built by `href`. */
export function tableLinks(label: MessageKey, href: (format: TableFormat) => string): DataLinkGroup {
  return { label, links: TABLE_FORMATS.map((format) => ({ format, href: href(format), type: TYPES[format] })) };
}

/** A record's .json twin. */
export function jsonLink(href: string): DataLinkGroup {
  return { label: 'data.group.record', links: [{ format: 'json', href, type: TYPES.json }] };
}

/** The downloads of a list page: its table twins, with the same filters and order. */
export function listDownloads(href: (format: TableFormat) => string): Downloads {
  return { heading: 'data.download.table', groups: [tableLinks('data.group.table', href)] };
}

/** The downloads of a record page: its .json twin, and its claims as a table when it has a list of them. */
export function recordDownloads(json: string | null, claims?: (format: TableFormat) => string): Downloads {
  return {
    heading: 'data.download.record',
    groups: [...(json ? [jsonLink(json)] : []), ...(claims ? [tableLinks('data.group.claims', claims)] : [])],
  };
}
