/**
 * The build's config file (JSON): who publishes, in which languages, with
 * which categories, and which spreadsheet column holds which feed property.
 * Checked before anything is read, with one sentence per mistake.
 */
import { readFileSync } from 'node:fs';

/** Feed properties a column can fill. `name` and `description` may map languages to columns. */
export const COLUMN_KEYS = [
  'id', 'name', 'description', 'lat', 'lon', 'categories', 'materials', 'labels', 'services', 'organization',
  'street', 'postcode', 'locality', 'region', 'country', 'openingHours', 'phone', 'email', 'website', 'report', 'wheelchair',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
export type TextColumn = string | Record<string, string>;

/** One input file with its own reading settings (the config's "inputs"). */
export interface InputSpec {
  /** A path (relative to the config), an .xlsx/.ods workbook, or an https:// address of a published CSV. */
  file: string;
  /** This file's encoding, when detection is not wanted ("windows-1252"). */
  encoding?: string;
  /** This file's cell separator. */
  delimiter?: string;
  /** The workbook's sheet to read (default: the first). */
  sheet?: string;
}

export interface BuildConfig {
  publisher: { name: string; url?: string; logo?: string };
  languages?: string[];
  categories: unknown[];
  materials?: unknown[];
  labels?: unknown[];
  organizations?: unknown[];
  campaigns?: unknown[];
  stats?: unknown[];
  /** Copied to the feed as is (an RFC 3339 date-time): the build itself never stamps the time, so its output stays stable. */
  updated?: string;
  /** Feed property → CSV column. */
  columns: Partial<Record<Exclude<ColumnKey, 'name' | 'description'>, string>> & { name: TextColumn; description?: TextColumn };
  /** Values used when a column is absent or a cell empty, e.g. {"country": "BE"}. */
  defaults?: Partial<Record<Exclude<ColumnKey, 'name' | 'description' | 'id'>, string>>;
  /** Separator of lists inside a cell (categories, materials, labels, services). Default: ";" or "|". */
  listSeparator?: string;
  /** Cell separator; default: detected from the header line (";", "," or tab). */
  delimiter?: string;
  /** Encoding of the CSV files; default utf-8 (with or without BOM). */
  encoding?: string;
  /** A CSV of postcode,latitude,longitude[,locality] used when a row has no coordinates. Relative to the config file. */
  gazetteer?: string;
  /** false: do not use the bundled Belgian and French gazetteer (rows without coordinates are then reported). */
  bundledGazetteer?: boolean;
  /** false: do not write the feed's "places" (the gazetteer's places of the feed's area, for the finder's place search). */
  places?: boolean;
  /** The files to build when the command line names none, each with its own settings. */
  inputs?: (string | InputSpec)[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns the config, or throws ConfigError listing every mistake found. */
export function checkConfig(raw: unknown, file: string): BuildConfig {
  const p: string[] = [];
  if (!isObj(raw)) throw new ConfigError(file, ['the config must be a JSON object with "publisher", "categories" and "columns"']);
  if (!isObj(raw.publisher) || typeof raw.publisher.name !== 'string' || !raw.publisher.name.trim()) p.push('"publisher" must be an object with a "name", e.g. {"name": "Ressources"}');
  if (!Array.isArray(raw.categories) || !raw.categories.length) p.push('"categories" must list at least one category, e.g. [{"id": "shop", "label": {"fr": "Boutique"}}]');
  for (const k of ['languages', 'materials', 'labels', 'organizations', 'campaigns', 'stats']) {
    if (raw[k] !== undefined && !Array.isArray(raw[k])) p.push(`"${k}" must be a list`);
  }
  const cols = raw.columns;
  if (!isObj(cols)) p.push('"columns" must map feed properties to your column names, e.g. {"id": "id", "name": "nom", "lat": "latitude", "lon": "longitude", "categories": "type"}');
  else {
    for (const [k, v] of Object.entries(cols)) {
      if (!(COLUMN_KEYS as readonly string[]).includes(k)) p.push(`"columns" has "${k}", which is not a feed property (use ${COLUMN_KEYS.join(', ')})`);
      else if (k === 'name' || k === 'description') {
        if (!(typeof v === 'string' && v) && !(isObj(v) && Object.keys(v).length && Object.values(v).every((c) => typeof c === 'string' && c))) {
          p.push(`"columns.${k}" must be a column name, or languages mapped to column names such as {"fr": "nom", "nl": "naam"}`);
        }
      } else if (typeof v !== 'string' || !v) p.push(`"columns.${k}" must be a column name`);
    }
    if (cols.name === undefined) p.push('"columns.name" is required');
    const defaults = isObj(raw.defaults) ? raw.defaults : {};
    if (cols.categories === undefined && defaults.categories === undefined) p.push('"columns.categories" (or "defaults.categories") is required');
    if ((cols.lat === undefined) !== (cols.lon === undefined)) p.push('"columns.lat" and "columns.lon" go together');
  }
  if (raw.defaults !== undefined) {
    if (!isObj(raw.defaults)) p.push('"defaults" must map feed properties to values, e.g. {"country": "BE"}');
    else {
      for (const [k, v] of Object.entries(raw.defaults)) {
        if (!(COLUMN_KEYS as readonly string[]).includes(k) || k === 'id' || k === 'name' || k === 'description') p.push(`"defaults" cannot set "${k}"`);
        else if (typeof v !== 'string') p.push(`"defaults.${k}" must be text`);
      }
    }
  }
  for (const k of ['listSeparator', 'encoding', 'gazetteer', 'updated']) {
    if (raw[k] !== undefined && (typeof raw[k] !== 'string' || !raw[k])) p.push(`"${k}" must be text`);
  }
  if (raw.delimiter !== undefined && (typeof raw.delimiter !== 'string' || raw.delimiter.length !== 1)) p.push('"delimiter" must be one character, such as ";"');
  for (const k of ['bundledGazetteer', 'places']) {
    if (raw[k] !== undefined && typeof raw[k] !== 'boolean') p.push(`"${k}" must be true or false`);
  }
  if (raw.inputs !== undefined) {
    if (!Array.isArray(raw.inputs)) p.push('"inputs" must be a list of files, e.g. ["membres.csv", {"file": "ancien.csv", "encoding": "windows-1252"}]');
    else {
      raw.inputs.forEach((x, i) => {
        if (typeof x === 'string' && x) return;
        if (!isObj(x) || typeof x.file !== 'string' || !x.file) p.push(`"inputs[${i}]" must be a file name, or {"file": …, "encoding"?: …, "sheet"?: …, "delimiter"?: …}`);
        else {
          for (const k of Object.keys(x)) if (!['file', 'encoding', 'sheet', 'delimiter'].includes(k)) p.push(`"inputs[${i}]" has "${k}", which is not a setting of an input (use file, encoding, sheet, delimiter)`);
          for (const k of ['encoding', 'sheet']) if (x[k] !== undefined && (typeof x[k] !== 'string' || !x[k])) p.push(`"inputs[${i}].${k}" must be text`);
          if (x.delimiter !== undefined && (typeof x.delimiter !== 'string' || x.delimiter.length !== 1)) p.push(`"inputs[${i}].delimiter" must be one character, such as ";"`);
        }
      });
    }
  }
  if (p.length) throw new ConfigError(file, p);
  return raw as unknown as BuildConfig;
}

export function readConfig(path: string): BuildConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(path, [`is not valid JSON: ${jsonErrorWhere(text, e as Error)}`]);
  }
  return checkConfig(raw, path);
}

/** JSON.parse's message, with the line and column of its "position N" when it gives one. */
export function jsonErrorWhere(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${e.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
