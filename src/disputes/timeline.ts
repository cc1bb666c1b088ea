import { periodEnd } from '../claims/claim-filter.repository';
import type { ClaimCard } from '../claims/claim-card.repository';
import { DATE_PRECISIONS, type DatePrecision } from '../domain/vocabulary';

// The dispute page's timeline: which lane each claim is on, and bands for dates known only to a month or a year.
//
// Why bands, ordered by the start of the period: "February 2025" (a monthly poll) says the claim was made
// some day in February, not on its last day. Sorting it by the end of its month drew it as a point after
// a reply of 19 February, an order nobody knows; sorting it by the 1st would claim it came first. So the
// claim opens a band labelled with the whole month, and every claim dated within that month sits inside
// the band, in its own order: the reader sees that the month's claim may fall anywhere among them.

export type Lane = 'a' | 'b';

export interface TimelineEntry {
  claim: ClaimCard;
  lane: Lane;
  /** A supporting claim rather than one of the two sides' own. */
  supporting: boolean;
  /** Its date names a month or a year: the entry that opens a band. */
  period: boolean;
}

export interface TimelineRow {
  /** The period a band covers (the claim that opened it gives its date); absent for a plain entry. */
  band?: { on: string; precision: DatePrecision };
  entries: TimelineEntry[];
}

function precisionOf(card: ClaimCard): DatePrecision {
  return (DATE_PRECISIONS as readonly string[]).includes(card.said_precision ?? '') ? (card.said_precision as DatePrecision) : 'day';
}

const COARSER_FIRST: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

/** Claims in the order they were said: by the start of their period, a period before the days it holds; undated last. */
export function byStartOfPeriod(x: ClaimCard, y: ClaimCard): number {
  if (x.said_on !== y.said_on) {
    if (x.said_on === null) return 1;
    if (y.said_on === null) return -1;
    return x.said_on < y.said_on ? -1 : 1;
  }
  return COARSER_FIRST[precisionOf(x)] - COARSER_FIRST[precisionOf(y)] || x.id - y.id;
}

/** The timeline's rows: single entries, and bands that hold a month's (or year's) claim with the claims dated within it. */
export function timelineRows(
  ordered: ClaimCard[],
  laneOf: (card: ClaimCard) => Lane,
  isSupporting: (card: ClaimCard) => boolean,
): TimelineRow[] {
  const entries = ordered.map((claim) => ({
    claim,
    lane: laneOf(claim),
    supporting: isSupporting(claim),
    period: claim.said_on !== null && precisionOf(claim) !== 'day',
  }));
  const rows: TimelineRow[] = [];
  for (let i = 0; i < entries.length;) {
    const first = entries[i]!;
    if (!first.period) {
      rows.push({ entries: [first] });
      i++;
      continue;
    }
    const band = { on: first.claim.said_on!, precision: precisionOf(first.claim) };
    const after = periodEnd(band); // the first day after the period
    let j = i + 1;
    while (j < entries.length && entries[j]!.claim.said_on !== null && entries[j]!.claim.said_on! < after) j++;
    rows.push({ band, entries: entries.slice(i, j) });
    i = j;
  }
  return rows;
}
