import type { Db } from '../db/connection';
import { nowIso } from '../domain/clock';
import { parsePartialDate } from '../domain/partial-date';
import { english, englishQuoting } from '../http/localized';
import { emptyCounts, ImportWriter, type ImportCitation, type ImportSource } from './import.repository';
import { forgetImportedIds, proposeRepeats, RollbackImport, type ImportOptions, type ImportReport, type RowError } from './import-report';
import { RepeatProposals } from '../repeats/import-repeats';

// Imports schema.org ClaimReview JSON-LD — a DataFeed, an array, a @graph, one review, or the
// <script type="application/ld+json"> tags of an HTML page — as draft claims with verdicts. A review
// whose url was imported before updates that claim instead of making a twin.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const hasType = (v: Json, type: string) => (Array.isArray(v['@type']) ? v['@type'].includes(type) : v['@type'] === type);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** The JSON-LD documents in a text: the text itself when it is JSON, else the page's ld+json scripts. */
export function jsonLdDocuments(input: string): { documents: unknown[]; errors: RowError[] } {
  const trimmed = input.replace(/^\uFEFF/, '').trim();
  const blocks = trimmed.startsWith('<')
    ? [...trimmed.matchAll(/<script[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!)
    : [trimmed];
  const documents: unknown[] = [];
  const errors: RowError[] = [];
  blocks.forEach((block, i) => {
    try {
      documents.push(JSON.parse(block));
    } catch (err) {
      errors.push({ row: i + 1, column: null, message: englishQuoting('import.jsonld.notJson', { detail: (err as Error).message }) });
    }
  });
  if (!blocks.length)
    errors.push({
      row: 1,
      column: null,
      message: english('import.jsonld.none'),
    });
  return { documents, errors };
}

/** Every ClaimReview object in the documents, in order (DataFeed items, arrays and @graph included). */
export function findClaimReviews(documents: unknown[]): Json[] {
  const found: Json[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (hasType(node, 'ClaimReview')) {
      found.push(node);
      return;
    }
    for (const key of ['@graph', 'dataFeedElement', 'item', 'mainEntity', 'review']) if (key in node) visit(node[key]);
  };
  documents.forEach(visit);
  return found;
}

/** The host of an http(s) address, or null when the text is not one (`https://[bad` included: never a throw). */
function hostOf(address: string): string | null {
  return /^https?:\/\//.test(address) && URL.canParse(address) ? new URL(address).hostname : null;
}

function sourceOf(work: unknown): ImportSource | null {
  const w = first(work);
  if (typeof w === 'string') {
    const host = hostOf(w);
    return host
      ? {
          outlet: host,
          title: w,
          url: w,
          published_on: null,
          language: null,
          archive_url: null,
          retrieved_on: null,
          published_precision: null,
        }
      : null;
  }
  if (!isObject(w)) return null;
  const url = text(w.url);
  const publisher = first(w.publisher ?? w.author);
  const outlet = (isObject(publisher) && text(publisher.name)) || (url ? hostOf(url) : null);
  const title = text(w.headline) ?? text(w.name) ?? url;
  if (!outlet || !title || (url && !hostOf(url))) return null;
  // "2025-03-18T10:00:00Z", "2025-03-18", "2025-03" or "2025": as precise as the review says.
  const published = text(w.datePublished);
  const date = published ? parsePartialDate(/^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : published) : null;
  return {
    outlet,
    title,
    url,
    published_on: date?.on ?? null,
    language: text(w.inLanguage)?.toLowerCase() ?? null,
    archive_url: null,
    retrieved_on: null,
    published_precision: date?.precision ?? null,
  };
}

interface VerdictScaleRow {
  key: string;
  label: string;
  alternate_name: string;
  rating_value: number | null;
}

/** Our verdict for a review's rating: by name first, else by its position on the review's own scale. */
export function matchVerdict(rating: Json, scale: readonly VerdictScaleRow[]): string | null {
  const name = text(rating.alternateName)?.toLowerCase();
  if (name) {
    const byName = scale.find((v) => [v.key, v.label.toLowerCase(), v.alternate_name.toLowerCase()].includes(name));
    if (byName) return byName.key;
  }
  const value = Number(rating.ratingValue);
  const best = Number(rating.bestRating ?? 5);
  const worst = Number(rating.worstRating ?? 1);
  if (Number.isFinite(value) && Number.isFinite(best) && Number.isFinite(worst) && best > worst) {
    const numeric = scale.filter((v) => v.rating_value !== null);
    const min = Math.min(...numeric.map((v) => v.rating_value!));
    const max = Math.max(...numeric.map((v) => v.rating_value!));
    const ours = Math.round(min + ((value - worst) / (best - worst)) * (max - min));
    return numeric.find((v) => v.rating_value === ours)?.key ?? null;
  }
  return null;
}

/** Imports ClaimReview JSON-LD in one transaction; see importClaimsCsv for dry run and bad rows. */
export async function importClaimReviews(db: Db, input: string, options: ImportOptions): Promise<ImportReport> {
  const { documents, errors: parseErrors } = jsonLdDocuments(input);
  const reviews = findClaimReviews(documents);
  const report: ImportReport = {
    format: 'claimreview',
    dryRun: !!options.dryRun,
    imported: false,
    rows: reviews.length,
    skipped: 0,
    counts: emptyCounts(),
    errors: [...parseErrors],
    warnings: [],
    repeats: [],
  };
  const repeats = new RepeatProposals();
  if (!parseErrors.length && !reviews.length) report.errors.push({ row: 1, column: null, message: english('import.jsonld.noReview') });
  const now = nowIso();
  try {
    await db.transaction().execute(async (trx) => {
      const writer = new ImportWriter(trx, now);
      report.counts = writer.counts;
      const scale = (await trx
        .selectFrom('verdict_rating')
        .select(['key', 'label', 'alternate_name', 'rating_value'])
        .execute()) as VerdictScaleRow[];
      for (const [i, review] of reviews.entries()) {
        const row = i + 1;
        const errors: RowError[] = [];
        const fail = (column: string, message: string) => errors.push({ row, column, message });
        const url = text(review.url);
        if (!url || !/^https?:\/\/\S+$/.test(url)) fail('url', english('import.jsonld.needsUrl'));
        const claimReviewed = text(review.claimReviewed);
        if (!claimReviewed) fail('claimReviewed', english('import.jsonld.needsClaim'));
        else if (claimReviewed.length > 4000) fail('claimReviewed', english('import.jsonld.claimTooLong'));
        const rating = first(review.reviewRating);
        const verdict = isObject(rating) ? matchVerdict(rating, scale) : null;
        if (!isObject(rating)) fail('reviewRating', english('import.jsonld.needsRating'));
        else if (!verdict)
          fail(
            'reviewRating',
            englishQuoting('import.jsonld.ratingUnknown', { rating: text(rating.alternateName) ?? String(rating.ratingValue) }),
          );
        const item = first(review.itemReviewed);
        const itemAuthor = isObject(item) ? first(item.author) : undefined;
        const claimantName = isObject(itemAuthor) ? text(itemAuthor.name) : null;
        if (!claimantName) fail('itemReviewed.author.name', english('import.jsonld.needsAuthor'));
        if (errors.length) {
          report.errors.push(...errors);
          report.skipped++;
          continue;
        }
        if (report.errors.length && !options.skipBadRows) continue;
        const said = isObject(item) ? text(item.datePublished) : null;
        const saidDate = said ? parsePartialDate(said.length > 10 ? said.slice(0, 10) : said) : null;
        const reviewer = first(review.author);
        const reviewerName = isObject(reviewer) ? text(reviewer.name) : null;
        const rationale =
          (isObject(rating) && text(rating.ratingExplanation)) ||
          text(review.reviewBody) ||
          `Rated "${text((rating as Json).alternateName) ?? verdict}" by ${reviewerName ?? 'the reviewer'}: ${url}`;
        const citations: ImportCitation[] = [];
        const firstSource = isObject(item) ? sourceOf(item.firstAppearance) : null;
        if (firstSource) citations.push({ role: 'made_in', excerpt: null, source: firstSource });
        const appearances =
          isObject(item) && Array.isArray(item.appearance) ? item.appearance : isObject(item) && item.appearance ? [item.appearance] : [];
        for (const a of appearances) {
          const s = sourceOf(a);
          if (s && !(firstSource && s.url && s.url === firstSource.url)) citations.push({ role: 'reported_by', excerpt: null, source: s });
        }
        const kind = isObject(itemAuthor) && hasType(itemAuthor, 'Person') ? 'person' : 'organisation';
        const claimantId = await writer.claimantId(claimantName!, null, kind);
        const columns = {
          text: claimReviewed!,
          quote: null,
          quote_language: null,
          said_on: saidDate?.on ?? null,
          said_precision: saidDate?.precision ?? null,
          said_where: null,
          kind: 'statement',
          review_due_on: null,
          verdict: verdict!,
          verdict_rationale: verdict === 'unverified' ? null : rationale.slice(0, 8000),
          state: 'draft',
          claim_review_url: url,
          created_at: now,
          updated_at: now,
        };
        const existing = await writer.claimIdByReviewUrl(url!);
        if (existing === undefined) {
          repeats.add(row, await writer.insertClaim(null, claimantId, columns, [], citations), columns.text);
        } else {
          const current = await trx
            .selectFrom('claim')
            .select(['text', 'verdict', 'verdict_rationale', 'said_on', 'claimant_id'])
            .where('id', '=', existing)
            .executeTakeFirstOrThrow();
          const same =
            current.text === columns.text &&
            current.verdict === columns.verdict &&
            current.verdict_rationale === columns.verdict_rationale &&
            current.said_on === columns.said_on &&
            current.claimant_id === claimantId;
          if (same) writer.counts.claims_unchanged++;
          else {
            const { state: _keepState, ...changes } = columns;
            const { state } = await trx.selectFrom('claim').select('state').where('id', '=', existing).executeTakeFirstOrThrow();
            await writer.updateClaim(existing, claimantId, { ...changes, state }, [], citations);
          }
        }
      }
      await writer.finish();
      if (options.dryRun || (report.errors.length && !options.skipBadRows)) throw new RollbackImport();
    });
    report.imported = true;
  } catch (err) {
    if (!(err instanceof RollbackImport)) throw err;
  }
  // Outside the transaction, within the read budget (RepeatProposals says why).
  if (!report.errors.length || options.skipBadRows) await proposeRepeats(db, repeats, report);
  forgetImportedIds(report);
  return report;
}
