/**
 * `ess-feed build`: spreadsheet exports (CSV) and a small JSON config → feed.json
 * and locations.geojson, validated by the widgets' own validator, every problem
 * tied to its CSV line and column. Output is stable (sorted, fixed key order)
 * and written atomically: a failed build leaves the previous feed as it was.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { feedIds, validateCollection, validateFeed, type Problem } from '@ess-widgets/core/data';
import { writeFilesAtomically, type WriteHooks } from './atomic.js';

export interface BuildConfig {
  publisher: { name: string; url?: string; logo?: string };
  languages?: string[];
  categories: unknown[];
  materials?: unknown[];
  labels?: unknown[];
  organizations?: unknown[];
  campaigns?: unknown[];
  stats?: unknown[];
  /** Feed property → CSV column; `name` (and `description`) may map languages to columns. */
  columns: Partial<Record<ColumnKey, string>> & { name: string | Record<string, string>; description?: string | Record<string, string> };
  /** Values used when a column is absent or a cell empty, e.g. {"country": "BE"}. */
  defaults?: Partial<Record<ColumnKey, string>>;
  /** Separator of lists inside a cell (categories, materials…): default ";" or "|". */
  listSeparator?: string;
  /** A CSV of postcode,latitude,longitude[,locality] used when a row has no coordinates. */
  gazetteer?: string;
}

type ColumnKey =
  | 'id' | 'lat' | 'lon' | 'categories' | 'materials' | 'labels' | 'services' | 'organization' | 'street' | 'postcode'
  | 'locality' | 'region' | 'country' | 'openingHours' | 'phone' | 'email' | 'website' | 'report' | 'wheelchair';

export interface BuildProblem {
  severity: 'error' | 'warning';
  message: string;
  /** Where: "data.csv:12 (column nom)" or a JSON path. */
  where: string;
  line?: number;
  column?: string;
  code: string;
}

export interface BuildResult {
  feed: Record<string, unknown>;
  locations: { type: 'FeatureCollection'; features: Record<string, unknown>[] };
  problems: BuildProblem[];
  rows: number;
  kept: number;
}

interface Row {
  file: string;
  line: number;
  /** Cell values in header order (arrays, not objects: a 100,000-row export must stay small in memory). */
  values: string[];
  index: ReadonlyMap<string, number>;
}

/** The cells of a row by column name. */
export function cellsOf(row: Row): Record<string, string> {
  return Object.fromEntries([...row.index].map(([h, i]) => [h, row.values[i] ?? '']));
}

/** Reads a CSV export: comma or semicolon (detected), UTF-8 with or without BOM, quoted cells with line breaks. */
export function readCsv(text: string, file: string): { header: string[]; rows: Row[] } {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.slice(0, clean.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = count(';') > count(',') ? ';' : count('\t') > count(',') ? '\t' : ',';
  // Each record comes back as [line where it ends, ...cells].
  const records = parse(clean, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    on_record: (record: string[], ctx: { lines: number }) => [String(ctx.lines), ...record],
  }) as string[][];
  if (!records.length) return { header: [], rows: [] };
  const header = records[0].slice(1).map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  const rows: Row[] = [];
  let prevEnd = Number(records[0][0]);
  for (let r = 1; r < records.length; r++) {
    const values = records[r];
    const start = prevEnd + 1;
    prevEnd = Number(values.shift());
    if (values.every((c) => !c)) continue;
    rows.push({ file, line: start, values, index });
  }
  return { header, rows };
}

/** "50,4669" (a decimal comma) and "50.4669" both read as 50.4669; anything else is NaN. */
export function parseCoordinate(v: string): number {
  const s = v.trim().replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return NaN;
  return Number(s.replace(',', '.'));
}

function readGazetteer(path: string): Map<string, { lat: number; lon: number }> {
  const { rows } = readCsv(readFileSync(path, 'utf8'), path);
  const out = new Map<string, { lat: number; lon: number }>();
  for (const r of rows) {
    const v = r.values;
    const lat = parseCoordinate(v[1] ?? '');
    const lon = parseCoordinate(v[2] ?? '');
    if (v[0] && Number.isFinite(lat) && Number.isFinite(lon)) out.set(v[0].trim(), { lat, lon });
  }
  return out;
}

export function build(config: BuildConfig, csvFiles: string[], options: { configDir?: string; baseUrl?: string } = {}): BuildResult {
  const problems: BuildProblem[] = [];
  const cols = config.columns;
  const sep = config.listSeparator ?? /[;|]/;
  const list = (v: string | undefined) => (v ?? '').split(sep).map((s) => s.trim()).filter(Boolean);
  const gazetteer = config.gazetteer ? readGazetteer(resolve(options.configDir ?? '.', config.gazetteer)) : undefined;
  const rows: Row[] = [];
  for (const file of csvFiles) {
    const { header, rows: r } = readCsv(readFileSync(file, 'utf8'), file);
    const needed = [cols.id, ...(typeof cols.name === 'string' ? [cols.name] : Object.values(cols.name)), cols.categories].filter((c): c is string => !!c);
    const missing = needed.filter((c) => !header.includes(c));
    if (missing.length) {
      problems.push({ severity: 'error', code: 'missing-column', where: file, message: `${file} has no column ${missing.map((m) => `"${m}"`).join(', ')} (its columns: ${header.join(', ')}); check "columns" in the config.` });
      continue;
    }
    rows.push(...r);
  }

  const features: Record<string, unknown>[] = [];
  const origin: { file: string; line: number }[] = [];
  for (const row of rows) {
    const get = (column: string) => row.values[row.index.get(column) ?? -1];
    const cell = (k: ColumnKey) => (cols[k] ? get(cols[k]!) : undefined) || config.defaults?.[k] || undefined;
    const at = (k: string) => `${row.file}:${row.line} (column ${k})`;
    const id = cell('id');
    let lat = cell('lat') !== undefined ? parseCoordinate(cell('lat')!) : undefined;
    let lon = cell('lon') !== undefined ? parseCoordinate(cell('lon')!) : undefined;
    if ((lat !== undefined && Number.isNaN(lat)) || (lon !== undefined && Number.isNaN(lon))) {
      const bad = lat !== undefined && Number.isNaN(lat) ? 'lat' : 'lon';
      problems.push({ severity: 'error', code: 'bad-coordinates', line: row.line, column: cols[bad], where: at(cols[bad]!), message: `"${cell(bad)}" is not a coordinate (a number such as 50.4669 or 50,4669); the row was skipped.` });
      continue;
    }
    if (lat === undefined || lon === undefined) {
      const pc = cell('postcode');
      const hit = pc ? gazetteer?.get(pc) : undefined;
      if (!hit) {
        problems.push({ severity: 'error', code: 'no-coordinates', line: row.line, column: cols.lat, where: `${row.file}:${row.line}`, message: `row "${id ?? '?'}" has no coordinates${pc ? ` and postcode ${pc} is not in the gazetteer` : ''}; add latitude and longitude (no address is guessed).` });
        continue;
      }
      ({ lat, lon } = hit);
    }
    const text = (spec: string | Record<string, string> | undefined) => {
      if (!spec) return undefined;
      if (typeof spec === 'string') return get(spec) || undefined;
      const m = Object.fromEntries(Object.entries(spec).map(([lang, c]) => [lang, get(c)]).filter(([, v]) => v));
      return Object.keys(m).length ? m : undefined;
    };
    const props: Record<string, unknown> = {
      name: text(cols.name),
      organization: cell('organization'),
      categories: list(cell('categories')),
      materials: list(cell('materials')),
      labels: list(cell('labels')),
      services: list(cell('services')),
      address: compact({ street: cell('street'), postcode: cell('postcode'), locality: cell('locality'), region: cell('region'), country: cell('country') }),
      openingHours: cell('openingHours'),
      phone: cell('phone'),
      email: cell('email'),
      website: cell('website'),
      report: cell('report'),
      accessibility: cell('wheelchair') ? { wheelchair: cell('wheelchair') } : undefined,
      description: text(cols.description),
    };
    features.push({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [round(lon), round(lat)] }, properties: compact(props) });
    origin.push({ file: row.file, line: row.line });
  }
  const rowCount = rows.length;
  rows.length = 0; // the cells are in the features now

  const feedBase = options.baseUrl ?? pathToFileURL(resolve('feed.json')).href;
  const feedDoc: Record<string, unknown> = {
    version: 1,
    publisher: config.publisher,
    updated: undefined,
    languages: config.languages ?? [],
    categories: config.categories,
    materials: config.materials ?? [],
    labels: config.labels ?? [],
    organizations: config.organizations ?? [],
    locations: { href: 'locations.geojson' },
    campaigns: config.campaigns ?? [],
    stats: config.stats ?? [],
  };
  delete feedDoc.updated;
  const feed = validateFeed(feedDoc, { baseUrl: feedBase, allowFileUrls: true });
  for (const p of feed.problems) problems.push(fromJson(p, 'config'));
  const skip = new Set<number>();
  for (const p of validateCollection('locations', { type: 'FeatureCollection', features }, { baseUrl: feedBase, allowFileUrls: true, ids: feedIds(feed.value) }).problems) {
    const m = /^\$\.features\[(\d+)\](?:\.properties\.(\w+)|\.(id|geometry))?/.exec(p.path);
    const row = m ? origin[Number(m[1])] : undefined;
    if (!row) {
      problems.push(fromJson(p, 'locations'));
      continue;
    }
    const key = (m![2] ?? m![3]) as ColumnKey | 'name' | 'geometry' | undefined;
    const column = key === 'geometry' ? cols.lat : key === 'name' ? (typeof cols.name === 'string' ? cols.name : Object.values(cols.name)[0]) : key ? (cols as Record<string, string | undefined>)[key] ?? key : undefined;
    if (p.severity === 'error') skip.add(Number(m![1]));
    problems.push({ severity: p.severity, code: p.code, line: row.line, column, where: `${row.file}:${row.line}${column ? ` (column ${column})` : ''}`, message: p.message });
  }
  const kept = features.filter((_, i) => !skip.has(i)).sort((a, b) => String(a.id).localeCompare(String(b.id), 'en'));
  return { feed: feedDoc, locations: { type: 'FeatureCollection', features: kept }, problems, rows: rowCount, kept: kept.length };
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
  const features = result.locations.features;
  return {
    feed: `${JSON.stringify(result.feed, null, 2)}\n`,
    // Written a feature at a time: a 100,000-point file never exists whole as one string.
    locations: (function* () {
      yield '{"type":"FeatureCollection","features":[\n';
      for (let i = 0; i < features.length; i++) yield `${JSON.stringify(features[i])}${i < features.length - 1 ? ',' : ''}\n`;
      yield ']}\n';
    })(),
  };
}

/** Builds and writes feed.json and locations.geojson into `outDir`, atomically. */
export function buildToDir(configPath: string, csvFiles: string[], outDir: string, hooks?: WriteHooks): BuildResult {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as BuildConfig;
  const result = build(config, csvFiles, { configDir: dirname(configPath), baseUrl: pathToFileURL(resolve(outDir, 'feed.json')).href });
  if (result.problems.some((p) => p.code === 'missing-column')) return result;
  const text = serialise(result);
  writeFilesAtomically([[resolve(outDir, 'feed.json'), text.feed], [resolve(outDir, 'locations.geojson'), text.locations]], hooks);
  return result;
}
