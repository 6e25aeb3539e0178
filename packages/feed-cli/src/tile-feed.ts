/** `ess-feed tile feed.json`: validates, tiles, and links the tiled set from the feed. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFilesAtomically } from './atomic.js';
import { check } from './check.js';
import { tile } from './tile.js';

export interface TileReport {
  feed: string;
  written: boolean;
  reason?: string;
  count: number;
  files: number;
  bytes: number;
  ms: number;
  problems: string[];
}

export const TILED_LINK = { href: 'locations.fgb', format: 'flatgeobuf', index: 'locations.index/index.json' } as const;

export async function tileFeed(feedPath: string): Promise<TileReport> {
  const t0 = Date.now();
  const feed = resolve(feedPath);
  const report: TileReport = { feed, written: false, count: 0, files: 0, bytes: 0, ms: 0, problems: [] };
  const r = await check(feed);
  for (const p of r.problems) report.problems.push(`${p.severity === 'error' ? 'error  ' : 'warning'}  ${p.file} ${p.path}: ${p.message}`);
  if (r.fatal || !r.feed) return { ...report, reason: r.fatal ?? 'the feed cannot be read' };
  if (!r.locations?.length) return { ...report, reason: 'the feed has no location to tile' };
  if (r.counts.skipped) report.problems.push(`warning  ${r.counts.skipped} record(s) the widgets skip are left out of the tiled set (the errors above say which)`);
  const out = tile(r.feed, r.locations);
  const dir = dirname(feed);
  const raw = JSON.parse(readFileSync(feed, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  raw.locations = { ...TILED_LINK };
  const files: [string, string | Uint8Array][] = [...out.files].map(([p, c]) => [join(dir, p), c]);
  // The feed last: its new link is renamed into place only once every file it names is there.
  files.push([feed, `${JSON.stringify(raw, null, 2)}\n`]);
  writeFilesAtomically(files);
  const fgb = out.files.get('locations.fgb') as Uint8Array;
  return { ...report, written: true, count: out.index.count, files: files.length, bytes: fgb.length, ms: Date.now() - t0 };
}
