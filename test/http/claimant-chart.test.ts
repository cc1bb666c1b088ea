// Issue 13, item 8: a claimant's track record as a chart drawn on the server (SVG, readable without colour,
// with a table twin), and a methodology page that explains the verdict scale in readers' words.
import request from 'supertest';
import { verdictChart } from '../../src/claimant-page/verdict-chart';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { decode } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app));

/** Rates `n` new published claims of the Kremlin with `verdict`. */
async function rate(verdict: string, n: number) {
  for (let i = 0; i < n; i++) await addClaim(t.db, 'kremlin', { text: `${verdict} ${i}`, verdict, verdict_rationale: 'Checked.' });
}

/** One chart row as drawn: its label, whether it has a bar (and how wide), its count. */
function drawnRows(svg: string) {
  return [...svg.matchAll(/<g class="chart-row chart-([a-z-]+)">([\s\S]*?)<\/g>/g)].map((m) => ({
    key: m[1],
    label: /class="chart-label">([^<]*)</.exec(m[2]!)?.[1],
    bar: Number(/<rect x="0" y="[\d.]+" width="([\d.]+)"[^>]*class="chart-bar"/.exec(m[2]!)?.[1] ?? 0),
    count: Number(/class="chart-count">(\d+)</.exec(m[2]!)?.[1]),
  }));
}

function tableRows(html: string) {
  const start = html.indexOf('<details class="chart-table">');
  const table = html.slice(start, html.indexOf('</details>', start));
  return [...table.matchAll(/<tr><th scope="row"><a href="([^"]+)">([^<]+)<\/a><\/th><td>(\d+)<\/td><td>(\d+)%<\/td><\/tr>/g)].map((m) => [
    decode(m[2]!),
    Number(m[3]),
    Number(m[4]),
  ]);
}

describe('a claimant’s track record', () => {
  it('draws the rated claims by verdict as an SVG with a label and a count on every row, bars in proportion', async () => {
    await rate('false', 3);
    await rate('misleading', 1);
    await rate('true', 1);
    const html = (await request(t.app).get('/claimants/kremlin').expect(200)).text;
    const start = html.indexOf('<svg role="img"');
    const svg = html.slice(start, html.indexOf('</svg>', start));
    expect(svg).toContain('aria-labelledby="verdict-chart-title"');
    expect(decode(svg)).toContain(
      '<title id="verdict-chart-title">How the claims of Kremlin were rated: True: 1, Misleading: 1, False: 3</title>',
    );
    const rows = drawnRows(svg);
    // The whole scale but "unverified", in its order; zero rows drawn without a bar.
    expect(rows.map((r) => [r.label, r.count])).toEqual([
      ['True', 1],
      ['Mostly true', 0],
      ['Mixed', 0],
      ['Misleading', 1],
      ['Mostly false', 0],
      ['False', 3],
      ['Unprovable', 0],
      ['Opinion', 0],
    ]);
    const bar = Object.fromEntries(rows.map((r) => [r.key, r.bar]));
    expect(bar.false).toBe(320);
    expect(bar.true).toBe(107);
    expect(bar.misleading).toBe(107);
    expect(bar['mostly-true']).toBe(0);
    // Patterns, not only colour: the false bars are cross-hatched, misleading striped, true solid.
    const group = (key: string) => new RegExp(`<g class="chart-row chart-${key}">([\\s\\S]*?)</g>`).exec(svg)?.[1] ?? '';
    expect(group('false')).toContain('fill="url(#chart-cross)"');
    expect(group('misleading')).toContain('fill="url(#chart-stripes)"');
    expect(group('true')).toContain('class="chart-bar"');
    expect(group('true')).not.toContain('url(#');
    // The Kremlin's two seed claims are unverified: counted apart, not in the chart.
    expect(decode(html)).toContain('5 claims rated. 2 more are not rated yet.');
  });

  it('has a table twin with the same counts and shares, linking each verdict to its explanation', async () => {
    await rate('false', 3);
    await rate('mostly-true', 1);
    const html = (await request(t.app).get('/claimants/kremlin').expect(200)).text;
    expect(html).toContain('<summary>The chart as a table</summary>');
    expect(tableRows(html)).toEqual([
      ['True', 0, 0],
      ['Mostly true', 1, 25],
      ['Mixed', 0, 0],
      ['Misleading', 0, 0],
      ['Mostly false', 0, 0],
      ['False', 3, 75],
      ['Unprovable', 0, 0],
      ['Opinion', 0, 0],
    ]);
    expect(html).toContain('<a href="/methodology#verdict-false">False</a>');
  });

  it('says so when nothing is rated yet, without an empty chart', async () => {
    const html = (await request(t.app).get('/claimants/kremlin').expect(200)).text;
    expect(html).not.toContain('<svg role="img"');
    expect(decode(html)).toContain('None of their 2 published claims has been rated yet.');
  });

  it('is in Dutch for Dutch readers', async () => {
    await rate('false', 2);
    const html = (await request(t.app).get('/claimants/kremlin?lang=nl').expect(200)).text;
    expect(drawnRows(html.slice(html.indexOf('<svg'))).find((r) => r.key === 'false')).toMatchObject({ label: 'Onwaar', count: 2 });
    expect(decode(html)).toContain('Hoe de beweringen van Kremlin werden beoordeeld: Onwaar: 2');
    expect(decode(html)).toContain('<summary>De grafiek als tabel</summary>');
  });

  it('leaves drafts out of the count', async () => {
    await rate('false', 1);
    await addClaim(t.db, 'kremlin', { text: 'draft', verdict: 'false', verdict_rationale: 'x', state: 'draft' });
    const html = (await request(t.app).get('/claimants/kremlin').expect(200)).text;
    expect(drawnRows(html).find((r) => r.key === 'false')?.count).toBe(1);
  });
});

describe('the chart’s geometry', () => {
  const scale = ['unverified', 'true', 'false', 'opinion'].map((key) => ({ key, label: key }));
  it('counts rated claims only, scales bars to the largest count, and rounds shares', () => {
    const chart = verdictChart(
      scale,
      new Map([
        ['unverified', 4],
        ['true', 1],
        ['false', 2],
      ]),
    );
    expect(chart.rated).toBe(3);
    expect(chart.unrated).toBe(4);
    expect(chart.rows.map((r) => [r.key, r.width, r.percent])).toEqual([
      ['true', 160, 33],
      ['false', 320, 67],
      ['opinion', 0, 0],
    ]);
    expect(chart.height).toBe(3 * 44);
  });
});

describe('the methodology page', () => {
  it('explains the scale in readers’ words, without ClaimReview ratings', async () => {
    const html = decode((await request(t.app).get('/methodology').expect(200)).text);
    expect(html).toContain('The scale runs from True to False.');
    expect(html).toContain('has not been rated yet');
    expect(html).not.toMatch(/\d\/6/);
    expect(html).not.toContain('ClaimReview rating');
    const nl = decode((await request(t.app).get('/methodology?lang=nl').expect(200)).text);
    expect(nl).toContain('De schaal loopt van Waar tot Onwaar.');
    expect(nl).not.toMatch(/\d\/6/);
  });
});
