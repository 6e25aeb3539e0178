// `ess-feed check` on broken feeds: the same skipped counts as the widgets (computed by the
// validator's summarize from the shared fixture), every problem listed, and broken JSON placed by
// line and column with the text around it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from './cli.js';
import { summarize, validateFeed, feedIds, validateCollection } from '@ess-widgets/core/feed/validate';
import { countedFeed } from '../../core/src/feed/fixtures/counted.js';
import { feature, minimalFeed } from '../../core/src/testing/feeds.js';

function capture(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => void lines.push(l), err: (l) => void lines.push(l) };
}
const dir = () => mkdtempSync(join(tmpdir(), 'ess-check-'));

test('check gives the numbers the widgets give, per collection', async () => {
  const d = dir();
  const raw = countedFeed();
  writeFileSync(join(d, 'feed.json'), JSON.stringify(raw));
  const v = validateFeed(raw, { baseUrl: 'https://local.invalid/feed.json' });
  const io = capture();
  await main(['check', join(d, 'feed.json')], io);
  const last = io.lines.at(-1)!;
  const [l, c, s] = ['$.locations', '$.campaigns', '$.stats'].map((p) => summarize(v.problems, p).skipped);
  assert.ok(l > 0 && c > 0 && s > 0);
  assert.match(last, new RegExp(`${summarize(v.problems).skipped} record\\(s\\) skipped, .* Skipped: locations ${l}, campaigns ${c}, stats ${s}\\.`));
  // Linked: the file's own count.
  const features = raw.locations;
  writeFileSync(join(d, 'linked.json'), JSON.stringify({ ...raw, locations: { href: 'locations.geojson' } }));
  writeFileSync(join(d, 'locations.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  const linked = validateCollection('locations', { type: 'FeatureCollection', features }, { baseUrl: 'https://local.invalid/locations.geojson', ids: feedIds(v.value) });
  const io2 = capture();
  await main(['check', join(d, 'linked.json')], io2);
  assert.match(io2.lines.at(-1)!, new RegExp(`Skipped: locations ${summarize(linked.problems).skipped}, campaigns ${c}, stats ${s}\\.`));
});

test('check lists every bad link, each with its record', async () => {
  const d = dir();
  const f = minimalFeed();
  for (let i = 0; i < 150; i++) (f.locations as unknown[]).push(feature(`l${i}`, 4.4, 50.8, { name: `L${i}`, categories: ['shop'], website: `jav&#x09;ascript:alert(${i})` }));
  writeFileSync(join(d, 'feed.json'), JSON.stringify(f));
  const io = capture();
  await main(['check', join(d, 'feed.json')], io);
  const bad = io.lines.filter((x) => x.includes('.properties.website') && x.includes('not an absolute link'));
  assert.equal(bad.length, 150);
  assert.ok(bad.every((x, i) => x.includes(`$.locations[${i + 3}]`)));
});

test('check places broken JSON by line and column, with the text around it', async () => {
  const d = dir();
  // [text, line, the characters the error is at (its column is computed from them), reason]
  const cases: [string, number, string, number, RegExp][] = [
    ['{\n  "version": 1,\n  "publisher": {"name": "X",}\n}', 3, ',}', 1, /trailing commas/],
    ['{\n  "version": 1,\n  "locations": [\n    {"type": "Feature", "id": "a", "geometry": {"type": "Po', 4, '"Po', 0, /never closed/],
    ['{"version": 1 "locations": []}', 1, ' "locations"', 1, /expected "," or "}"/],
  ];
  for (const [text, line, mark, shift, reason] of cases) {
    const column = text.split('\n')[line - 1].indexOf(mark) + shift + 1;
    writeFileSync(join(d, 'broken.json'), text);
    const io = capture();
    const code = await main(['check', join(d, 'broken.json')], io);
    assert.equal(code, 1);
    const out = io.lines.join('\n');
    assert.match(out, new RegExp(`line ${line}, column ${column}`), out);
    assert.match(out, reason);
    // The text around the place, and a caret under it.
    const lines = out.split('\n');
    const caret = lines.findIndex((x) => /^\s*\^$/.test(x));
    assert.ok(caret > 0, out);
    const excerpt = lines[caret - 1];
    assert.equal(excerpt.trim().length > 0, true);
    const at = lines[caret].indexOf('^');
    const src = text.split('\n')[line - 1];
    assert.equal(excerpt[at], src[column - 1], `the caret points at the character (${out})`);
  }
});

test('check advises linking the locations of a feed made large by writing them inline, and only then', async () => {
  const d = dir();
  const f = minimalFeed();
  for (let i = 0; i < 3000; i++) (f.locations as unknown[]).push(feature(`big${i}`, 4 + (i % 100) / 100, 50 + Math.floor(i / 100) / 100, { name: `Boutique ${i}`, categories: ['shop'], description: 'Vêtements, livres et objets de seconde main, triés par une entreprise d’insertion.'.repeat(3) }));
  writeFileSync(join(d, 'feed.json'), JSON.stringify(f));
  const io = capture();
  await main(['check', join(d, 'feed.json')], io);
  const advice = io.lines.filter((x) => x.includes('large-inline-locations') || x.includes('written inline'));
  assert.equal(advice.length, 1, io.lines.join('\n'));
  assert.match(advice[0], /3,00\d locations written inline make the feed \d+\.\d MB/);
  assert.match(advice[0], /"href": "locations\.geojson"/);
  const small = capture();
  writeFileSync(join(d, 'small.json'), JSON.stringify(minimalFeed()));
  await main(['check', join(d, 'small.json')], small);
  assert.equal(small.lines.filter((x) => x.includes('written inline')).length, 0);
});

test('check refuses a document larger than a browser can read (500 MB), feed or locations file, and says to tile it', async () => {
  const d = dir();
  // Sparse files of 600 MB: check must refuse them from their size, before reading a byte.
  writeFileSync(join(d, 'huge.json'), '');
  truncateSync(join(d, 'huge.json'), 600_000_000);
  writeFileSync(join(d, 'locations.geojson'), '');
  truncateSync(join(d, 'locations.geojson'), 600_000_000);
  writeFileSync(join(d, 'feed.json'), JSON.stringify(minimalFeed({ locations: { href: 'locations.geojson' } })));
  for (const [file, named] of [['huge.json', 'huge.json'], ['feed.json', 'locations.geojson']]) {
    const io = capture();
    const code = await main(['check', join(d, file)], io);
    const out = io.lines.join('\n');
    assert.equal(code, 1, out);
    assert.match(out, new RegExp(`${named.replace('.', '\\.')} is 600 MB: more than a browser can read as one document`), out);
    assert.match(out, /ess-feed tile/);
  }
});

test('check warns of impossible coordinates, each with its record and a suggestion, and still counts the points', async () => {
  const d = dir();
  const f = minimalFeed();
  (f.locations as unknown[]).push(
    feature('null-island', 0, 0, { name: 'Zero', categories: ['shop'] }),
    // Longitude and latitude swapped: its address says Belgium.
    feature('swapped', 50.4669, 4.8675, { name: 'Swapped', categories: ['shop'], address: { locality: 'Namur', country: 'BE' } }),
    // In Belgium by its address, in Spain by its point (not a swap).
    feature('in-spain', -3.7, 40.4, { name: 'Madrid?', categories: ['shop'], address: { locality: 'Liège', country: 'BE' } }),
  );
  writeFileSync(join(d, 'feed.json'), JSON.stringify(f));
  const io = capture();
  await main(['check', join(d, 'feed.json')], io);
  const out = io.lines.join('\n');
  const about = (id: string) => io.lines.filter((x) => x.startsWith('warning') && x.includes(`location "${id}"`));
  assert.equal(about('null-island').length, 1, out);
  assert.match(about('null-island')[0], /\$\.locations\[3\]\.geometry\.coordinates: location "null-island" is at \[0, 0\]/);
  assert.equal(about('swapped').length, 1, out);
  assert.match(about('swapped')[0], /longitude and latitude look swapped: did you mean \[4\.8675, 50\.4669\]/);
  assert.equal(about('in-spain').length, 1, out);
  assert.match(about('in-spain')[0], /"in-spain" is in BE by its address, but \[-3\.7, 40\.4\] is outside it/);
  assert.match(out, /3 warning\(s\)/);
  // Warnings, not errors: the three points are still counted.
  assert.match(out, new RegExp(`${(minimalFeed().locations as unknown[]).length + 3} location\\(s\\)`));
});
