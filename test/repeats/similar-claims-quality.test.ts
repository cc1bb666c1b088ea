import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOrCreateClaimant } from '../../src/claimants/claimant.repository';
import { insertClaim } from '../../src/claims/claim.repository';
import type { Connection } from '../../src/db/connection';
import { findSimilarClaims, SIMILAR_THRESHOLD } from '../../src/repeats/similar-claims';
import { freshDatabase } from '../helpers/db';

// Precision and recall of repeat detection on the hand-labelled pairs of claim-pairs.json, at the
// threshold the desk uses. The figures were measured when the threshold was chosen; a change to the
// matcher that makes either fall by more than the margin fails here. They are printed on every run.

interface Pair {
  /** `tuning`: used to choose the features and the threshold; `held-out`: written afterwards, never tuned on. */
  set: 'tuning' | 'held-out';
  lang: 'en' | 'nl';
  repeat: boolean;
  claimant: string;
  existing: string;
  incoming: string;
}
const { pairs } = JSON.parse(readFileSync(join(__dirname, 'claim-pairs.json'), 'utf8')) as { pairs: Pair[] };

const MEASURED = { precision: 0.938, recall: 0.962 };
const MARGIN = 0.02;

let conn: Connection;
/** The best score of each pair's existing claim among the matches of its incoming text (0 when not found). */
const scores: number[] = [];

beforeAll(async () => {
  // The seed's claims stay in as distractors, as they would be in a newsroom's database.
  conn = await freshDatabase({ seed: true });
  const ids = new Map<string, number>();
  for (const p of pairs) {
    if (ids.has(p.existing)) continue;
    const claimant = await findOrCreateClaimant(conn.db, { name: p.claimant, kind: 'person' });
    const claim = await insertClaim(conn.db, {
      claimant_id: claimant.id,
      text: p.existing,
      kind: 'statement',
      verdict: 'unverified',
      state: 'published',
      topics: [],
      citations: [],
    });
    ids.set(p.existing, claim.id);
  }
  for (const p of pairs) {
    const matches = await findSimilarClaims(conn.db, p.incoming, { limit: 5, threshold: 0 });
    scores.push(matches.find((m) => m.claim.id === ids.get(p.existing))?.score ?? 0);
  }
}, 60_000);

afterAll(() => conn?.db.destroy());

function quality(threshold: number, subset: (p: Pair) => boolean = () => true) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  pairs.forEach((p, i) => {
    if (!subset(p)) return;
    const said = scores[i]! >= threshold;
    if (said && p.repeat) tp++;
    else if (said) fp++;
    else if (p.repeat) fn++;
  });
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), tp, fp, fn };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

test('the labelled set has at least 100 pairs, repeats and near-misses, in English and Dutch', () => {
  expect(pairs.length).toBeGreaterThanOrEqual(100);
  for (const lang of ['en', 'nl'] as const)
    for (const repeat of [true, false])
      expect(pairs.filter((p) => p.lang === lang && p.repeat === repeat).length).toBeGreaterThanOrEqual(20);
});

test(`precision and recall at the threshold (${SIMILAR_THRESHOLD}) do not fall below the measured figures`, () => {
  const lines = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7].map((t) => {
    const q = quality(t);
    return `  ${t.toFixed(2)}${t === SIMILAR_THRESHOLD ? ' ←' : '  '}  precision ${pct(q.precision)}  recall ${pct(q.recall)}  (tp ${q.tp}, fp ${q.fp}, fn ${q.fn})`;
  });
  const all = quality(SIMILAR_THRESHOLD);
  const en = quality(SIMILAR_THRESHOLD, (p) => p.lang === 'en');
  const nl = quality(SIMILAR_THRESHOLD, (p) => p.lang === 'nl');
  const tuning = quality(SIMILAR_THRESHOLD, (p) => p.set === 'tuning');
  const heldOut = quality(SIMILAR_THRESHOLD, (p) => p.set === 'held-out');
  console.log(
    [
      `Repeat detection on ${pairs.length} labelled pairs, threshold ${SIMILAR_THRESHOLD}:`,
      `  all: precision ${pct(all.precision)}, recall ${pct(all.recall)}`,
      `  English: precision ${pct(en.precision)}, recall ${pct(en.recall)}; Dutch: precision ${pct(nl.precision)}, recall ${pct(nl.recall)}`,
      `  tuning set (${pairs.filter((p) => p.set === 'tuning').length} pairs): precision ${pct(tuning.precision)}, recall ${pct(tuning.recall)}`,
      `  held-out set (${pairs.filter((p) => p.set === 'held-out').length} pairs): precision ${pct(heldOut.precision)}, recall ${pct(heldOut.recall)}`,
      'By threshold:',
      ...lines,
    ].join('\n'),
  );
  expect(all.precision).toBeGreaterThanOrEqual(MEASURED.precision - MARGIN);
  expect(all.recall).toBeGreaterThanOrEqual(MEASURED.recall - MARGIN);
});
