/**
 * `ess-feed build`: spreadsheet exports (CSV) and a small JSON config → feed.json
 * and locations.geojson, validated by the widgets' own validator, every problem
 * tied to its CSV line and column. Output is stable (sorted, fixed key order)
 * and written atomically: a failed build leaves the previous feed as it was.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FeedShapeError, feedIds, validateCollection, validateFeed } from '@ess-widgets/core/feed/validate';
import type { Problem } from '@ess-widgets/core/data';
import { writeFilesAtomically, type WriteHooks } from './atomic.js';
import { CsvError, readCsv, type Row } from './csv.js';
import { asPublished } from './check.js';
import { readConfig, type BuildConfig, type ColumnKey, type TextColumn } from './config.js';

export type { BuildConfig } from './config.js';

export interface BuildProblem {
  severity: 'error' | 'warning';
  /** Stable machine-readable code: the validator's (`unknown-id`, `duplicate-id`…) or the build's (`bad-coordinates`, `wrong-cell-count`…). */
  code: string;
  message: string;
  /** Where, for people: "data.csv:12 (column nom)", or "config $.categories[2].color". */
  where: string;
  file?: string;
  line?: number;
  column?: string;
  /** Nothing is written when a problem is fatal (an unreadable file, a missing column, a bad config). */
  fatal?: boolean;
}

export interface BuildResult {
  feed: Record<string, unknown>;
  locations: { type: 'FeatureCollection'; features: Feature[] };
  problems: BuildProblem[];
  /** Data rows read (header and empty lines not counted). */
  rows: number;
  /** Locations written. */
  kept: number;
  /** Rows placed at their postcode's point from the gazetteer. */
  byPostcode: number;
  /** A fatal problem was found: nothing should be written. */
  fatal: boolean;
}

type Feature = { type: 'Feature'; id: string | undefined; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, unknown> };

/** "50,4669" (a decimal comma) and "50.4669" both read as 50.4669; anything else is NaN. */
export function parseCoordinate(v: string): number {
  const s = v.trim().replace(/\s/g, '');
  if (!/^[-+]?\d+([.,]\d+)?$/.test(s)) return NaN;
  return Number(s.replace(',', '.'));
}

/** A column of the header by name: exact, else ignoring case and surrounding spaces. */
function columnIndex(header: string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const lower = name.trim().toLowerCase();
  return header.findIndex((h) => h.toLowerCase() === lower);
}

interface Gazetteer {
  file: string;
  /** postcode → places with that postcode. */
  places: Map<string, { lat: number; lon: number; locality: string }[]>;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function readGazetteer(path: string, problems: BuildProblem[]): Gazetteer | undefined {
  let table;
  try {
    table = readCsv(readFileSync(path), path);
  } catch (e) {
    const line = e instanceof CsvError ? e.line : undefined;
    problems.push({ severity: 'error', fatal: true, code: 'bad-gazetteer', file: path, line, where: line ? `${path}:${line}` : path, message: `the gazetteer cannot be read: ${(e as Error).message}` });
    return undefined;
  }
  // Named columns when the header has them, else postcode, latitude, longitude, locality in that order.
  const find = (names: string[], fallback: number) => {
    const i = table.header.findIndex((h) => names.includes(fold(h)));
    return i >= 0 ? i : fallback;
  };
  const pc = find(['postcode', 'postal code', 'code postal', 'cp', 'zip', 'postcode', 'postleitzahl', 'plz'], 0);
  const la = find(['latitude', 'lat'], 1);
  const lo = find(['longitude', 'lon', 'lng'], 2);
  const lc = find(['locality', 'commune', 'city', 'town', 'gemeente', 'localite'], 3);
  const places = new Map<string, { lat: number; lon: number; locality: string }[]>();
  for (const r of table.rows) {
    const lat = parseCoordinate(r.values[la] ?? '');
    const lon = parseCoordinate(r.values[lo] ?? '');
    const code = (r.values[pc] ?? '').trim();
    if (!code || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      problems.push({ severity: 'warning', code: 'bad-gazetteer-row', file: path, line: r.line, where: `${path}:${r.line}`, message: 'this gazetteer row has no postcode or no valid coordinates; it was ignored' });
      continue;
    }
    const list = places.get(code) ?? [];
    list.push({ lat, lon, locality: r.values[lc] ?? '' });
    places.set(code, list);
  }
  return { file: path, places };
}

/** Wheelchair access as people write it in fr, nl, de, en → OpenStreetMap's yes / limited / no. */
const WHEELCHAIR: Record<string, string> = {
  yes: 'yes', oui: 'yes', ja: 'yes', no: 'no', non: 'no', nee: 'no', nein: 'no',
  limited: 'limited', partial: 'limited', limite: 'limited', partiel: 'limited', partielle: 'limited', beperkt: 'limited', eingeschrankt: 'limited',
};

/** A web address as people type it in a spreadsheet ("www.example.org") gets its https://. */
function webAddress(v: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(v)) return v;
  if (/^(\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(v)) return `https://${v.replace(/^\/\//, '')}`;
  return v;
}
/** A report cell may hold an e-mail address: it becomes a mailto: link. */
function reportAddress(v: string): string {
  return /^[^\s@:/]+@[^\s@/]+\.[a-z]{2,}$/i.test(v) ? `mailto:${v}` : webAddress(v);
}
const hasScheme = (v: string) => /^[a-z][a-z0-9+.-]*:/i.test(v);

interface FileColumns {
  single: Partial<Record<ColumnKey, number>>;
  name: [lang: string | undefined, index: number][];
  description: [lang: string | undefined, index: number][];
}

/** Finds the config's columns in a file's header; reports the missing ones (fatal when required). */
function mapColumns(config: BuildConfig, header: string[], file: string, problems: BuildProblem[]): FileColumns | undefined {
  const cols = config.columns;
  const out: FileColumns = { single: {}, name: [], description: [] };
  const missing: string[] = [];
  const warnings: BuildProblem[] = [];
  const absent = (key: string, column: string) =>
    warnings.push({ severity: 'warning', code: 'missing-column', file, line: 1, column, where: `${file}:1`, message: `there is no column "${column}" (${key}); this file's rows have no ${key}` });
  for (const [key, column] of Object.entries(cols) as [ColumnKey, TextColumn][]) {
    if (key === 'name' || key === 'description') {
      const pairs: [string | undefined, string][] = typeof column === 'string' ? [[undefined, column]] : Object.entries(column);
      for (const [lang, c] of pairs) {
        const i = columnIndex(header, c);
        if (i >= 0) out[key].push([lang, i]);
        else if (key === 'name' && pairs.length === 1) missing.push(c);
        else absent(lang ? `${key} in ${lang}` : key, c);
      }
      if (key === 'name' && pairs.length > 1 && !out.name.length) missing.push(...pairs.map(([, c]) => c));
      continue;
    }
    const i = columnIndex(header, column as string);
    if (i >= 0) out.single[key] = i;
    else if (key === 'id' || (key === 'categories' && !config.defaults?.categories)) missing.push(column as string);
    else if (!(key in (config.defaults ?? {}))) absent(key, column as string);
  }
  if (missing.length) {
    problems.push({
      severity: 'error', fatal: true, code: 'missing-column', file, line: 1, where: `${file}:1`,
      message: header.length
        ? `no column ${missing.map((m) => `"${m}"`).join(', ')} (the columns are: ${header.join(', ')}); correct "columns" in the config or the header of the file`
        : 'the file is empty: the first line must name the columns',
    });
    return undefined;
  }
  // Only when the file can be used: next to a missing required column, they would be noise.
  problems.push(...warnings);
  return out;
}

/** Byte order of ids (not the locale's): the same order, and the same bytes, on every machine. */
export const byId = (a: { id?: unknown }, b: { id?: unknown }): number => {
  const x = String(a.id);
  const y = String(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
};

export interface BuildInput {
  file: string;
  /** The file's bytes; read from `file` when absent. */
  bytes?: Uint8Array;
}

export function build(config: BuildConfig, inputs: (string | BuildInput)[], options: { configDir?: string; baseUrl?: string } = {}): BuildResult {
  const problems: BuildProblem[] = [];
  const sep = config.listSeparator ?? /[;|]/;
  const list = (v: string | undefined) => [...new Set((v ?? '').split(sep).map((s) => s.trim()).filter(Boolean))];
  const gazetteer = config.gazetteer ? readGazetteer(resolve(options.configDir ?? '.', config.gazetteer), problems) : undefined;

  const features: Feature[] = [];
  /** Where each feature came from, by its index in `features`. */
  const origin: { file: string; line: number; cols: FileColumns }[] = [];
  let rowCount = 0;
  let byPostcode = 0;

  for (const input of inputs) {
    const { file, bytes } = typeof input === 'string' ? { file: input, bytes: undefined } : input;
    let table;
    try {
      table = readCsv(bytes ?? readFileSync(file), file, { encoding: config.encoding, delimiter: config.delimiter });
    } catch (e) {
      const line = e instanceof CsvError ? e.line : undefined;
      const code = e instanceof CsvError ? e.code : 'unreadable';
      const message = e instanceof CsvError ? e.message : `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      problems.push({ severity: 'error', fatal: true, code, file, line, where: line ? `${file}:${line}` : file, message });
      continue;
    }
    const cols = mapColumns(config, table.header, file, problems);
    if (!cols) continue;
    const width = table.header.length;
    for (const row of table.rows) {
      rowCount++;
      const f = rowToFeature(row, cols);
      if (f) {
        features.push(f);
        origin.push({ file, line: row.line, cols });
      }
    }
    table.rows.length = 0;

    function rowToFeature(row: Row, c: FileColumns): Feature | undefined {
      const v = row.values;
      const columnOf = (k: ColumnKey) => config.columns[k as Exclude<ColumnKey, 'name' | 'description'>] as string | undefined;
      const report = (severity: 'error' | 'warning', code: string, column: string | undefined, message: string) =>
        problems.push({ severity, code, file, line: row.line, column, where: `${file}:${row.line}${column ? ` (column ${column})` : ''}`, message });
      if (v.length !== width) {
        report('error', 'wrong-cell-count', undefined,
          `this row has ${v.length} cells where the header has ${width}: a separator ("${table!.delimiter === '\t' ? '\\t' : table!.delimiter}") is ${v.length > width ? 'extra (a cell containing one must be quoted)' : 'missing'}; the row was skipped`);
        return undefined;
      }
      const cell = (k: ColumnKey): string | undefined => {
        const i = c.single[k];
        return (i !== undefined ? v[i] : undefined) || config.defaults?.[k as keyof NonNullable<BuildConfig['defaults']>] || undefined;
      };
      const id = cell('id');
      if (!id) {
        report('error', 'no-id', columnOf('id'), 'this row has no id; the row was skipped (each location needs a stable id)');
        return undefined;
      }
      const latText = cell('lat');
      const lonText = cell('lon');
      let lat: number;
      let lon: number;
      if (latText !== undefined || lonText !== undefined) {
        for (const [k, text] of [['lat', latText], ['lon', lonText]] as const) {
          if (text === undefined) {
            report('error', 'bad-coordinates', columnOf(k), `location "${id}" has a ${k === 'lat' ? 'longitude' : 'latitude'} but no ${k === 'lat' ? 'latitude' : 'longitude'}; the row was skipped`);
            return undefined;
          }
          if (Number.isNaN(parseCoordinate(text))) {
            report('error', 'bad-coordinates', columnOf(k), `location "${id}": "${text}" is not a ${k === 'lat' ? 'latitude' : 'longitude'} (a number such as ${k === 'lat' ? '50.4669 or 50,4669' : '4.8675 or 4,8675'}); the row was skipped`);
            return undefined;
          }
        }
        lat = parseCoordinate(latText!);
        lon = parseCoordinate(lonText!);
        if (lat === 0 && lon === 0) {
          report('error', 'bad-coordinates', columnOf('lat'), `location "${id}" is at 0, 0 (empty cells exported as zeros?); the row was skipped`);
          return undefined;
        }
      } else {
        const pc = cell('postcode');
        const places = pc ? gazetteer?.places.get(pc) : undefined;
        let place = places?.length === 1 ? places[0] : undefined;
        if (places && places.length > 1) {
          const locality = fold(cell('locality') ?? '');
          const same = places.filter((p) => fold(p.locality) === locality);
          place = same.length === 1 ? same[0] : undefined;
          if (!place) {
            report('error', 'no-coordinates', columnOf('postcode'),
              `location "${id}" has no coordinates, and postcode ${pc} has ${places.length} places in the gazetteer (${places.map((p) => p.locality || '?').join(', ')})${locality ? ' none of them' : ''}${locality ? ` "${cell('locality')}"` : ''}; add latitude and longitude, or a locality the gazetteer knows; the row was skipped`);
            return undefined;
          }
        }
        if (!place) {
          const why = !pc ? 'and no postcode' : gazetteer ? `and postcode ${pc} is not in the gazetteer` : 'and there is no gazetteer to look its postcode up';
          report('error', 'no-coordinates', columnOf('lat') ?? columnOf('postcode'), `location "${id}" has no coordinates ${why}; add latitude and longitude (no address is guessed); the row was skipped`);
          return undefined;
        }
        ({ lat, lon } = place);
        byPostcode++;
      }
      const text = (pairs: [string | undefined, number][]) => {
        const present = pairs.filter(([, i]) => v[i]);
        if (!present.length) return undefined;
        if (present.length === 1 && present[0][0] === undefined) return v[present[0][1]];
        return Object.fromEntries(present.map(([lang, i]) => [lang ?? config.languages?.[0] ?? 'und', v[i]]));
      };
      const link = (k: 'website' | 'report' | 'email') => {
        const raw = cell(k);
        if (!raw) return undefined;
        const value = k === 'website' ? webAddress(raw) : k === 'report' ? reportAddress(raw) : raw.replace(/^mailto:/i, '');
        if (k !== 'email' && !hasScheme(value)) {
          report('warning', 'unsafe-url', columnOf(k), `${k} "${raw}" is not a web address (such as https://example.org/ or example.org); the field was left out`);
          return undefined;
        }
        return value;
      };
      const wheelchair = cell('wheelchair');
      const props: Record<string, unknown> = {
        name: text(c.name),
        organization: cell('organization'),
        categories: list(cell('categories')),
        materials: list(cell('materials')),
        labels: list(cell('labels')),
        services: list(cell('services')),
        address: compact({ street: cell('street'), postcode: cell('postcode'), locality: cell('locality'), region: cell('region'), country: cell('country') }),
        openingHours: cell('openingHours'),
        phone: cell('phone'),
        email: link('email'),
        website: link('website'),
        report: link('report'),
        accessibility: wheelchair ? { wheelchair: WHEELCHAIR[fold(wheelchair)] ?? wheelchair } : undefined,
        description: text(c.description),
      };
      return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [round(lon), round(lat)] }, properties: compact(props) ?? {} };
    }
  }

  const feedBase = options.baseUrl ?? pathToFileURL(resolve('feed.json')).href;
  const feedDoc: Record<string, unknown> = {
    version: 1,
    publisher: config.publisher,
    ...(config.updated ? { updated: config.updated } : {}),
    languages: config.languages ?? [],
    categories: config.categories,
    materials: config.materials ?? [],
    labels: config.labels ?? [],
    organizations: config.organizations ?? [],
    locations: { href: 'locations.geojson' },
    campaigns: config.campaigns ?? [],
    stats: config.stats ?? [],
  };
  let feed;
  try {
    feed = validateFeed(feedDoc, { baseUrl: asPublished(feedBase) });
  } catch (e) {
    if (!(e instanceof FeedShapeError)) throw e;
    problems.push({ severity: 'error', fatal: true, code: 'bad-config', where: `config ${e.path}`, message: e.message });
    return { feed: feedDoc, locations: { type: 'FeatureCollection', features: [] }, problems, rows: rowCount, kept: 0, byPostcode, fatal: true };
  }
  for (const p of feed.problems) {
    problems.push({ ...fromJson(p, 'config'), ...(p.severity === 'error' ? { fatal: true } : {}) });
  }

  // Locations are checked as the widgets will check them (an https page: no file: links);
  // each problem goes back to its row, and what the widgets would drop is left out.
  const skip = new Set<number>();
  const drops: [feature: number, path: string[]][] = [];
  const checked = validateCollection('locations', { type: 'FeatureCollection', features }, { baseUrl: 'https://feed.invalid/feed.json', ids: feedIds(feed.value) });
  for (const p of checked.problems) {
    const m = /^\$\.features\[(\d+)\](.*)$/.exec(p.path);
    const at = m ? origin[Number(m[1])] : undefined;
    if (!m || !at) {
      problems.push(fromJson(p, 'locations'));
      continue;
    }
    const rest = m[2].split('.').filter(Boolean);
    const column = columnFor(config, rest);
    if (p.severity === 'error') skip.add(Number(m[1]));
    else if (rest[0] === 'properties') drops.push([Number(m[1]), rest.slice(1)]);
    // The validator names the first use of a duplicate id by its JSON path; a spreadsheet user needs its line.
    let message = p.message.replace(/\$\.features\[(\d+)\]/g, (path, i: string) => {
      const o = origin[Number(i)];
      return o ? (o.file === at.file ? `line ${o.line}` : `${o.file}:${o.line}`) : path;
    }).replace('this entry was skipped', 'the row was skipped');
    if (p.severity === 'error' && !/skipped/.test(message)) message += '; the row was skipped';
    problems.push({ severity: p.severity, code: p.code, file: at.file, line: at.line, column, where: `${at.file}:${at.line}${column ? ` (column ${column})` : ''}`, message });
  }
  // Later list items first, so removing one does not shift the next.
  const itemIndex = (path: string[]) => Number(/\[(\d+)\]$/.exec(path.at(-1) ?? '')?.[1] ?? -1);
  drops.sort((a, b) => a[0] - b[0] || itemIndex(b[1]) - itemIndex(a[1]));
  for (const [i, path] of drops) drop(features[i].properties, path);

  const kept = features.filter((_, i) => !skip.has(i)).sort(byId);
  // Config problems first, then file by file in line order (the sort is stable).
  const files = inputs.map((i) => (typeof i === 'string' ? i : i.file));
  const rank = (p: BuildProblem) => (p.file === undefined ? -1 : files.indexOf(p.file));
  problems.sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || Number(!a.fatal) - Number(!b.fatal));
  return {
    feed: feedDoc, locations: { type: 'FeatureCollection', features: kept }, problems, rows: rowCount, kept: kept.length, byPostcode,
    fatal: problems.some((p) => p.fatal),
  };
}

/** The spreadsheet column a validator path inside a feature points at. */
function columnFor(config: BuildConfig, path: string[]): string | undefined {
  const cfg = config.columns as Record<string, TextColumn | undefined>;
  if (path[0] === 'id') return cfg.id as string;
  if (path[0] === 'geometry') return cfg.lat && cfg.lon ? `${cfg.lat}/${cfg.lon}` : undefined;
  if (path[0] !== 'properties' || !path[1]) return undefined;
  const key = path[1].replace(/\[\d+\]$/, '');
  if (key === 'name' || key === 'description') {
    const spec = cfg[key];
    if (typeof spec === 'string' || !spec) return spec;
    const lang = path[2];
    return (lang && spec[lang]) || Object.values(spec).join('/');
  }
  if (key === 'address' && path[2]) return cfg[path[2]] as string | undefined ?? `address.${path[2]}`;
  if (key === 'accessibility') return (cfg.wheelchair as string | undefined) ?? 'accessibility';
  return (cfg[key] as string | undefined) ?? key;
}

/** Removes what a warning points at: a field ("website"), a nested field ("address.region") or a list item ("categories[1]"). */
function drop(props: Record<string, unknown>, path: string[]): void {
  let target: Record<string, unknown> = props;
  for (let i = 0; i < path.length; i++) {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(path[i]);
    if (!m) return;
    const [, key, index] = m;
    const last = i === path.length - 1;
    if (index !== undefined && last && Array.isArray(target[key])) {
      (target[key] as unknown[]).splice(Number(index), 1);
      if (!(target[key] as unknown[]).length) delete target[key];
      return;
    }
    if (last) {
      delete target[key];
      return;
    }
    const next = target[key];
    if (typeof next !== 'object' || next === null) return;
    target = next as Record<string, unknown>;
  }
}

function fromJson(p: Problem, file: string): BuildProblem {
  return { severity: p.severity, code: p.code, where: `${file} ${p.path}`, message: p.message };
}

function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length))) as T;
  return Object.keys(out).length ? out : undefined;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Stable text: the feed with two-space indent, the locations one feature a line; both end with a newline. */
export function serialise(result: Pick<BuildResult, 'feed' | 'locations'>): { feed: string; locations: Iterable<string> } {
  return { feed: `${JSON.stringify(result.feed, null, 2)}\n`, locations: featureLines(result.locations.features) };
}

/** A FeatureCollection a feature a line, yielded piece by piece: a 100,000-point file never exists whole as one string. */
export function* featureLines(features: readonly unknown[]): Generator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  for (let i = 0; i < features.length; i++) yield `${JSON.stringify(features[i])}${i < features.length - 1 ? ',' : ''}\n`;
  yield ']}\n';
}

export interface BuildToDirResult extends BuildResult {
  /** The files were written (false: the previous feed, if any, is untouched). */
  written: boolean;
  /** Why nothing was written. */
  notWritten?: string;
}

/**
 * Builds and writes feed.json and locations.geojson into `outDir`, atomically.
 * Nothing is written on a fatal problem, when no row could be used, or with
 * `strict` when there is any problem.
 */
export function buildToDir(configPath: string, csvFiles: string[], outDir: string, options: { strict?: boolean; hooks?: WriteHooks } = {}): BuildToDirResult {
  const config = readConfig(configPath);
  const result = build(config, csvFiles, { configDir: dirname(configPath), baseUrl: pathToFileURL(resolve(outDir, 'feed.json')).href });
  const notWritten = result.fatal
    ? 'a problem above stops the build'
    : result.kept === 0
      ? 'no row could be used'
      : options.strict && result.problems.length
        ? '--strict and there are problems'
        : undefined;
  if (notWritten) return { ...result, written: false, notWritten };
  const text = serialise(result);
  // The locations first, the feed that points at them last.
  writeFilesAtomically([[resolve(outDir, 'locations.geojson'), text.locations], [resolve(outDir, 'feed.json'), text.feed]], options.hooks);
  return { ...result, written: true };
}
