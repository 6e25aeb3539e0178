import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geojson } from 'flatgeobuf';
import type { Location, TiledCluster, TiledIndex, TiledName } from '@ess-widgets/core/data';
import { check } from './check.js';
import { extra, FeatureStore, RecordStore, fold, hilbert, NAME_CAP, RECORDS_FILE, tile, tileOf } from './tile.js';
import { main } from './cli.js';

const SAMPLE = new URL('../../../demo/feeds/wallonie-bruxelles/', import.meta.url);
const sample = await check(new URL('feed.json', SAMPLE).pathname);
const locations = sample.locations!;
const out = tile(sample.feed!, locations);
const fgb = out.files.get('locations.fgb') as Uint8Array;
const json = (p: string) => JSON.parse(out.files.get(p) as string);

test('tile: features kept in a spill file come back in the order asked, byte for byte, whatever the window', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ess-spill-'));
  const some = locations.slice(0, 400);
  const memory = new FeatureStore();
  some.forEach((l) => memory.add(l, ['fr']));
  // A seeded shuffle: the tree order is unrelated to the order the features were read in.
  let seed = 11;
  const refs = Uint32Array.from(some.keys());
  for (let i = refs.length - 1; i > 0; i--) {
    seed = (seed * 16807) % 2147483647;
    const j = seed % (i + 1);
    [refs[i], refs[j]] = [refs[j], refs[i]];
  }
  // Each piece copied as it comes: the store reuses its blocks.
  const join2 = (parts: Iterable<Uint8Array>) => {
    const copies: Buffer[] = [];
    for (const p of parts) copies.push(Buffer.from(p));
    return Buffer.concat(copies);
  };
  const expected = join2(memory.inOrder(refs));
  assert.equal(expected.length, memory.bytes);
  // Windows of a few features (features cross their ends), of less than one feature, and of all.
  for (const window of [3000, 100, 1 << 30]) {
    const path = join(dir, `spill-${window}`);
    const spill = new FeatureStore(path, window, new RecordStore(`${path}-records`));
    some.forEach((l) => spill.add(l, ['fr']));
    assert.ok(join2(spill.inOrder(refs)).equals(expected), `window of ${window} bytes`);
    assert.ok(join2(spill.records.pieces()).equals(join2(memory.records.pieces())), 'the records, in order');
    spill.clear();
    assert.equal(existsSync(path), false, 'the spill file is removed');
    assert.equal(existsSync(`${path}-records`), false, 'the records spill file is removed');
  }
});

function quiet<T>(f: () => Promise<T>): Promise<T> {
  const debug = console.debug;
  console.debug = () => undefined;
  return f().finally(() => (console.debug = debug));
}

test('tile: a rectangle read through the R-tree holds exactly the places inside it', async () => {
  // A seeded sequence of rectangles, from a town to a province.
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 12; i++) {
    const w = 0.02 + rnd() * 0.8, h = 0.02 + rnd() * 0.5;
    const minX = 2.9 + rnd() * 3, minY = 49.4 + rnd() * 1.5;
    const rect = { minX, minY, maxX: minX + w, maxY: minY + h };
    const expected = locations.filter((l) => l.lon >= rect.minX && l.lon <= rect.maxX && l.lat >= rect.minY && l.lat <= rect.maxY).map((l) => l.id).sort();
    const got = await quiet(async () => {
      const ids: string[] = [];
      for await (const f of geojson.deserialize(fgb, { rect })) ids.push(String(f.properties!.id));
      return ids.sort();
    });
    assert.deepEqual(got, expected, `rectangle ${JSON.stringify(rect)}`);
  }
});

test('tile: a feature holds the flat columns only; the rest of its record is its own range of locations.records', async () => {
  const records = out.files.get(RECORDS_FILE) as Uint8Array;
  const index = json('locations.index/index.json') as TiledIndex;
  assert.equal(index.records, `../${RECORDS_FILE}`);
  assert.equal(index.columns.includes('record'), false);
  const byId = new Map(locations.map((l) => [l.id, l]));
  const ranges: [number, number][] = [];
  const features = await quiet(async () => {
    const list: Record<string, unknown>[] = [];
    for await (const f of geojson.deserialize(fgb)) list.push(f.properties as Record<string, unknown>);
    return list;
  });
  assert.equal(features.length, locations.length);
  let withMore = 0;
  for (const p of features) {
    const l = byId.get(String(p.id))!;
    for (const k of Object.keys(p)) assert.ok(index.columns.includes(k), `${l.id}: column ${k}`);
    // Nothing of what only the detail shows: no phone, link, report address or translated name.
    const flat = JSON.stringify(p);
    for (const v of [l.phone, l.email, l.website, l.report, ...(typeof l.name === 'string' ? [] : Object.values(l.name).filter((n) => n !== p.name))]) {
      if (v) assert.equal(flat.includes(JSON.stringify(v).slice(1, -1)), false, `${l.id} carries ${v}`);
    }
    const more = extra(l);
    if (!Object.keys(more).length) {
      assert.equal(p.recordOffset, undefined, l.id);
      continue;
    }
    withMore++;
    const [a, n] = [p.recordOffset as number, p.recordLength as number];
    assert.deepEqual(JSON.parse(new TextDecoder().decode(records.subarray(a, a + n))), more, l.id);
    ranges.push([a, n]);
  }
  assert.ok(withMore > locations.length / 2, `${withMore} with more`);
  // One after the other, the whole file.
  ranges.sort((x, y) => x[0] - y[0]);
  let at = 0;
  for (const [a, n] of ranges) {
    assert.equal(a, at);
    at += n;
  }
  assert.equal(at, records.length);
});

test('tile: every record reads back as the same location the GeoJSON file gives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ess-tile-'));
  cpSync(SAMPLE, dir, { recursive: true });
  // What a killed run left: its spill file (pid 2^22: Linux's pids stay below it, macOS's far below).
  const { readdirSync, writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, '.locations.features.tmp-4194304-1'), 'left over');
  const io = { lines: [] as string[], out(l: string) { this.lines.push(l); }, err(l: string) { this.lines.push(l); } };
  assert.equal(await main(['tile', join(dir, 'feed.json')], io), 0, io.lines.join('\n'));
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), [], 'no temporary file is left, the old one included');
  const feed = JSON.parse(readFileSync(join(dir, 'feed.json'), 'utf8'));
  assert.deepEqual(feed.locations, { href: 'locations.fgb', format: 'flatgeobuf', index: 'locations.index/index.json' });
  assert.ok(existsSync(join(dir, 'locations.geojson')), 'the GeoJSON file stays for those who read it');
  assert.ok(existsSync(join(dir, RECORDS_FILE)), 'the records file is beside locations.fgb');
  const back = await quiet(() => check(join(dir, 'feed.json')));
  assert.equal(back.fatal, undefined);
  assert.deepEqual(back.problems, []);
  const byId = (list: Location[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  assert.deepEqual(byId(back.locations!), byId(locations));
});

test('tile: the cluster tiles of every zoom count every place, per category too, each in the tile of its centre', () => {
  const index = json('locations.index/index.json') as TiledIndex;
  assert.equal(index.count, locations.length);
  const perCategory: Record<string, number> = {};
  for (const l of locations) for (const c of l.categories) perCategory[c] = (perCategory[c] ?? 0) + 1;
  assert.deepEqual(index.byCategory, perCategory);
  for (let z = 0; z < index.rangeZoom; z++) {
    const clusters = index.tiles.filter((t) => t.startsWith(`${z}/`)).flatMap((t) => json(`locations.index/clusters/${t}.json`) as TiledCluster[]);
    assert.equal(clusters.reduce((n, c) => n + c[2], 0), locations.length, `zoom ${z}`);
    const cats: Record<string, number> = {};
    for (const c of clusters) for (const [k, v] of Object.entries(c[3])) cats[k] = (cats[k] ?? 0) + v;
    assert.deepEqual(cats, perCategory, `zoom ${z}`);
    for (const t of index.tiles.filter((t) => t.startsWith(`${z}/`))) {
      for (const c of json(`locations.index/clusters/${t}.json`) as TiledCluster[]) assert.equal(tileOf(c[0], c[1], z).join('/'), t.slice(t.indexOf('/') + 1));
    }
  }
});

test('tile: every word of a name is found in its names file, a common word at most NAME_CAP times across the area', () => {
  const index = json('locations.index/index.json') as TiledIndex;
  const files = new Map(index.prefixes.map((p) => [p, json(`locations.index/names/${encodeURIComponent(p)}.json`) as TiledName[]]));
  const byWord = new Map<string, Location[]>();
  for (const l of locations) {
    const name = typeof l.name === 'string' ? l.name : l.name.fr;
    for (const w of new Set(fold(name).split(' ').filter((w) => w.length >= 2))) byWord.set(w, [...(byWord.get(w) ?? []), l]);
  }
  let rare = 0;
  for (const [w, list] of byWord) {
    const entries = files.get(w.slice(0, 2))!.filter((e) => e[0] === w);
    if (list.length <= NAME_CAP) {
      rare++;
      assert.deepEqual(entries.map((e) => e[4]).sort(), list.map((l) => l.id).sort(), w);
    } else {
      assert.ok(entries.length <= NAME_CAP && entries.length >= NAME_CAP / 2, `${w}: ${entries.length} of ${list.length}`);
      // Spread over the area, not the first ones in file order.
      const lons = entries.map((e) => e[2]);
      const all = list.map((l) => l.lon);
      assert.ok(Math.max(...lons) - Math.min(...lons) > (Math.max(...all) - Math.min(...all)) / 2, `${w} spread`);
    }
  }
  assert.ok(rare > 20, `${rare} words listed in full`);
});

test('tile: the Hilbert curve visits each cell of a small grid once, neighbours one step apart', () => {
  // Over the 2^16 grid the first 16 cells form the 4 × 4 corner, each a neighbour of the previous.
  const cells = new Map<number, [number, number]>();
  for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) cells.set(hilbert(x, y), [x, y]);
  assert.deepEqual([...cells.keys()].sort((a, b) => a - b), Array.from({ length: 16 }, (_, i) => i));
  for (let d = 1; d < 16; d++) {
    const [a, b] = cells.get(d - 1)!, [c, e] = cells.get(d)!;
    assert.equal(Math.abs(a - c) + Math.abs(b - e), 1, `step ${d}`);
  }
});

test('tile: refuses a URL and a feed without locations, writing nothing', async () => {
  const io = { lines: [] as string[], out(l: string) { this.lines.push(l); }, err(l: string) { this.lines.push(l); } };
  assert.equal(await main(['tile', 'https://example.org/feed.json'], io), 2);
  const dir = mkdtempSync(join(tmpdir(), 'ess-tile-empty-'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'feed.json'), JSON.stringify({ version: 1, publisher: { name: 'X' }, languages: ['fr'], categories: [{ id: 'shop', label: 'Boutique' }], locations: [] }));
  assert.equal(await main(['tile', join(dir, 'feed.json')], io), 1);
  assert.match(io.lines.join('\n'), /no location to tile/);
  assert.equal(existsSync(join(dir, 'locations.fgb')), false);
});
