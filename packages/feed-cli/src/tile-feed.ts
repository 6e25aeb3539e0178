/**
 * `ess-feed tile feed.json`: validates the locations as the widgets will (one
 * batch at a time, read as a stream), writes the tiled set beside the feed, and
 * links it from the feed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FeedShapeError, feedIds, validateCollection, validateFeed } from '@ess-widgets/core/feed/validate';
import type { Problem } from '@ess-widgets/core/data';
import { removeStaleTemps, tempPathFor, writeFilesAtomicallyAsync } from './atomic.js';
import { asPublished, onDisk } from './check.js';
import { featureBatches } from './stream-features.js';
import { compact, FeatureStore, RECORDS_FILE, RecordStore, tileCompacts, type Compact } from './tile.js';

export interface TileReport {
  feed: string;
  written: boolean;
  reason?: string;
  count: number;
  skipped: number;
  files: number;
  /** Bytes of locations.fgb. */
  bytes: number;
  /** Bytes of locations.records. */
  recordBytes: number;
  ms: number;
  problems: string[];
}

export const TILED_LINK = { href: 'locations.fgb', format: 'flatgeobuf', index: 'locations.index/index.json' } as const;
/** Problems printed one by one; past this many, their count. */
const SHOWN = 50;
/**
 * Features validated at a time. Small batches die young: 5,000 parsed features outlived the
 * collector's young generation, and a million of them then filled the old one.
 */
const BATCH = 1000;

export async function tileFeed(feedPath: string): Promise<TileReport> {
  const t0 = Date.now();
  const feed = resolve(feedPath);
  const report: TileReport = { feed, written: false, count: 0, skipped: 0, files: 0, bytes: 0, recordBytes: 0, ms: 0, problems: [] };
  let hidden = 0;
  const note = (file: string, p: Problem) => {
    if (report.problems.length < SHOWN) report.problems.push(`${p.severity === 'error' ? 'error  ' : 'warning'}  ${file} ${p.path}: ${p.message}`);
    else hidden++;
  };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(feed, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ...report, reason: `${feedPath} cannot be read as JSON (${(e as Error).message})` };
  }
  let validated;
  try {
    validated = validateFeed(raw, { baseUrl: asPublished(pathToFileURL(feed).href) });
  } catch (e) {
    if (!(e instanceof FeedShapeError)) throw e;
    return { ...report, reason: `${feedPath} ${e.path}: ${e.message}` };
  }
  validated.problems.filter((p) => p.path.startsWith('$.locations')).forEach((p) => note(feedPath, p));
  const value = validated.value.locations;
  const langs = validated.value.languages ?? [];
  const compacts: Compact[] = [];
  // Each location's FlatGeobuf feature, encoded as it is read: the record itself is not kept.
  // Written to a temporary file beside the feed (removed at the end, whatever happens; one left by
  // a run that was killed is removed by the next).
  // The rest of each record goes to its own temporary file the same way, locations.records' bytes in order.
  const spill = join(dirname(feed), 'locations.features');
  const recordSpill = join(dirname(feed), 'locations.records-spill');
  removeStaleTemps(spill);
  removeStaleTemps(recordSpill);
  const store = new FeatureStore(tempPathFor(spill), undefined, new RecordStore(tempPathFor(recordSpill)));
  try {
    const ids = feedIds(validated.value);
    if (Array.isArray(value)) {
      for (const l of value) compacts.push(compact(l, langs, store));
      report.skipped = validated.problems.filter((p) => p.path.startsWith('$.locations') && p.severity === 'error').length;
    } else {
      if (value.format === 'flatgeobuf') return { ...report, reason: `${feedPath} already links a tiled set; run ess-feed build (or point "locations" at the GeoJSON file) before tiling again` };
      const path = fileURLToPath(onDisk(value.href));
      const file = relative(process.cwd(), path) || path;
      const seen = new Set<string>();
      try {
        for await (const { offset, features } of featureBatches(path, BATCH)) {
          const r = validateCollection('locations', features, { baseUrl: value.href, ids });
          // The validator numbers the batch from 0; the file numbers from the batch's offset.
          for (const p of r.problems) note(file, { ...p, path: p.path.replace(/^\$\[(\d+)\]/, (_, i) => `$.features[${offset + Number(i)}]`) });
          report.skipped += r.skipped;
          for (const l of r.value) {
            if (seen.has(l.id)) {
              report.skipped++;
              note(file, { path: '$.features', code: 'duplicate-id', severity: 'error', message: `id "${l.id}" is used twice; the second was skipped` });
              continue;
            }
            seen.add(l.id);
            compacts.push(compact(l, langs, store));
          }
        }
      } catch (e) {
        return { ...report, reason: `${file} cannot be read as GeoJSON (${(e as Error).message})` };
      }
    }
    if (hidden) report.problems.push(`…and ${hidden} more problem(s); "ess-feed check ${feedPath}" lists them all`);
    if (!compacts.length) return { ...report, reason: 'the feed has no location to tile' };
    if (report.skipped) report.problems.push(`warning  ${report.skipped} record(s) the widgets would skip are left out of the tiled set`);
    const out = tileCompacts(compacts, store);
    compacts.length = 0;
    const dir = dirname(feed);
    raw.locations = { ...TILED_LINK };
    const files: [string, string | Uint8Array | Iterable<Uint8Array>][] = [[join(dir, 'locations.fgb'), out.fgb.pieces()], [join(dir, RECORDS_FILE), store.records.pieces()], ...[...out.files].map(([p, c]): [string, string | Uint8Array] => [join(dir, p), c])];
    // The feed last: its new link is renamed into place only once every file it names is there.
    files.push([feed, `${JSON.stringify(raw, null, 2)}\n`]);
    await writeFilesAtomicallyAsync(files);
    return { ...report, written: true, count: out.index.count, files: files.length, bytes: out.fgb.size, recordBytes: store.records.size, ms: Date.now() - t0 };
  } finally {
    store.clear();
  }
}
