// The sample feeds a Belgian would believe: every name once, each address's postcode and locality
// those of the gazetteer place nearest its point, and the feed's places valid and covering its points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const gazetteer = ['be', 'fr'].flatMap((c) => read(`../packages/feed-cli/gazetteer/${c}.geojson`).features);

for (const [dir, regions] of [['wallonie-bruxelles', ['BE-WAL', 'BE-BRU']], ['hauts-de-france', ['FR-HDF']]]) {
  const feed = read(`../demo/feeds/${dir}/feed.json`);
  const { features } = read(`../demo/feeds/${dir}/locations.geojson`);
  const places = read(`../demo/feeds/${dir}/places.geojson`).features;

  test(`${dir}: every location's name appears once`, () => {
    const seen = new Map();
    for (const f of features) {
      const n = typeof f.properties.name === 'string' ? f.properties.name : f.properties.name.fr;
      seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    assert.deepEqual([...seen].filter(([, c]) => c > 1), []);
    // No town's name stuck onto an enterprise named after another town ("… Woluwe-Saint-Pierre Liège").
    for (const f of features.filter((x) => typeof x.properties.name === 'string')) {
      assert.ok(f.properties.name.includes(` — `), f.properties.name);
    }
  });

  test(`${dir}: each address is the one of the gazetteer place nearest its point`, () => {
    const rows = gazetteer.filter((g) => regions.includes(g.properties.region));
    const wrong = [];
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const k = Math.cos((lat * Math.PI) / 180);
      let best;
      let d = Infinity;
      for (const g of rows) {
        const [x, y] = g.geometry.coordinates;
        const e = ((x - lon) * k) ** 2 + (y - lat) ** 2;
        if (e < d) (d = e), (best = g);
      }
      const a = f.properties.address;
      const name = typeof best.properties.name === 'string' ? best.properties.name : best.properties.name.fr;
      if (a.postcode !== best.properties.postcode || a.locality !== name || a.region !== best.properties.region) wrong.push(`${f.id}: ${a.postcode} ${a.locality}, nearest ${best.id}`);
    }
    assert.deepEqual(wrong.slice(0, 5), []);
  });

  test(`${dir}: the feed links its places, every one a gazetteer row, around every point`, () => {
    assert.deepEqual(feed.places, { href: 'places.geojson' });
    const ids = new Set(gazetteer.map((g) => g.id));
    assert.deepEqual(places.filter((p) => !ids.has(p.id)).map((p) => p.id), []);
    const used = new Set(features.map((f) => f.properties.address.postcode));
    const listed = new Set(places.map((p) => p.properties.postcode));
    assert.deepEqual([...used].filter((p) => !listed.has(p)), []);
  });
}
