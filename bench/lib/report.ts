/** One measured figure and, where the issue sets one, its target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  p50?: number;
  p99?: number;
  /** Requests/s as a share of /healthz's in the same run (readers under writes: of the write-free readers'). */
  ratio?: number;
  failed?: number;
  peakRssMb?: number;
  /** The process's memory when the measured task began. */
  rssBeforeMb?: number;
  /** A page's first request after the server started: rendered from the database, nothing kept yet. */
  firstMs?: number;
  target?: { ratio?: number; p50?: number; p99?: number; perSecond?: number; peakRssMb?: number; failed?: number };
}

/** Whether a figure meets its target: undefined when it has none. */
export function meetsTarget(f: Figure): boolean | undefined {
  const t = f.target;
  if (!t) return undefined;
  const checks = [
    t.ratio === undefined || (f.ratio ?? 0) >= t.ratio,
    t.p50 === undefined || (f.p50 ?? Infinity) <= t.p50,
    t.p99 === undefined || (f.p99 ?? Infinity) <= t.p99,
    t.perSecond === undefined || f.value >= t.perSecond,
    t.peakRssMb === undefined || (f.peakRssMb ?? Infinity) <= t.peakRssMb,
    t.failed === undefined || (f.failed ?? 0) <= t.failed,
  ];
  return checks.every(Boolean);
}

function describeTarget(f: Figure): string {
  const t = f.target;
  if (!t) return '';
  const parts: string[] = [];
  if (t.ratio !== undefined) parts.push(`ratio ≥ ${t.ratio}`);
  if (t.p50 !== undefined) parts.push(`p50 ≤ ${t.p50} ms`);
  if (t.p99 !== undefined) parts.push(`p99 ≤ ${t.p99} ms`);
  if (t.perSecond !== undefined) parts.push(`≥ ${t.perSecond.toLocaleString('en')} ${f.unit}`);
  if (t.peakRssMb !== undefined) parts.push(`RSS ≤ ${t.peakRssMb} MB`);
  if (t.failed !== undefined) parts.push(`${t.failed} failed`);
  return parts.join(', ');
}

const num = (n: number | undefined, digits = 0) =>
  n === undefined ? '' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The figures as an aligned text table, targets and whether each is met included. */
export function formatTable(figures: Figure[], indicative = false): string {
  const header = [
    'figure',
    'value',
    'unit',
    'p50 ms',
    'p99 ms',
    'ratio',
    'first ms',
    'failed',
    'peak RSS MB (before)',
    'target',
    indicative ? 'met (quick run: indicative)' : 'met',
  ];
  const rows = figures.map((f) => {
    const met = meetsTarget(f);
    return [
      f.name,
      num(f.value),
      f.unit,
      num(f.p50, 1),
      num(f.p99, 1),
      f.ratio === undefined ? '' : f.ratio.toFixed(2),
      num(f.firstMs),
      f.failed === undefined ? '' : String(f.failed),
      f.peakRssMb === undefined ? '' : `${num(f.peakRssMb)}${f.rssBeforeMb === undefined ? '' : ` (${num(f.rssBeforeMb)})`}`,
      describeTarget(f),
      met === undefined ? '' : met ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i >= 9 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
