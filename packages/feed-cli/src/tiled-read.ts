/** Reads a tiled locations set (locations.fgb, its index and its records file) back as GeoJSON, for `check`. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geojson } from 'flatgeobuf';
import { parseRecord, recordRange, tiledFeature, type TiledIndex } from '@ess-widgets/core/data';

async function bytesOf(url: string, label: string): Promise<Uint8Array> {
  if (url.startsWith('file:')) {
    try {
      return new Uint8Array(readFileSync(fileURLToPath(url)));
    } catch (e) {
      throw new Error(`${label} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`${label} answered HTTP ${res.status} ${res.statusText}`.trim());
  return new Uint8Array(await res.arrayBuffer());
}

type Problem = { path: string; code: string; severity: 'warning'; message: string };

export async function readTiled(href: string, indexUrl: string, label: string): Promise<{ json: unknown; warning?: Problem }> {
  const bytes = await bytesOf(href, label);
  let warning: Problem | undefined;
  let index: TiledIndex | undefined;
  try {
    index = JSON.parse(new TextDecoder().decode(await bytesOf(indexUrl, 'the index'))) as TiledIndex;
  } catch (e) {
    warning = { path: '$', code: 'tiled-index', severity: 'warning', message: `its index (${indexUrl.split('/').slice(-2).join('/')}) cannot be used: ${(e as Error).message}; run ess-feed tile again` };
  }
  // The rest of each record, joined to its feature as the finder's detail joins it.
  let records: Uint8Array | undefined;
  const recordsUrl = typeof index?.records === 'string' ? new URL(index.records, indexUrl).href : undefined;
  if (recordsUrl) {
    try {
      records = await bytesOf(recordsUrl, 'the records file');
    } catch (e) {
      warning = { path: '$', code: 'tiled-records', severity: 'warning', message: `${(e as Error).message}: the places' details (phone, links …) cannot be read; run ess-feed tile again` };
    }
  }
  let outside = 0;
  const features: unknown[] = [];
  // flatgeobuf logs every index step on console.debug; a check prints only its findings.
  const debug = console.debug;
  console.debug = () => undefined;
  try {
    for await (const f of geojson.deserialize(bytes)) {
      const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
      const props = (f.properties ?? {}) as Record<string, unknown>;
      const at = records && recordRange(props);
      if (at && at.offset + at.length > records!.length) outside++;
      features.push(tiledFeature(props, lon, lat, at ? parseRecord(records!.subarray(at.offset, at.offset + at.length)) : records ? {} : undefined));
    }
  } catch (e) {
    throw new Error(`${label} is not a FlatGeobuf file the widgets can read (${(e as Error).message})`);
  } finally {
    console.debug = debug;
  }
  if (outside) {
    warning = { path: '$', code: 'tiled-records', severity: 'warning', message: `${outside} record(s) lie past the end of the records file (${recordsUrl!.split('/').pop()}): the two are from different runs; run ess-feed tile again` };
  }
  if (index && index.count !== features.length) {
    warning = { path: '$', code: 'tiled-index', severity: 'warning', message: `its index counts ${index.count} location(s) but the file holds ${features.length}: the two are from different runs; run ess-feed tile again` };
  }
  return { json: { type: 'FeatureCollection', features }, warning };
}
