// A claimant's track record as a bar chart, drawn on the server as SVG (views/claimants/show.hbs):
// one row per verdict of the scale, its name above the bar and the count after it, so the chart reads
// without colour; each group of verdicts also has its own fill pattern. The table twin holds the same rows.

export interface ScaleVerdict {
  key: string;
  label: string;
}

export interface ChartRow {
  key: string;
  label: string;
  count: number;
  /** Share of the rated claims, in whole percent. */
  percent: number;
  /** Geometry, in the SVG's own units. */
  y: number;
  labelY: number;
  barY: number;
  countY: number;
  width: number;
  countX: number;
  pattern: string;
}

export interface VerdictChart {
  rows: ChartRow[];
  rated: number;
  unrated: number;
  width: number;
  height: number;
  barHeight: number;
}

const WIDTH = 360;
const ROW = 44;
const BAR = 16;
const COUNT_ROOM = 40; // room after the longest bar for its count
const UNRATED = 'unverified';

// Why patterns by group rather than one per verdict: nine patterns are no easier to tell apart than nine
// colours; the label on every bar names the verdict, the pattern only says which way it leans.
const PATTERN: Record<string, string> = {
  true: 'solid',
  'mostly-true': 'solid',
  mixed: 'stripes',
  misleading: 'stripes',
  'mostly-false': 'cross',
  false: 'cross',
  unprovable: 'dots',
  opinion: 'dots',
};

/** The chart of a claimant's rated claims over the whole scale (zero rows included), unrated ones counted apart. */
export function verdictChart(scale: ScaleVerdict[], counts: ReadonlyMap<string, number>): VerdictChart {
  const rated = scale.filter((v) => v.key !== UNRATED);
  const total = rated.reduce((n, v) => n + (counts.get(v.key) ?? 0), 0);
  const max = Math.max(1, ...rated.map((v) => counts.get(v.key) ?? 0));
  const room = WIDTH - COUNT_ROOM;
  const rows = rated.map((v, i) => {
    const count = counts.get(v.key) ?? 0;
    const width = count === 0 ? 0 : Math.max(4, Math.round((count / max) * room));
    const y = i * ROW;
    return {
      key: v.key,
      label: v.label,
      count,
      percent: total ? Math.round((count / total) * 100) : 0,
      y,
      labelY: y + 15,
      barY: y + 22,
      countY: y + 22 + 13,
      width,
      countX: width + 6,
      pattern: PATTERN[v.key] ?? 'solid',
    };
  });
  return { rows, rated: total, unrated: counts.get(UNRATED) ?? 0, width: WIDTH, height: rows.length * ROW, barHeight: BAR };
}
