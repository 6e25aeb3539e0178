/**
 * `ess-feed check`: the widgets' own validator over a feed file or URL and the
 * collections it links to, every problem with its file and JSON path.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FeedShapeError, feedIds, summarize, validateCollection, validateFeed } from '@ess-widgets/core/feed/validate';
import { locateJsonError, MAX_DOCUMENT_BYTES, SLICE_ABOVE } from '@ess-widgets/core/data';
import type { Campaign, Feed, Location, Problem, Stat } from '@ess-widgets/core/data';
import { readTiled } from './tiled-read.js';

export interface CheckProblem extends Problem {
  /** The file or URL the path starts in. */
  file: string;
}

export interface CheckReport {
  source: string;
  /** The feed cannot be used at all (unreachable, not JSON, wrong shape). */
  fatal?: string;
  problems: CheckProblem[];
  counts: { locations: number; campaigns: number; stats: number; skipped: number };
  /** Records skipped per collection (the numbers the widgets' notices and console give). */
  skippedBy: { locations: number; campaigns: number; stats: number; other: number };
  feed?: Feed;
  locations?: Location[];
  campaigns?: Campaign[];
  stats?: Stat[];
}

/** The same limit as the widgets' loader. */
const TIMEOUT_MS = 10_000;

/** The widgets stop reading a document larger than MAX_DOCUMENT_BYTES (a browser cannot hold its text): so does check, saying what to do. */
function tooLarge(label: string, bytes?: number): Error {
  return new Error(
    `${label} is ${bytes ? `${(bytes / 1e6).toFixed(0)} MB` : `larger than ${MAX_DOCUMENT_BYTES / 1e6} MB`}: more than a browser can read as one document (the widgets stop at ${MAX_DOCUMENT_BYTES / 1e6} MB and say it is too large). Publish its locations range-readable with "ess-feed tile" (docs/feed-cli.md), which the shop finder reads piece by piece`,
  );
}

/** Reads a file: or http(s): URL as JSON. Over http, a missing CORS header is returned as a warning. */
async function load(url: string, label: string): Promise<{ json: unknown; bytes: number; warning?: Omit<CheckProblem, 'file'> }> {
  let text: string;
  let warning: Omit<CheckProblem, 'file'> | undefined;
  if (url.startsWith('file:')) {
    let size = 0;
    try {
      size = statSync(fileURLToPath(url)).size;
    } catch {
      /* reported by the read below */
    }
    if (size > MAX_DOCUMENT_BYTES) throw tooLarge(label, size);
    try {
      // Sync and whole: fs/promises' readFile hands back a string that V8 copies
      // again when it is first scanned (about +120 MB at 100,000 points).
      text = readFileSync(fileURLToPath(url), 'utf8');
    } catch (e) {
      throw new Error(`${label} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  } else {
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: 'application/json', origin: 'https://ess-feed.invalid' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const why = err.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : err.cause?.code ?? err.cause?.message ?? err.message;
      throw new Error(`${label} cannot be fetched (${why})`);
    }
    if (!res.ok) throw new Error(`${label} answered HTTP ${res.status} ${res.statusText}`.trim());
    if (!res.headers.get('access-control-allow-origin')) {
      warning = {
        path: '$', code: 'no-cors', severity: 'warning',
        message: 'served without an Access-Control-Allow-Origin header: widgets on other sites than this one cannot read it (add "Access-Control-Allow-Origin: *" on the server)',
      };
    }
    const length = Number(res.headers.get('content-length'));
    if (!res.headers.get('content-encoding') && length > MAX_DOCUMENT_BYTES) {
      await res.body?.cancel();
      throw tooLarge(label, length);
    }
    try {
      text = await res.text();
    } catch (e) {
      // Node, like the browsers, cannot hold a text that long.
      if (/longer than|Invalid string length/i.test((e as Error).message)) throw tooLarge(label);
      throw e;
    }
    if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw tooLarge(label, Buffer.byteLength(text));
  }
  try {
    return { json: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), bytes: Buffer.byteLength(text), warning };
  } catch (e) {
    throw new Error(`${label} is not valid JSON: ${whereJsonBreaks(text, e as Error)}`);
  }
}

/** Line, column, what is wrong, and the text around it with a caret under the place. */
export function whereJsonBreaks(text: string, e: Error): string {
  const w = locateJsonError(text);
  if (!w) return e.message;
  return `line ${w.line}, column ${w.column}: ${w.reason}\n    ${w.excerpt}\n    ${' '.repeat(w.caret)}^`;
}

export function toUrl(source: string): string {
  return /^https?:\/\//i.test(source) ? source : pathToFileURL(resolve(source)).href;
}

/** A file as people read it: relative to the current folder when it is inside it. */
function display(url: string): string {
  if (!url.startsWith('file:')) return url;
  const path = fileURLToPath(url);
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * A local file is validated as if it were published on an https site (the
 * same rules as in the widgets: no file: links), and links to its collections
 * are mapped back to the disk.
 */
const LOCAL = 'https://local.invalid';
export const asPublished = (url: string): string => (url.startsWith('file:') ? `${LOCAL}${new URL(url).pathname}` : url);
export const onDisk = (url: string): string => (url.startsWith(`${LOCAL}/`) ? `file://${new URL(url).pathname}` : url);

export async function check(source: string): Promise<CheckReport> {
  const url = toUrl(source);
  const report: CheckReport = { source, problems: [], counts: { locations: 0, campaigns: 0, stats: 0, skipped: 0 }, skippedBy: { locations: 0, campaigns: 0, stats: 0, other: 0 } };
  let raw: unknown;
  let bytes = 0;
  try {
    const r = await load(url, source);
    raw = r.json;
    bytes = r.bytes;
    if (r.warning) report.problems.push({ ...r.warning, file: source });
  } catch (e) {
    report.fatal = (e as Error).message;
    return report;
  }
  let feed;
  try {
    feed = validateFeed(raw, { baseUrl: asPublished(url) });
  } catch (e) {
    if (!(e instanceof FeedShapeError)) throw e;
    report.fatal = `${source} ${e.path}: ${e.message}`;
    return report;
  }
  report.feed = feed.value;
  report.problems.push(...feed.problems.map((p) => ({ ...p, file: source })));
  // As large as the loader reads in slices, and in a worker: a feed that should link its locations.
  const inline = feed.value.locations;
  if (Array.isArray(inline) && bytes >= SLICE_ABOVE) {
    report.problems.push({
      file: source, path: '$.locations', code: 'large-inline-locations', severity: 'warning',
      message: `${inline.length.toLocaleString('en')} locations written inline make the feed ${(bytes / 1e6).toFixed(1)} MB: every element downloads them all, the counter and the banner too, and reads them on the visitor's page; link them as a file instead, "locations": {"href": "locations.geojson"} (ess-feed build writes it so), and the finder reads them in its worker`,
    });
  }
  report.counts.skipped += feed.skipped;
  for (const name of ['locations', 'campaigns', 'stats'] as const) report.skippedBy[name] += summarize(feed.problems, `$.${name}`).skipped;
  report.skippedBy.other = feed.skipped - report.skippedBy.locations - report.skippedBy.campaigns - report.skippedBy.stats;
  const fatal: string[] = [];
  for (const name of ['locations', 'campaigns', 'stats'] as const) {
    const value = feed.value[name];
    let records: unknown[];
    if (Array.isArray(value)) records = value;
    else {
      const href = onDisk(value.href);
      const file = display(href);
      try {
        const col = value.format === 'flatgeobuf' ? await readTiled(href, onDisk(value.index!), file) : await load(href, file);
        if (col.warning) report.problems.push({ ...col.warning, file });
        const options = { baseUrl: value.href };
        const r = name === 'locations'
          ? validateCollection('locations', col.json, { ...options, ids: feedIds(feed.value) })
          : validateCollection(name as 'stats', col.json, options);
        records = r.value;
        report.counts.skipped += r.skipped;
        report.skippedBy[name] += summarize(r.problems).skipped;
        report.problems.push(...r.problems.map((p) => ({ ...p, file })));
      } catch (e) {
        // The other collections are still checked: one broken file is not the whole story.
        fatal.push(e instanceof FeedShapeError ? `${file} ${e.path}: ${e.message}` : (e as Error).message);
        continue;
      }
    }
    report.counts[name] = records.length;
    if (name === 'locations') report.locations = records as Location[];
    else if (name === 'campaigns') report.campaigns = records as Campaign[];
    else report.stats = records as Stat[];
  }
  if (fatal.length) report.fatal = fatal.join('; ');
  return report;
}
