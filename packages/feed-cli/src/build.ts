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
import { CsvError, mojibake, type CsvTable, type Row } from './csv.js';
import { asPublished } from './check.js';
import { readConfig, type BuildConfig, type ColumnKey, type InputSpec, type TextColumn } from './config.js';
import { loadGazetteer, normalizeName, placeOf, placesIn, type Place } from './gazetteer.js';
import { checkHours } from './hours.js';
import { readTable } from './inputs.js';
import { resolveList, unknownMessage, vocabulary } from './vocabulary.js';
import { findDuplicates } from './duplicates.js';

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

/** What became of one input file: every row is published or left out with its line. */
export interface FileReport {
  file: string;
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  /** Lines after the header, blank ones aside (more than rows when cells hold line breaks). */
  lines: number;
  /** Rows whose cells hold line breaks, by the line where they start. */
  multiline: number[];
  /** Rows published. */
  kept: number;
  /** Lines of the rows that were left out. */
  left: number[];
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /** The file could not be read at all. */
  unreadable?: boolean;
}

/** A row without coordinates placed at its postcode's (or town's) point: marked "approximate". */
export interface Placed {
  file: string;
  line: number;
  id: string;
  postcode?: string;
  place: string;
  /** "gazetteer" (the bundled one) or the config's gazetteer file. */
  from: string;
}

export interface BuildResult {
  feed: Record<string, unknown>;
  locations: { type: 'FeatureCollection'; features: Feature[] };
  /** The gazetteer's places in the feed's area (its points' box plus about 10 km): the feed's "places". */
  places: Place[];
  problems: BuildProblem[];
  files: FileReport[];
  placed: Placed[];
  /** Rows read but not published (each has an error with its line). */
  dropped: number;
  /** Opening hours replaced by their suggested OSM value (--fix-hours). */
  fixedHours: number;
  /** Each published location's row: id → file and line (made when asked: `check --input` needs it, a build does not). */
  rowsById(): Map<string, { file: string; line: number }>;
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
    table = readTable({ file: path, bytes: readFileSync(path) });
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
function mapColumns(config: BuildConfig, header: string[], file: string, problems: BuildProblem[], hint = ''): FileColumns | undefined {
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
        ? `no column ${missing.map((m) => `"${m}"`).join(', ')} (the columns are: ${header.join(', ')}); correct "columns" in the config or the header of the file${hint}`
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

export interface BuildInput extends InputSpec {
  /** The file's bytes; read from `file` when absent (fetched first for an https:// input). */
  bytes?: Uint8Array;
}

export interface BuildOptions {
  configDir?: string;
  baseUrl?: string;
  /** Replace opening hours that are not in OSM syntax by the suggested value, when there is one. */
  fixHours?: boolean;
  /** Duplicates are errors (the build fails on any problem anyway). */
  strict?: boolean;
}

/** A slug for derived ids: "Boutique Léa" + "5000" → "boutique-lea-5000". */
export const idSlug = (...parts: (string | undefined)[]): string =>
  parts.filter(Boolean).map((p) => normalizeName(p!)).join(' ').replace(/ /g, '-').slice(0, 100).replace(/-$/, '');

export function build(config: BuildConfig, inputs: (string | BuildInput)[], options: BuildOptions = {}): BuildResult {
  const problems: BuildProblem[] = [];
  const sep = config.listSeparator ?? /[;|]/;
  const list = (v: string | undefined) => [...new Set((v ?? '').split(sep).map((s) => s.trim()).filter(Boolean))];
  const gazetteer = config.gazetteer ? readGazetteer(resolve(options.configDir ?? '.', config.gazetteer), problems) : undefined;
  const useBundled = config.bundledGazetteer !== false;
  const lang = config.languages?.[0];
  const vocab = {
    categories: vocabulary('categories', config.categories, lang),
    materials: vocabulary('materials', config.materials, lang),
    labels: vocabulary('labels', config.labels, lang),
  };

  const features: Feature[] = [];
  /** Where each feature came from, by its index in `features`. */
  const origin: { file: string; line: number; cols: FileColumns; report: FileReport; derived?: string }[] = [];
  const files: FileReport[] = [];
  const placed: Placed[] = [];
  let rowCount = 0;
  let byPostcode = 0;
  let fixedHours = 0;
  /** The same hours are on many rows: each value is parsed once. */
  const hoursSeen = new Map<string, ReturnType<typeof checkHours>>();

  for (const input of inputs) {
    const spec: BuildInput = typeof input === 'string' ? { file: input } : input;
    const file = spec.file;
    const report: FileReport = { file, rows: 0, lines: 0, multiline: [], kept: 0, left: [] };
    files.push(report);
    let table: CsvTable;
    try {
      table = readTable({ ...spec, encoding: spec.encoding ?? config.encoding, delimiter: spec.delimiter ?? config.delimiter });
    } catch (e) {
      const line = e instanceof CsvError ? e.line : undefined;
      const code = e instanceof CsvError ? e.code : 'unreadable';
      const where = line ? `${file}:${line}` : file;
      const message = e instanceof CsvError ? e.message.replace(`${where}: `, '') : `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      problems.push({ severity: 'error', fatal: true, code, file, line, where, message });
      report.unreadable = true;
      continue;
    }
    Object.assign(report, { rows: table.rows.length, lines: table.lines, multiline: table.multiline, encoding: table.encoding, delimiter: table.delimiter, ...(table.sheet ? { sheet: table.sheet } : {}) });
    for (const n of table.notes) problems.push({ severity: 'warning', code: n.code, file, line: n.line, where: `${file}:${n.line}`, message: n.message });
    const others = table.sheets?.filter((n) => n !== table.sheet) ?? [];
    const hint = others.length ? `, or read another sheet of the workbook (this is "${table.sheet}"; the others: ${others.map((n) => `"${n}"`).join(', ')}) with --sheet "${others[0]}" or "sheet" in the config's "inputs"` : '';
    const cols = mapColumns(config, table.header, file, problems, hint);
    if (!cols) {
      report.left = table.rows.map((r) => r.line);
      rowCount += table.rows.length;
      continue;
    }
    if (cols.single.id === undefined && table.rows.length) {
      problems.push({
        severity: 'warning', code: 'derived-ids', file, line: 1, where: `${file}:1`,
        message: `there is no id column, so each row's id was made from its name and postcode ("${idSlug(table.rows[0].values[cols.name[0]?.[1] ?? 0], cols.single.postcode !== undefined ? table.rows[0].values[cols.single.postcode] : undefined)}"…); ` +
          'such an id changes when the name or postcode does (and the links and stats that use it break): to pin them, add an "id" column holding the ids in locations.geojson, and "id" in the config\'s "columns"',
      });
    }
    const width = table.header.length;
    const noId: number[] = [];
    for (const row of table.rows) {
      rowCount++;
      const f = rowToFeature(row, cols);
      if (f) {
        features.push(f.feature);
        origin.push({ file, line: row.line, cols, report, derived: f.derived });
      } else report.left.push(row.line);
    }
    table.rows.length = 0;
    if (noId.length) {
      const col = config.columns.id;
      problems.push({
        severity: 'warning', code: 'no-id', file, line: noId[0], column: col, where: `${file}:${noId[0]}${col ? ` (column ${col})` : ''}`,
        message: `${noId.length === 1 ? 'this row has' : `${noId.length} rows have`} no id (line${noId.length > 1 ? 's' : ''} ${noId.slice(0, 10).join(', ')}${noId.length > 10 ? ', …' : ''}); ` +
          'each was given one made from its name and postcode (in locations.geojson), which changes when they do: write the ids in the column to pin them',
      });
    }

    function rowToFeature(row: Row, c: FileColumns): { feature: Feature; derived?: string } | undefined {
      const v = row.values;
      const columnOf = (k: ColumnKey) => config.columns[k as Exclude<ColumnKey, 'name' | 'description'>] as string | undefined;
      const report = (severity: 'error' | 'warning', code: string, column: string | undefined, message: string) =>
        problems.push({ severity, code, file, line: row.line, column, where: `${file}:${row.line}${column ? ` (column ${column})` : ''}`, message });
      if (v.length !== width) {
        report('error', 'wrong-cell-count', undefined,
          `this row has ${v.length} cells where the header has ${width}: a separator ("${table.delimiter === '\t' ? '\\t' : table.delimiter}") is ${v.length > width ? 'extra (a cell containing one must be quoted)' : 'missing'}; the row was skipped`);
        return undefined;
      }
      for (let i = 0; i < v.length; i++) {
        const fixed = v[i] ? mojibake(v[i]) : undefined;
        if (fixed !== undefined) {
          report('error', 'mojibake', table.header[i],
            `"${v[i].length > 60 ? `${v[i].slice(0, 59)}…` : v[i]}" is garbled: UTF-8 text read as Windows-1252 somewhere on its way${fixed !== v[i] ? ` (it should say "${fixed.length > 60 ? `${fixed.slice(0, 59)}…` : fixed}")` : ''}; correct the cell, or the file's "encoding" in the config; the row was skipped`);
          return undefined;
        }
      }
      const cell = (k: ColumnKey): string | undefined => {
        const i = c.single[k];
        return (i !== undefined ? v[i] : undefined) || config.defaults?.[k as keyof NonNullable<BuildConfig['defaults']>] || undefined;
      };
      const text = (pairs: [string | undefined, number][]) => {
        const present = pairs.filter(([, i]) => v[i]);
        if (!present.length) return undefined;
        if (present.length === 1 && present[0][0] === undefined) return v[present[0][1]];
        return Object.fromEntries(present.map(([l, i]) => [l ?? config.languages?.[0] ?? 'und', v[i]]));
      };
      const firstName = c.name.map(([, i]) => v[i]).find(Boolean);
      let id = cell('id');
      let derived: string | undefined;
      if (!id) {
        if (!firstName) {
          report('error', 'no-id', columnOf('id') ?? (typeof config.columns.name === 'string' ? config.columns.name : undefined), 'this row has no id and no name; the row was skipped');
          return undefined;
        }
        derived = idSlug(firstName, cell('postcode')) || 'location';
        id = derived;
        if (c.single.id !== undefined) noId.push(row.line);
      }
      const latText = cell('lat');
      const lonText = cell('lon');
      let lat: number;
      let lon: number;
      let approximate = false;
      if (latText !== undefined || lonText !== undefined) {
        for (const [k, t] of [['lat', latText], ['lon', lonText]] as const) {
          if (t === undefined) {
            report('error', 'bad-coordinates', columnOf(k), `location "${id}" has a ${k === 'lat' ? 'longitude' : 'latitude'} but no ${k === 'lat' ? 'latitude' : 'longitude'}; the row was skipped`);
            return undefined;
          }
          if (Number.isNaN(parseCoordinate(t))) {
            report('error', 'bad-coordinates', columnOf(k), `location "${id}": "${t}" is not a ${k === 'lat' ? 'latitude' : 'longitude'} (a number such as ${k === 'lat' ? '50.4669 or 50,4669' : '4.8675 or 4,8675'}); the row was skipped`);
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
        const locality = cell('locality');
        const own = pc ? gazetteer?.places.get(pc) : undefined;
        let point: { lat: number; lon: number; label: string; from: string } | undefined;
        if (own?.length) {
          const same = own.length === 1 ? own : own.filter((p) => fold(p.locality) === fold(locality ?? ''));
          if (same.length !== 1) {
            report('error', 'no-coordinates', columnOf('postcode'),
              `location "${id}" has no coordinates, and postcode ${pc} has ${own.length} places in the gazetteer (${own.map((p) => p.locality || '?').join(', ')})${locality ? `, none of them "${locality}"` : ''}; add latitude and longitude, or a locality the gazetteer knows; the row was skipped`);
            return undefined;
          }
          point = { lat: same[0].lat, lon: same[0].lon, label: `${pc}${same[0].locality ? ` ${same[0].locality}` : ''}`, from: gazetteer!.file };
        } else if (pc && useBundled) {
          const found = placeOf(pc, locality, cell('country'));
          if (found.candidates) {
            report('error', 'no-coordinates', columnOf('locality') ?? columnOf('postcode'),
              `location "${id}" has no coordinates, and postcode ${pc} is ${found.candidates.length} places (${found.candidates.map((p) => p.properties.municipality).join(', ')})${locality ? `, none of them "${locality}"` : ''}; add latitude and longitude, or the locality; the row was skipped`);
            return undefined;
          }
          if (found.place) {
            const [x, y] = found.place.geometry.coordinates;
            const n = found.place.properties.name;
            point = { lat: y, lon: x, label: `${pc} ${typeof n === 'string' ? n : (lang && n[lang]) || Object.values(n)[0]}`, from: 'gazetteer' };
          }
        }
        if (!point) {
          const why = !pc ? 'and no postcode' : gazetteer || useBundled ? `and postcode ${pc} is not in the gazetteer` : 'and there is no gazetteer to look its postcode up';
          report('error', 'no-coordinates', columnOf('lat') ?? columnOf('postcode'), `location "${id}" has no coordinates ${why}; add latitude and longitude (no address is guessed); the row was skipped`);
          return undefined;
        }
        ({ lat, lon } = point);
        approximate = true;
        byPostcode++;
        placed.push({ file, line: row.line, id, postcode: pc, place: point.label, from: point.from });
      }
      const terms = (k: 'categories' | 'materials' | 'labels') => {
        const r = resolveList(cell(k), vocab[k], sep);
        const col = columnOf(k);
        const none = k === 'categories' && !r.ids.length;
        if (r.commaSplit) report('warning', 'comma-separator', col, `"${cell(k)}" uses "," between values; it was read as ${r.ids.join(', ')}, but the separator is ${typeof sep === 'string' ? `"${sep}"` : '"|"'}: write "${r.ids.join(typeof sep === 'string' ? sep : '|')}"`);
        if (r.unknown.length) report(none ? 'error' : 'warning', 'unknown-value', col, unknownMessage(r.unknown, vocab[k], sep, none));
        else if (none) report('error', 'no-category', col ?? 'categories', `location "${id}" has no category; give one of: ${vocab.categories.listing}; the row was skipped`);
        return none ? undefined : r.ids;
      };
      const categories = terms('categories');
      if (!categories) return undefined;
      let hours = cell('openingHours');
      if (hours) {
        let h = hoursSeen.get(hours);
        if (!h) hoursSeen.set(hours, (h = checkHours(hours)));
        if (!h.ok) {
          const fix = h.suggestion && options.fixHours;
          const now = h.readAs ? `the widgets would read them as "${h.readAs}"` : 'the widgets cannot read them and show "hours unknown"';
          report('warning', 'bad-hours', columnOf('openingHours'),
            `opening hours "${hours}" are not in OpenStreetMap's syntax: ${now}; ` +
              (fix ? `replaced by "${h.suggestion}" (--fix-hours)` : h.suggestion ? `write "${h.suggestion}" (ess-feed build --fix-hours does it)` : 'write them as, e.g., "Tu-Sa 10:00-18:00; Su off" (see https://wiki.openstreetmap.org/wiki/Key:opening_hours)'));
          if (fix) {
            hours = h.suggestion;
            fixedHours++;
          }
        }
      }
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
        categories,
        materials: terms('materials'),
        labels: terms('labels'),
        services: list(cell('services')),
        address: compact({ street: cell('street'), postcode: cell('postcode'), locality: cell('locality'), region: cell('region'), country: cell('country') }),
        openingHours: hours,
        phone: cell('phone'),
        email: link('email'),
        website: link('website'),
        report: link('report'),
        accessibility: wheelchair ? { wheelchair: WHEELCHAIR[fold(wheelchair)] ?? wheelchair } : undefined,
        description: text(c.description),
        approximate: approximate || undefined,
      };
      return { feature: { type: 'Feature', id, geometry: { type: 'Point', coordinates: [round(lon), round(lat)] }, properties: compact(props) ?? {} }, derived };
    }
  }

  // Derived ids made unique: the second "bulle-5000" becomes "bulle-5000-2", in file and line order.
  const taken = new Set(features.filter((_, i) => !origin[i].derived).map((f) => f.id));
  features.forEach((f, i) => {
    if (!origin[i].derived) return;
    let id = f.id!;
    for (let n = 2; taken.has(id); n++) id = `${origin[i].derived}-${n}`;
    taken.add(id);
    f.id = id;
  });
  const indexOf = new Map(origin.map((o, i) => [`${o.file}\n${o.line}`, i]));
  for (const p of placed) {
    const i = indexOf.get(`${p.file}\n${p.line}`);
    if (i !== undefined) p.id = String(features[i].id);
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
  const empty = (fatal: boolean): BuildResult => ({
    feed: feedDoc, locations: { type: 'FeatureCollection', features: [] }, places: [], problems, files, placed, rows: rowCount, kept: 0, byPostcode, dropped: rowCount, fixedHours, fatal, rowsById: () => new Map(),
  });
  let feed;
  try {
    feed = validateFeed(feedDoc, { baseUrl: asPublished(feedBase) });
  } catch (e) {
    if (!(e instanceof FeedShapeError)) throw e;
    problems.push({ severity: 'error', fatal: true, code: 'bad-config', where: `config ${e.path}`, message: e.message });
    return empty(true);
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
  for (const i of skip) origin[i].report.left.push(origin[i].line);
  features.forEach((_, i) => {
    if (!skip.has(i)) origin[i].report.kept++;
  });
  for (const r of files) r.left.sort((a, b) => a - b);
  const placedKept = placed.filter((p) => !skip.has(indexOf.get(`${p.file}\n${p.line}`) ?? -1));

  // The same place twice (a copied row with another id): the same name within about 50 m.
  const keptIndex = features.map((_, i) => i).filter((i) => !skip.has(i));
  for (const [a, b, metres] of findDuplicates(keptIndex.map((i) => ({ index: i, name: nameKey(features[i].properties.name), lon: features[i].geometry.coordinates[0], lat: features[i].geometry.coordinates[1] })))) {
    const x = origin[a];
    const y = origin[b];
    const column = typeof config.columns.name === 'string' ? config.columns.name : Object.values(config.columns.name)[0];
    const there = x.file === y.file ? `line ${x.line}` : `${x.file}:${x.line}`;
    problems.push({
      severity: options.strict ? 'error' : 'warning', code: 'duplicate-place', file: y.file, line: y.line, column, where: `${y.file}:${y.line} (column ${column})`,
      message: `"${nameText(features[b].properties.name)}" (id "${features[b].id}") is also at ${there} (id "${features[a].id}"), ${Math.round(metres)} m away: the same place twice (a copied row)? Remove one of them, or give each its own name; both were published, and counted`,
    });
  }

  const kept = features.filter((_, i) => !skip.has(i)).sort(byId);
  // Config problems first, then file by file in line order (the sort is stable).
  const fileNames = inputs.map((i) => (typeof i === 'string' ? i : i.file));
  const rank = (p: BuildProblem) => (p.file === undefined ? -1 : fileNames.indexOf(p.file));
  problems.sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || Number(!a.fatal) - Number(!b.fatal));

  let places: Place[] = [];
  if (kept.length && config.places !== false && useBundled) {
    const xs = kept.map((f) => f.geometry.coordinates[0]);
    const ys = kept.map((f) => f.geometry.coordinates[1]);
    const margin = 0.1;
    places = placesIn([Math.min(...xs) - margin * 1.6, Math.min(...ys) - margin, Math.max(...xs) + margin * 1.6, Math.max(...ys) + margin], loadGazetteer());
    if (places.length) feedDoc.places = { href: 'places.geojson' };
  }
  return {
    feed: feedDoc, locations: { type: 'FeatureCollection', features: kept }, places, problems, files, placed: placedKept, rows: rowCount, kept: kept.length, byPostcode: placedKept.length,
    dropped: rowCount - kept.length, fixedHours, fatal: problems.some((p) => p.fatal),
    rowsById: () => new Map(features.flatMap((f, i) => (skip.has(i) ? [] : [[String(f.id), { file: origin[i].file, line: origin[i].line }] as const]))),
  };
}

const nameText = (n: unknown): string => (typeof n === 'string' ? n : n && typeof n === 'object' ? String(Object.values(n)[0] ?? '') : '');
const nameKey = (n: unknown): string => normalizeName(nameText(n));

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
export interface BuildToDirOptions {
  strict?: boolean;
  /** Write the feed even when rows were left out (each is still reported with its line). */
  allowSkipped?: boolean;
  fixHours?: boolean;
  hooks?: WriteHooks;
}

/** The inputs of a build: the command line's files, else the config's "inputs" (relative to the config). */
export function inputsOf(config: BuildConfig, configPath: string, files: (string | BuildInput)[]): BuildInput[] {
  const specs = (config.inputs ?? []).map((x) => (typeof x === 'string' ? { file: x } : x)).map((x) => ({ ...x, file: /^https?:\/\//i.test(x.file) ? x.file : resolve(dirname(configPath), x.file) }));
  if (!files.length) return specs;
  // A file named on the command line keeps the settings ("encoding", "sheet") the config gives it.
  return files.map((f) => {
    const input = typeof f === 'string' ? { file: f } : f;
    const same = specs.find((s) => s.file === input.file || (!/^https?:/i.test(input.file) && s.file === resolve(input.file)));
    return same ? { ...same, ...input, file: input.file } : input;
  });
}

/**
 * Builds and writes feed.json, locations.geojson and places.geojson into `outDir`, atomically.
 * Nothing is written on a fatal problem, when no row could be used, when a row was
 * left out (unless `allowSkipped`), or with `strict` when there is any problem.
 */
export function buildToDir(configPath: string, csvFiles: (string | BuildInput)[], outDir: string, options: BuildToDirOptions = {}): BuildToDirResult {
  const config = readConfig(configPath);
  const result = build(config, inputsOf(config, configPath, csvFiles), {
    configDir: dirname(configPath), baseUrl: pathToFileURL(resolve(outDir, 'feed.json')).href, fixHours: options.fixHours, strict: options.strict,
  });
  const notWritten = result.fatal
    ? 'a problem above stops the build'
    : result.kept === 0
      ? 'no row could be used'
      : options.strict && result.problems.length
        ? '--strict and there are problems'
        : result.dropped && !options.allowSkipped
          ? `${result.dropped} row(s) were left out: correct them, or give --allow-skipped to publish the others`
          : undefined;
  if (notWritten) return { ...result, written: false, notWritten };
  const text = serialise(result);
  // The locations and places first, the feed that points at them last.
  writeFilesAtomically([
    [resolve(outDir, 'locations.geojson'), text.locations],
    ...(result.places.length ? [[resolve(outDir, 'places.geojson'), featureLines(result.places)] as [string, Iterable<string>]] : []),
    [resolve(outDir, 'feed.json'), text.feed],
  ], options.hooks);
  return { ...result, written: true };
}
