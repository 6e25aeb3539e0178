/**
 * `ess-feed check feed.json --input members.csv`: is every row of the
 * spreadsheet in the feed? The input is read as `build` reads it (same config,
 * same ids, derived ones included); each row that is not in the feed is named
 * by its line, with the reason the build leaves it out when there is one, and
 * each location of the feed that no row gives is listed too.
 */
import { dirname } from 'node:path';
import { build, type BuildInput, type BuildProblem } from './build.js';
import { check, type CheckReport } from './check.js';
import { readConfig } from './config.js';

export interface Comparison {
  report: CheckReport;
  /** Rows of the input that are not in the feed. */
  missing: { file: string; line: number; id?: string; why: string }[];
  /** Ids in the feed that no row gives. */
  extra: string[];
  /** Rows read, per file. */
  rows: { file: string; rows: number; inFeed: number }[];
}

export async function compareWithInput(feed: string, inputs: BuildInput[], configPath: string): Promise<Comparison> {
  const report = await check(feed);
  const config = readConfig(configPath);
  const built = build(config, inputs, { configDir: dirname(configPath) });
  // A merged feed namespaces ids ("wal:shop-namur"): the part after the last ":" is the row's id.
  const inFeed = new Set<string>();
  for (const l of report.locations ?? []) {
    inFeed.add(l.id);
    inFeed.add(l.id.slice(l.id.lastIndexOf(':') + 1));
  }
  const missing: Comparison['missing'] = [];
  const rows: Comparison['rows'] = built.files.map((f) => ({ file: f.file, rows: f.rows, inFeed: 0 }));
  const given = new Set<string>();
  for (const [id, at] of built.rowsById()) {
    given.add(id);
    if (inFeed.has(id)) rows.find((r) => r.file === at.file)!.inFeed++;
    else missing.push({ ...at, id, why: 'the build publishes it: the feed is older than the sheet? Build it again' });
  }
  const firstError = (file: string, line: number): BuildProblem | undefined =>
    built.problems.find((p) => p.file === file && p.line === line && p.severity === 'error');
  for (const f of built.files) {
    for (const line of f.left) missing.push({ file: f.file, line, why: `the build leaves it out: ${firstError(f.file, line)?.message ?? 'see ess-feed check --config'}` });
    if (f.unreadable) {
      const p = built.problems.find((x) => x.file === f.file && x.fatal);
      missing.push({ file: f.file, line: p?.line ?? 1, why: `the file cannot be read: ${p?.message ?? ''}` });
    }
  }
  missing.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const extra = (report.locations ?? []).map((l) => l.id).filter((id) => !given.has(id) && !given.has(id.slice(id.lastIndexOf(':') + 1)));
  return { report, missing, extra, rows };
}

export function printComparison(io: { out(l: string): void }, c: Comparison, json: boolean): void {
  if (json) {
    io.out(JSON.stringify({ input: { rows: c.rows, missing: c.missing, extra: c.extra } }, null, 2));
    return;
  }
  for (const m of c.missing) io.out(`missing  ${m.file}:${m.line}: ${m.id ? `row "${m.id}"` : 'this row'} is not in the feed (${m.why})`);
  for (const id of c.extra.slice(0, 50)) io.out(`extra    ${c.report.source}: location "${id}" is in the feed but in no row of the input`);
  if (c.extra.length > 50) io.out(`extra    … and ${c.extra.length - 50} more`);
  for (const r of c.rows) {
    const not = r.rows - r.inFeed;
    io.out(`${r.file}: ${r.rows} row(s), ${r.inFeed} in the feed${not ? `, ${not} not` : ''}.`);
  }
  io.out(c.missing.length || c.extra.length
    ? `${c.missing.length} row(s) of the input not in the feed, ${c.extra.length} location(s) of the feed in no row.`
    : 'Every row of the input is in the feed, and every location of the feed comes from a row.');
}
