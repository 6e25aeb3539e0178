/**
 * `ess-feed check`: the widgets' own validator over a feed file or URL and the
 * collections it links to, every problem with its JSON path.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FeedShapeError, feedIds, isRef, validateCollection, validateFeed, type Feed, type Problem } from '@ess-widgets/core/data';

export interface CheckReport {
  source: string;
  /** The document itself could not be used (not JSON, wrong shape, unreachable). */
  fatal?: string;
  problems: (Problem & { file: string })[];
  counts: { locations: number; campaigns: number; stats: number; skipped: number };
  feed?: Feed;
  locations?: import('@ess-widgets/core/data').Location[];
}

async function load(url: string): Promise<unknown> {
  let text: string;
  if (url.startsWith('file:')) text = await readFile(fileURLToPath(url), 'utf8');
  else {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    text = await res.text();
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${url} is not valid JSON: ${(e as Error).message}`);
  }
}

export function toUrl(source: string): string {
  return /^https?:\/\//.test(source) ? source : pathToFileURL(resolve(source)).href;
}

export async function check(source: string): Promise<CheckReport> {
  const url = toUrl(source);
  const report: CheckReport = { source, problems: [], counts: { locations: 0, campaigns: 0, stats: 0, skipped: 0 } };
  let raw: unknown;
  try {
    raw = await load(url);
  } catch (e) {
    report.fatal = (e as Error).message;
    return report;
  }
  let feed;
  try {
    feed = validateFeed(raw, { baseUrl: url, allowFileUrls: true });
  } catch (e) {
    if (e instanceof FeedShapeError) {
      report.fatal = `${e.message} (at ${e.path})`;
      return report;
    }
    throw e;
  }
  report.feed = feed.value;
  report.problems.push(...feed.problems.map((p) => ({ ...p, file: source })));
  report.counts.skipped += feed.skipped;
  for (const name of ['locations', 'campaigns', 'stats'] as const) {
    const value = feed.value[name];
    if (!isRef(value)) {
      report.counts[name] = value.length;
      if (name === 'locations') report.locations = value as import('@ess-widgets/core/data').Location[];
      continue;
    }
    try {
      const col = await load(value.href);
      const r = name === 'locations'
        ? validateCollection('locations', col, { baseUrl: value.href, allowFileUrls: true, ids: feedIds(feed.value) })
        : validateCollection(name as 'stats', col, { baseUrl: value.href, allowFileUrls: true });
      report.counts[name] = r.value.length;
      report.counts.skipped += r.skipped;
      if (name === 'locations') report.locations = r.value as import('@ess-widgets/core/data').Location[];
      const file = value.href.startsWith('file:') ? fileURLToPath(value.href) : value.href;
      report.problems.push(...r.problems.map((p) => ({ ...p, file })));
    } catch (e) {
      report.fatal = e instanceof FeedShapeError ? `${value.href}: ${e.message} (at ${e.path})` : (e as Error).message;
      return report;
    }
  }
  return report;
}
