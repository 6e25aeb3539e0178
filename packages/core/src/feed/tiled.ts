/**
 * The range-readable locations set (`"format": "flatgeobuf"`, written by
 * `ess-feed tile`): how one FlatGeobuf feature's flat columns and its
 * `record` become the GeoJSON Feature the validator reads, in the CLI and in
 * the browser alike.
 */

/** index.json beside locations.fgb. */
export interface TiledIndex {
  format: 'ess-locations-index';
  version: 1;
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
}

/** A precomputed cluster: `[lon, lat, count, counts per category]`, and for a single place its id and name. */
export type TiledCluster = [number, number, number, Record<string, number>, string?, string?];
/** A place: `[postcode, locality, lon, lat, count]`. */
export type TiledPlace = [string, string, number, number, number];
/** A name index entry: `[folded word, name, lon, lat, id, categories joined by |, postcode, locality]`. */
export type TiledName = [string, string, number, number, string, string, string, string];

const split = (v: unknown): string[] => (typeof v === 'string' && v ? v.split('|') : []);

/** A FlatGeobuf feature's properties and point → the GeoJSON Feature it was written from. */
export function tiledFeature(props: Readonly<Record<string, unknown>>, lon: number, lat: number): Record<string, unknown> {
  let extra: Record<string, unknown> = {};
  if (typeof props.record === 'string') {
    try {
      const parsed = JSON.parse(props.record);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) extra = parsed;
    } catch {
      // A broken record keeps the flat columns: the validator says what is missing.
    }
  }
  const { address: more, name, ...rest } = extra as { address?: Record<string, unknown>; name?: unknown };
  const address: Record<string, unknown> = { ...(more && typeof more === 'object' ? more : {}) };
  for (const k of ['postcode', 'locality', 'region'] as const) if (typeof props[k] === 'string') address[k] = props[k];
  const properties: Record<string, unknown> = { ...rest, name: name ?? props.name, categories: split(props.categories) };
  const materials = split(props.materials);
  if (materials.length) properties.materials = materials;
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
