import type { Response } from 'express';
import type { Writable } from 'node:stream';
import { slugify } from '../domain/slug';
import { CONTENT_TYPES, type ExportFormat } from './formats';

/** `?bom=1` (or true, yes): a byte order mark first, for spreadsheets that need one to read UTF-8. */
export function wantsBom(value: unknown): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

/** "claims-verdict-false-claimant-kremlin.csv": readable, ASCII, safe in a header. */
export function downloadFilename(name: string, applied: Record<string, string>, format: ExportFormat): string {
  const parts = Object.entries(applied).map(([k, v]) => `${k}-${slugify(v, 40)}`);
  return `${[name, ...parts].join('-').slice(0, 150)}.${format}`;
}

/** Sends a table twin: the headers, then whatever `write` streams into the response. */
export async function sendTable(
  res: Response,
  format: ExportFormat,
  filename: string,
  write: (out: Writable) => Promise<number>,
): Promise<void> {
  const disposition = format === 'csv' || format === 'xlsx' ? 'attachment' : 'inline';
  res.status(200);
  res.set({
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `${disposition}; filename="${filename}"`,
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Origin': '*',
  });
  try {
    await write(res);
    res.end();
  } catch (err) {
    // Once rows have gone out a clean error page is impossible: cut the download so it is seen as broken.
    if (res.headersSent) {
      res.destroy(err as Error);
      return;
    }
    throw err;
  }
}
