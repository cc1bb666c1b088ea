import type { Readable } from 'node:stream';
import type { Db } from '../db/connection';
import { importClaimReviews } from './claimreview-import';
import { importClaimsCsv } from './csv-import';
import type { ImportOptions, ImportReport } from './import-report';

export type ImportFormat = 'csv' | 'claimreview';

/** JSON or HTML is ClaimReview JSON-LD; anything else is read as the claims CSV. */
export function detectImportFormat(start: string, filename = ''): ImportFormat {
  if (/\.(json|jsonld|html?)$/i.test(filename)) return 'claimreview';
  if (/\.csv$/i.test(filename)) return 'csv';
  const head = start.replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') || head.startsWith('[') || head.startsWith('<') ? 'claimreview' : 'csv';
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  // A byte stream yields Buffers, or strings once an encoding is set.
  for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** One entry point for the command line and the desk form. */
export async function runImport(db: Db, input: string | Readable, format: ImportFormat, options: ImportOptions): Promise<ImportReport> {
  if (format === 'csv') return importClaimsCsv(db, input, options);
  return importClaimReviews(db, typeof input === 'string' ? input : await readAll(input), options);
}
