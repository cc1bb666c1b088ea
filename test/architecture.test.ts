import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// dependency-cruiser is an ES module, which jest's CommonJS runtime cannot load: it runs in a child process.
const ROOT = join(__dirname, '..');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

/** Every break of the rules in .dependency-cruiser.cjs over src/, one line each. */
function violations(): string[] {
  const cli = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const run = spawnSync(process.execPath, [cli, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations.map((v) => {
    const to = v.cycle?.length ? v.cycle.map((step) => step.name).join(' → ') : v.to.replace(/^.*node_modules\/([^/]+).*$/, '$1');
    return `${v.rule.name}: ${v.from} → ${to}`;
  });
}

describe('the architecture of src/ (STYLE.md, one room per feature)', () => {
  it('has no folder or module cycles, no route file importing another, and kysely only in repositories and src/db', () => {
    expect(violations()).toEqual([]);
  }, 60_000);
});
