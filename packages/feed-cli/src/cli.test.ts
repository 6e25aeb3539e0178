import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { main, type Io } from './cli.js';
import { build, buildToDir, type BuildConfig } from './build.js';
import { checkConfig, ConfigError } from './config.js';
import { startServer } from './serve.js';
import { today } from './stats.js';

const EXAMPLES = new URL('../examples/', import.meta.url).pathname;
const CONFIG = join(EXAMPLES, 'ess-feed.config.json');
const CLI = new URL('./cli.ts', import.meta.url).pathname;
const config = (): BuildConfig => JSON.parse(readFileSync(CONFIG, 'utf8'));
const tmp = () => mkdtempSync(join(tmpdir(), 'ess-feed-'));

function capture(): Io & { lines: string[]; errors: string[]; text(): string } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), text: () => lines.join('\n') };
}

function csv(dir: string, name: string, text: string, bom = false): string {
  const p = join(dir, name);
  writeFileSync(p, (bom ? '\uFEFF' : '') + text);
  return p;
}

const HEADER = 'id;nom;naam;type;matieres;rue;cp;commune;region;latitude;longitude;horaires;telephone;site;organisation';
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const builtExample = async () => {
  const dir = tmp();
  assert.equal(await main(['build', '--config', CONFIG, '--out', dir, join(EXAMPLES, 'boutiques.csv')], capture()), 0);
  return dir;
};

test('build: the CSV quirks end up as the right feed values (quotes, line breaks, decimal commas, BOM)', () => {
  const dir = tmp();
  const file = csv(dir, 'a.csv', `${HEADER}\r\nx1;"Atelier ""Chez Léa""";Léa;repair;;"Rue Haute 1\r\nboîte 2";5000;Namur;BE-WAL;50,4669;4,8675;;;www.lea.example.org;\r\n`, true);
  const r = build(config(), [file], { configDir: EXAMPLES });
  assert.deepEqual(r.problems, []);
  const f = r.locations.features[0] as unknown as { geometry: { coordinates: number[] }; properties: { name: { fr: string }; address: { street: string }; website: string } };
  assert.equal(f.properties.name.fr, 'Atelier "Chez Léa"');
  assert.equal(f.properties.address.street, 'Rue Haute 1\nboîte 2');
  assert.deepEqual(f.geometry.coordinates, [4.8675, 50.4669]);
  assert.equal(f.properties.website, 'https://www.lea.example.org', 'a web address typed without https:// gets it');
});

test('build: a broken CSV reports each bad row with its line and column, and still builds the good rows', () => {
  const dir = tmp();
  const file = csv(dir, 'broken.csv', [
    HEADER,
    'good-1;Bonne;Goed;shop;textile;;5000;Namur;BE-WAL;50.46;4.86;;;;', // 2
    'bad-coord;Mauvaise;Slecht;shop;;;;;;fifty;4.86;;;;', // 3
    'bad-cat;Inconnue;Onbekend;spaceport;;;;;;50.4;4.8;;;;', // 4
    'good-1;Doublon;Dubbel;shop;;;;;;50.4;4.8;;;;', // 5
    '"multi";"Sur', // 6
    'deux lignes";X;repair;;;;;;50.1;4.1;;not a phone;;', // 7
    'no-coords;Sans;Zonder;shop;;;9999;Nulle part;;;;;;;', // 8
    'good-2;Bonne 2;Goed 2;collection-point|shop|moon;;;;;;50.5;4.9;;;javascript:alert(1);', // 9
    'short;Court;Kort;shop;;;;;;50.5;4.9', // 10: a missing column
    'extra;Nom; avec point-virgule;Naam;shop;;;;;;50.5;4.9;;;;', // 11: one column too many
    ';Sans id;Zonder id;shop;;;;;;50.5;4.9;;;;', // 12
  ].join('\n'));
  const r = build(config(), [file], { configDir: EXAMPLES });
  const by = (code: string) => r.problems.filter((p) => p.code === code).map((p) => [p.line, p.column]);
  assert.deepEqual(by('bad-coordinates'), [[3, 'latitude']]);
  // An unknown category is one message: an error when the row has no other (line 4), a warning otherwise (line 9).
  assert.deepEqual(by('unknown-value'), [[4, 'type'], [9, 'type']]);
  assert.deepEqual(r.problems.filter((p) => p.code === 'unknown-value').map((p) => p.severity), ['error', 'warning']);
  assert.deepEqual(by('duplicate-id'), [[5, 'id']]);
  assert.deepEqual(by('bad-phone'), [[6, 'telephone']]);
  assert.deepEqual(by('no-coordinates'), [[8, 'latitude']]);
  assert.deepEqual(by('unsafe-url'), [[9, 'site']]);
  assert.deepEqual(by('wrong-cell-count'), [[10, undefined], [11, undefined]]);
  assert.deepEqual(by('no-id'), [[12, 'id']], 'a row without id gets one made from its name, with a warning');
  assert.equal(r.problems.length, 10);
  assert.ok(r.problems.every((p) => p.where.startsWith(`${file}:${p.line}`)), 'each problem names its file and line');
  assert.match(r.problems.find((p) => p.code === 'duplicate-id')!.message, /id "good-1" is already used at line 2; the row was skipped/);
  assert.match(r.problems.find((p) => p.line === 10)!.message, /11 cells where the header has 15: a separator \(";"\) is missing/);
  assert.match(r.problems.find((p) => p.line === 11)!.message, /16 cells .* is extra \(a cell containing one must be quoted\)/);
  assert.deepEqual(r.locations.features.map((f) => f.id), ['good-1', 'good-2', 'multi', 'sans-id']);
  assert.equal(r.rows, 10, "the two-line row counts once");
  // What the widgets would drop is not written: the unknown category, the unsafe link, the bad phone.
  const props = Object.fromEntries(r.locations.features.map((f) => [f.id, f.properties]));
  assert.deepEqual(props['good-2'].categories, ['collection-point', 'shop']);
  assert.equal(props['good-2'].website, undefined);
  assert.equal(props.multi.phone, undefined);
  assert.deepEqual(props.multi.name, { fr: 'Sur\ndeux lignes', nl: 'X' });
});

test('build: a missing column stops the build, names the columns found, and writes nothing', async () => {
  const dir = tmp();
  const file = csv(dir, 'short.csv', 'id;naam\nx;y\n');
  const io = capture();
  assert.equal(await main(['build', '--config', CONFIG, '--out', dir, file], io), 1);
  assert.match(io.lines[0], /^error {4}.*short\.csv:1: no column "type" \(the columns are: id, naam\)/);
  assert.match(io.text(), /Nothing was written \(a problem above stops the build\)/);
  assert.equal(existsSync(join(dir, 'feed.json')), false);
  // An optional column that is mapped but absent is a warning: a typo in the config does not silently drop data.
  const other = csv(dir, 'no-site.csv', 'id;nom;type;latitude;longitude\nx;X;shop;50;4\n');
  const r = build(config(), [other], { configDir: EXAMPLES });
  assert.ok(r.problems.some((p) => p.code === 'missing-column' && p.severity === 'warning' && p.column === 'site' && /rows have no website/.test(p.message)));
  assert.equal(r.kept, 1);
});

test('build: the config is checked first, one sentence per mistake', async () => {
  assert.throws(() => checkConfig({ publisher: {}, categories: [], columns: { nom: 'x', lat: 'latitude' } }, 'c.json'), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.deepEqual(e.problems, [
      '"publisher" must be an object with a "name", e.g. {"name": "Ressources"}',
      '"categories" must list at least one category, e.g. [{"id": "shop", "label": {"fr": "Boutique"}}]',
      `"columns" has "nom", which is not a feed property (use id, name, description, lat, lon, categories, materials, labels, services, organization, street, postcode, locality, region, country, openingHours, phone, email, website, report, wheelchair)`,
      '"columns.name" is required',
      '"columns.categories" (or "defaults.categories") is required',
      '"columns.lat" and "columns.lon" go together',
    ]);
    return true;
  });
  const dir = tmp();
  writeFileSync(join(dir, 'bad.json'), '{\n  "publisher": {"name": "X"},\n  "columns": {"id": "id",}\n}');
  const io = capture();
  assert.equal(await main(['build', '--config', join(dir, 'bad.json'), '--out', dir, join(EXAMPLES, 'boutiques.csv')], io), 1);
  assert.match(io.lines[0], /bad\.json: is not valid JSON: .* at line 3, column 26/);
  assert.deepEqual(readdirSync(dir), ['bad.json']);
});

test('build: a gazetteer places rows by postcode (by locality when a postcode has several places); nothing else is guessed', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'gaz.csv'), 'code postal;commune;lat;lon\n1300;Wavre;50,717;4,601\n1340;Ottignies;50,666;4,566\n1340;Louvain-la-Neuve;50,668;4,612\n');
  const cfg = { ...config(), gazetteer: 'gaz.csv' };
  const file = csv(dir, 'g.csv', [
    HEADER,
    'a;A;A;shop;;;1300;Wavre;;;;;;;',
    'b;B;B;shop;;;1340;Louvain-la-Neuve;;;;;;;',
    'c;C;C;shop;;;1340;;;;;;;;',
    'd;D;D;shop;;;9999;;;;;;;;',
    'e;E;E;shop;;;;;;50,5;;;;;',
  ].join('\n'));
  const r = build(cfg, [file], { configDir: dir });
  assert.deepEqual(r.locations.features.map((f) => [f.id, f.geometry.coordinates]), [['a', [4.601, 50.717]], ['b', [4.612, 50.668]]]);
  assert.equal(r.byPostcode, 2);
  assert.deepEqual(r.problems.map((p) => [p.line, p.code]), [[4, 'no-coordinates'], [5, 'no-coordinates'], [6, 'bad-coordinates']]);
  assert.match(r.problems[0].message, /postcode 1340 has 2 places in the gazetteer \(Ottignies, Louvain-la-Neuve\)/);
  assert.match(r.problems[1].message, /postcode 9999 is not in the gazetteer/);
  assert.match(r.problems[2].message, /has a latitude but no longitude/);
});

test('build: the same input gives the same bytes, sorted by id, one feature a line', async () => {
  const a = await builtExample();
  const b = await builtExample();
  for (const f of ['feed.json', 'locations.geojson']) assert.equal(read(a, f), read(b, f));
  const lines = read(a, 'locations.geojson').split('\n');
  assert.equal(lines.length, 3 + 3);
  const ids = JSON.parse(read(a, 'locations.geojson')).features.map((f: { id: string }) => f.id);
  assert.deepEqual(ids, ['bubble-gembloux', 'repair-liege', 'shop-namur']);
  assert.ok(read(a, 'feed.json').endsWith('}\n'));
  // Rows in another order, another file split: the same output.
  const dir = tmp();
  const [head, ...rows] = readFileSync(join(EXAMPLES, 'boutiques.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n(?=[a-z]+-)/);
  const one = csv(dir, 'one.csv', `${head}\n${rows.slice(1).join('\n')}`);
  const two = csv(dir, 'two.csv', `${head}\n${rows[0]}\n`);
  const out = tmp();
  assert.equal(await main(['build', '--config', CONFIG, '--out', out, two, one], capture()), 0);
  assert.equal(read(out, 'locations.geojson'), read(a, 'locations.geojson'));
});

test('build: a failure mid-write leaves the previous feed intact and no temporary file', () => {
  const out = tmp();
  buildToDir(CONFIG, [join(EXAMPLES, 'boutiques.csv')], out);
  const before = ['feed.json', 'locations.geojson'].map((f) => read(out, f));
  const dir = tmp();
  const other = csv(dir, 'other.csv', `${HEADER}\nz;Zed;Zed;shop;;;;;;50;4;;;;\n`);
  for (const hooks of [
    { afterChunk: () => { throw new Error('disk full'); } }, // while the first file is being written
    { afterWrite: (p: string) => { if (p.includes('feed.json')) throw new Error('disk full'); } }, // both written, none renamed
  ]) {
    assert.throws(() => buildToDir(CONFIG, [other], out, { hooks }), /disk full/);
    assert.deepEqual(['feed.json', 'locations.geojson'].map((f) => read(out, f)), before);
    assert.deepEqual(readdirSync(out).sort(), ['feed.json', 'locations.geojson', 'places.geojson']);
  }
});

test('build: a process killed mid-write leaves the previous feed intact; the next build clears its leftovers', async () => {
  const out = tmp();
  buildToDir(CONFIG, [join(EXAMPLES, 'boutiques.csv')], out);
  const before = ['feed.json', 'locations.geojson'].map((f) => read(out, f));
  const dir = tmp();
  const rows = Array.from({ length: 30_000 }, (_, i) => `k${i};Nom ${i};Naam ${i};shop;;;;;;50,${i};4,5;;;;`);
  const big = csv(dir, 'big.csv', `${HEADER}\n${rows.join('\n')}\n`);
  // A real SIGKILL after the first block of the locations file reached the disk.
  const script = `import { buildToDir } from ${JSON.stringify(new URL('./build.ts', import.meta.url).pathname)};
    buildToDir(${JSON.stringify(CONFIG)}, [${JSON.stringify(big)}], ${JSON.stringify(out)}, { hooks: { afterChunk: () => process.kill(process.pid, 'SIGKILL') } });`;
  const r = spawnSync(process.execPath, ['--conditions=ess-source', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  assert.deepEqual(['feed.json', 'locations.geojson'].map((f) => read(out, f)), before);
  const left = readdirSync(out).filter((f) => f.includes('.tmp-'));
  assert.equal(left.length, 1, 'the killed run left its temporary file');
  assert.equal(await main(['build', '--config', CONFIG, '--out', out, big], capture()), 0);
  assert.deepEqual(readdirSync(out).sort(), ['feed.json', 'locations.geojson', 'places.geojson']);
  assert.equal(JSON.parse(read(out, 'locations.geojson')).features.length, 30_000);
});

test('build: nothing is written when no row can be used, or with --strict on any problem', async () => {
  const out = await builtExample();
  const before = read(out, 'locations.geojson');
  const dir = tmp();
  const bad = csv(dir, 'bad.csv', `${HEADER}\nz;Zed;Zed;shop;;;;;;north;4;;;;\n`);
  const io = capture();
  assert.equal(await main(['build', '--config', CONFIG, '--out', out, bad], io), 1);
  assert.match(io.lines.at(-1)!, /1 row\(s\) read, 0 location\(s\) kept; 1 error\(s\), 0 warning\(s\)\. Nothing was written \(no row could be used\)\.$/);
  const mixed = csv(dir, 'mixed.csv', `${HEADER}\ny;Y;Y;shop;books;;;;;50;4;;;;\n`);
  assert.equal(await main(['build', '--strict', '--config', CONFIG, '--out', out, mixed], capture()), 1);
  assert.equal(read(out, 'locations.geojson'), before);
  const json = capture();
  assert.equal(await main(['build', '--json', '--config', CONFIG, '--out', out, mixed], json), 0);
  const report = JSON.parse(json.text());
  assert.deepEqual([report.rows, report.kept, report.errors, report.warnings], [1, 1, 0, 1]);
  assert.deepEqual([report.problems[0].line, report.problems[0].column, report.problems[0].code], [2, 'matieres', 'unknown-value']);
});

test('check: exit 0 with a summary, 1 on an unusable feed, 1 with --strict on any problem, 2 on misuse', async () => {
  const dir = await builtExample();
  const ok = capture();
  assert.equal(await main(['check', join(dir, 'feed.json')], ok), 0);
  assert.match(ok.lines.at(-1)!, /3 location\(s\), 0 campaign\(s\), 0 stat\(s\); 0 record\(s\) skipped, 0 warning\(s\)\.$/);
  const feed = JSON.parse(read(dir, 'feed.json'));
  feed.categories.push({ id: 'bad', label: 'Bad', color: 'red' });
  writeFileSync(join(dir, 'warn.json'), JSON.stringify(feed));
  const warn = capture();
  assert.equal(await main(['check', join(dir, 'warn.json')], warn), 0);
  assert.match(warn.lines[0], /^warning .*warn\.json \$\.categories\[3\]\.color: color must be a hex colour/);
  assert.equal(await main(['check', '--strict', join(dir, 'warn.json')], capture()), 1);
  const json = capture();
  assert.equal(await main(['check', '--json', join(dir, 'warn.json')], json), 0);
  const report = JSON.parse(json.text());
  assert.deepEqual([report.problems[0].code, report.problems[0].path, report.warnings, report.counts.locations], ['bad-color', '$.categories[3].color', 1, 3]);

  writeFileSync(join(dir, 'array.json'), '[1, 2]');
  const fatal = capture();
  assert.equal(await main(['check', join(dir, 'array.json')], fatal), 1);
  assert.match(fatal.text(), /must be a JSON object/);
  writeFileSync(join(dir, 'cut.json'), '{"version": 1,\n "publ');
  const cut = capture();
  assert.equal(await main(['check', join(dir, 'cut.json')], cut), 1);
  assert.match(cut.text(), /cut\.json is not valid JSON: .*line 2/);
  assert.equal(await main(['check', join(dir, 'nowhere.json')], capture()), 1);
  assert.equal(await main(['check', '--json', join(dir, 'array.json')], capture()), 1);
  assert.equal(await main(['check'], capture()), 2);
  assert.equal(await main(['check', 'a.json', 'b.json'], capture()), 2);
  assert.equal(await main(['check', join(EXAMPLES, 'boutiques.csv')], capture()), 2, 'a CSV needs its config');
  assert.equal(await main(['frobnicate'], capture()), 2);
});

test('check follows the locations file and reports its problems with their file and path', async () => {
  const dir = await builtExample();
  const loc = JSON.parse(read(dir, 'locations.geojson'));
  loc.features[1].geometry.coordinates = [500, 50];
  loc.features[2].properties.website = 'file:///etc/passwd';
  writeFileSync(join(dir, 'locations.geojson'), JSON.stringify(loc));
  const io = capture();
  assert.equal(await main(['check', join(dir, 'feed.json')], io), 0);
  assert.match(io.lines[0], /^error {4}.*locations\.geojson \$\.features\[1\]\.geometry\.coordinates: .*outside the Earth/);
  assert.match(io.lines[1], /^warning .*locations\.geojson \$\.features\[2\]\.properties\.website: links starting with "file:" are not allowed/, 'a local check refuses what the widgets refuse');
  assert.match(io.lines.at(-1)!, /2 location\(s\).*1 record\(s\) skipped, 1 warning\(s\)/);
  writeFileSync(join(dir, 'locations.geojson'), '{"type": "Feature"}');
  const broken = capture();
  assert.equal(await main(['check', join(dir, 'feed.json')], broken), 1);
  assert.match(broken.text(), /fatal +.*locations\.geojson \$\.type: The locations file must be a GeoJSON FeatureCollection/);
});

test('check over http follows the href, and says when the server sends no CORS header', async () => {
  const dir = await builtExample();
  const server = await startServer(dir, { port: 0 });
  try {
    const { port } = server.address() as AddressInfo;
    const io = capture();
    assert.equal(await main(['check', '--strict', `http://127.0.0.1:${port}/feed.json`], io), 0);
    assert.match(io.lines.at(-1)!, /3 location\(s\).*0 warning\(s\)/);
    assert.equal(await main(['check', `http://127.0.0.1:${port}/missing.json`], capture()), 1);
  } finally {
    server.close();
  }
  // A server without CORS: the widgets on other sites could not read it.
  const { createServer } = await import('node:http');
  const bare = createServer((req, res) => res.end(read(dir, req.url === '/feed.json' ? 'feed.json' : 'locations.geojson')));
  await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
  try {
    const io = capture();
    assert.equal(await main(['check', `http://127.0.0.1:${(bare.address() as AddressInfo).port}/feed.json`], io), 0);
    assert.equal(io.lines.filter((l) => /no-cors|Access-Control-Allow-Origin/.test(l)).length, 2);
  } finally {
    bare.close();
  }
});

test('check --config: CSV files checked as build reads them, nothing written', async () => {
  const dir = tmp();
  const io = capture();
  const file = csv(dir, 'c.csv', `${HEADER}\nq;Q;Q;shop;;;;;;50;4;;;;\nr;R;R;shop;;;;;;;4;;;;\n`);
  // A row left out fails the check, unless --allow-skipped.
  assert.equal(await main(['check', '--config', CONFIG, file], io), 1);
  assert.match(io.lines[0], /c\.csv:3 \(column latitude\): location "r" has a longitude but no latitude/);
  assert.match(io.lines.at(-1)!, /2 row\(s\) read, 1 location\(s\) kept; 1 error\(s\).*1 row\(s\) would be left out \(check only, nothing written\)/);
  assert.equal(await main(['check', '--allow-skipped', '--config', CONFIG, file], capture()), 0);
  assert.equal(await main(['check', '--strict', '--config', CONFIG, file], capture()), 1);
  assert.deepEqual(readdirSync(dir), ['c.csv']);
});

test('stats counts like the sector counter; --write adds dated stats that pass check', async () => {
  const dir = await builtExample();
  const io = capture();
  assert.equal(await main(['stats', '--json', join(dir, 'feed.json')], io), 0);
  const counts = JSON.parse(io.text());
  assert.deepEqual(counts, {
    total: 3, categories: { 'collection-point': 1, repair: 1, shop: 1 }, materials: { appliances: 1, furniture: 1, textile: 2 },
    regions: { 'BE-WAL': 3 }, organizations: { 'la-bricole': 2 }, labels: {},
  });
  const table = capture();
  assert.equal(await main(['stats', join(dir, 'feed.json')], table), 0);
  assert.match(table.text(), /^total {2}3\n\ncategories\n {2}collection-point {8}1\n/);
  const feed = JSON.parse(read(dir, 'feed.json'));
  feed.stats = [{ id: 'jobs', value: 7900, label: 'jobs' }, { id: 'count-old', value: 1, label: 'gone' }];
  writeFileSync(join(dir, 'feed.json'), JSON.stringify(feed));
  assert.equal(await main(['stats', '--write', join(dir, 'feed.json')], capture()), 0);
  const stats = JSON.parse(read(dir, 'feed.json')).stats;
  assert.deepEqual(stats.map((s: { id: string; value: number }) => [s.id, s.value]), [
    ['jobs', 7900], ['count-locations', 3], ['count-category-collection-point', 1], ['count-category-repair', 1], ['count-category-shop', 1],
    ['count-material-appliances', 1], ['count-material-furniture', 1], ['count-material-textile', 2], ['count-region-BE-WAL', 3], ['count-organization-la-bricole', 2],
  ]);
  assert.equal(stats[1].asOf, today());
  assert.deepEqual(stats[2].label, { fr: 'Bulle à textiles', nl: 'Textielcontainer' });
  assert.equal(stats[8].region, 'BE-WAL');
  assert.equal(await main(['check', '--strict', join(dir, 'feed.json')], capture()), 0);
  // Stats kept in their own file: that file is updated.
  const linked = JSON.parse(read(dir, 'feed.json'));
  writeFileSync(join(dir, 'stats.json'), JSON.stringify(linked.stats.slice(0, 1)));
  linked.stats = { href: 'stats.json' };
  writeFileSync(join(dir, 'feed.json'), JSON.stringify(linked));
  assert.equal(await main(['stats', '--write', join(dir, 'feed.json')], capture()), 0);
  assert.equal(JSON.parse(read(dir, 'stats.json')).length, 10);
  assert.deepEqual(JSON.parse(read(dir, 'feed.json')).stats, { href: 'stats.json' });
});

test('merge: ids namespaced, publishers kept, categories reconciled by id, conflicts reported', async () => {
  const a = await builtExample();
  const b = tmp();
  const cfg = config();
  cfg.publisher = { name: 'Autre fédération' };
  cfg.languages = ['fr', 'de'];
  (cfg.categories[0] as { color: string; label: Record<string, string> }).color = '#000000';
  (cfg.categories[1] as { label: Record<string, string> }).label = { fr: 'Atelier de réparation', de: 'Reparaturwerkstatt' };
  (cfg.categories[2] as { label: Record<string, string> }).label = { fr: 'Point de collecte' };
  cfg.stats = [{ id: 'jobs', value: 900, label: { fr: 'emplois' }, region: 'BE-WAL' }];
  writeFileSync(join(b, 'config.json'), JSON.stringify({ ...cfg, gazetteer: join(EXAMPLES, 'codes-postaux.csv') }));
  assert.equal(await main(['build', '--config', join(b, 'config.json'), '--out', b, join(EXAMPLES, 'boutiques.csv')], capture()), 0);
  const out = tmp();
  const io = capture();
  assert.equal(await main(['merge', join(a, 'feed.json'), join(b, 'feed.json'), '--out', out], io), 0);
  const feed = JSON.parse(read(out, 'feed.json'));
  const loc = JSON.parse(read(out, 'locations.geojson'));
  assert.deepEqual(feed.sources.map((s: { name: string; namespace: string }) => [s.name, s.namespace]), [["Réseau d'exemple", 'reseau-d-exemple'], ['Autre fédération', 'autre-federation']]);
  assert.equal(feed.publisher.name, "Réseau d'exemple");
  assert.deepEqual(feed.languages, ['fr', 'nl', 'de']);
  assert.equal(loc.features.length, 6);
  const f = loc.features.find((x: { id: string }) => x.id === 'autre-federation:shop-namur');
  assert.equal(f.properties.organization, 'autre-federation:la-bricole');
  assert.deepEqual(feed.organizations.map((o: { id: string }) => o.id), ['autre-federation:la-bricole', 'reseau-d-exemple:la-bricole']);
  assert.deepEqual(feed.categories.map((c: { id: string }) => c.id), ['shop', 'repair', 'collection-point']);
  assert.equal(feed.categories[0].color, '#00695c', 'the first definition wins');
  assert.deepEqual(feed.categories[1].label, { fr: 'Atelier de réparation', nl: 'Herstelatelier', de: 'Reparaturwerkstatt' }, 'translations combined');
  assert.deepEqual(feed.stats, [{ id: 'autre-federation:jobs', value: 900, label: { fr: 'emplois' }, region: 'BE-WAL' }]);
  const conflicts = io.lines.filter((l) => l.startsWith('conflict'));
  assert.match(conflicts[0], /category "shop": autre-federation gives color "#000000", reseau-d-exemple "#00695c"; reseau-d-exemple's was kept/);
  assert.match(conflicts[1], /category "collection-point": autre-federation labels it \{"fr":"Point de collecte"\} \(fr\), reseau-d-exemple/);
  assert.match(conflicts[2], /location "autre-federation:bubble-gembloux" looks like "reseau-d-exemple:bubble-gembloux" \(same name, same place\)/);
  assert.equal(conflicts.length, 5);
  assert.match(io.lines.at(-1)!, /2 feeds: 6 location\(s\), 5 conflict\(s\)\. Written:/);
  assert.equal(await main(['check', '--strict', join(out, 'feed.json')], capture()), 0, 'the merged feed is valid');
  const strictOut = tmp();
  assert.equal(await main(['merge', join(a, 'feed.json'), join(b, 'feed.json'), '--out', strictOut, '--strict'], capture()), 1);
  assert.deepEqual(readdirSync(strictOut), []);
  assert.equal(await main(['merge', join(a, 'feed.json'), join(b, 'feed.json'), '--out', strictOut, '--prefix', 'x,x'], capture()), 0);
  assert.equal(await main(['merge', join(a, 'feed.json'), join(b, 'feed.json'), '--out', strictOut, '--prefix', 'only-one'], capture()), 2);
  copyFileSync(join(a, 'feed.json'), join(b, 'lonely.json'));
  assert.equal(await main(['merge', join(a, 'feed.json'), join(b, 'missing.json'), '--out', strictOut], capture()), 1);
});

test('--help for every command; the real command exits with the same codes', async () => {
  for (const c of ['build', 'check', 'stats', 'merge', 'serve']) {
    const io = capture();
    assert.equal(await main([c, '--help'], io), 0);
    assert.match(io.lines[0], new RegExp(`^Usage: ess-feed ${c}`));
  }
  const io = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.lines[0], /build, check and serve/);
  const run = (...args: string[]) => spawnSync(process.execPath, ['--conditions=ess-source', '--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
  const dir = await builtExample();
  assert.equal(run('check', join(dir, 'feed.json')).status, 0);
  writeFileSync(join(dir, 'bad.json'), '{}');
  const bad = run('check', join(dir, 'bad.json'));
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /has no "version"/);
  assert.equal(run('check').status, 2);
  assert.match(run('check').stderr, /^ess-feed check: give one feed file or URL/);
});

test('serve from the command line: loopback, a free port, stops on SIGTERM', async () => {
  const dir = await builtExample();
  const child = spawn(process.execPath, ['--conditions=ess-source', '--import', 'tsx', CLI, 'serve', dir, '--port', '0']);
  const line = await new Promise<string>((ok) => child.stdout.once('data', (d) => ok(String(d))));
  const m = /at http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
  assert.ok(m, line);
  const res = await fetch(`http://127.0.0.1:${m[1]}/feed.json`);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal((await res.json()).version, 1);
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  assert.equal(code, 0);
});
