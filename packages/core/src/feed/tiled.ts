/**
 * The range-readable locations set (`"format": "flatgeobuf"`, written by
 * `ess-feed tile`): how one FlatGeobuf feature's flat columns, and the rest of
 * its record (from the records file), become the GeoJSON Feature the validator
 * reads, in the CLI and in the browser alike.
 */

/** index.json beside locations.fgb. */
export interface TiledIndex {
  format: 'ess-locations-index';
  /** 2 since the rest of each record moved to the records file. */
  version: 1 | 2;
  count: number;
  bbox: [number, number, number, number];
  /** From this zoom on, features are read by range; below it, the clusters files. */
  rangeZoom: number;
  /** File name patterns, relative to index.json: `{z}` and `{prefix}` are filled in. */
  clusters: string;
  /** The cluster tiles that exist (`z/x/y`). */
  tiles: string[];
  places: string;
  names: string;
  prefixes: string[];
  byCategory: Record<string, number>;
  columns: string[];
  /**
   * The records file (relative to index.json): what each location holds beyond the flat columns
   * (phone, links, translations of its name …), one UTF-8 JSON object per feature, concatenated.
   * A feature's `recordOffset` and `recordLength` columns give its bytes there; a feature without
   * them has nothing more. Absent from sets written before it (version 1), whose features carry
   * the rest in a `record` column.
   */
  records?: string;
}

/** Versions of index.json this code reads: 1 (the rest of a record in the `record` column), 2 (in the records file). */
export const TILED_VERSIONS: readonly number[] = [1, 2];

/** A feature's bytes in the records file, from its columns; undefined when it has nothing more. */
export function recordRange(props: Readonly<Record<string, unknown>>): { offset: number; length: number } | undefined {
  const offset = props.recordOffset, length = props.recordLength;
  return typeof offset === 'number' && typeof length === 'number' && length > 0 ? { offset, length } : undefined;
}

/** The bytes of a record in the records file → what it holds (an empty object when they are not a JSON object). */
export function parseRecord(bytes: Uint8Array | string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // A broken record keeps the flat columns: the validator says what is missing.
  }
  return {};
}

/** A precomputed cluster: `[lon, lat, count, counts per category]`, and for a single place its id and name. */
export type TiledCluster = [number, number, number, Record<string, number>, string?, string?];
/** A place: `[postcode, locality, lon, lat, count]`. */
export type TiledPlace = [string, string, number, number, number];
/** A name index entry: `[folded word, name, lon, lat, id, categories joined by |, postcode, locality]`. */
export type TiledName = [string, string, number, number, string, string, string, string];

const split = (v: unknown): string[] => (typeof v === 'string' && v ? v.split('|') : []);

/**
 * A FlatGeobuf feature's properties and point, and what its record holds beyond them (`extra`, from
 * the records file) → the GeoJSON Feature it was written from. Without `extra`, what the map and
 * the list need: the flat columns alone (or, from a version 1 set, with its `record` column).
 */
export function tiledFeature(props: Readonly<Record<string, unknown>>, lon: number, lat: number, extra?: Readonly<Record<string, unknown>>): Record<string, unknown> {
  extra ??= typeof props.record === 'string' ? parseRecord(props.record) : {};
  const { address: more, name, ...rest } = extra as { address?: Record<string, unknown>; name?: unknown };
  const address: Record<string, unknown> = { ...(more && typeof more === 'object' ? more : {}) };
  for (const k of ['street', 'postcode', 'locality', 'region', 'country'] as const) if (typeof props[k] === 'string') address[k] = props[k];
  const properties: Record<string, unknown> = { ...rest, name: name ?? props.name, categories: split(props.categories) };
  const materials = split(props.materials);
  if (materials.length) properties.materials = materials;
  const labels = split(props.labels);
  if (labels.length) properties.labels = labels;
  if (typeof props.organization === 'string') properties.organization = props.organization;
  if (typeof props.openingHours === 'string') properties.openingHours = props.openingHours;
  if (Object.keys(address).length) properties.address = address;
  return { type: 'Feature', id: props.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}

/** The Web Mercator tile (Leaflet's 256 px grid) holding a point at zoom `z`: the cluster files' names. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}
