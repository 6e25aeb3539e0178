import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { main, type Io } from './cli.js';
import { build, buildToDir, cellsOf, parseCoordinate, readCsv, type BuildConfig } from './build.js';
import { startServer } from './serve.js';

const EXAMPLES = new URL('../examples/', import.meta.url).pathname;
const config = (): BuildConfig => JSON.parse(readFileSync(join(EXAMPLES, 'ess-feed.config.json'), 'utf8'));
const tmp = () => mkdtempSync(join(tmpdir(), 'ess-feed-'));

function capture(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

function csv(dir: string, name: string, text: string, bom = false): string {
  const p = join(dir, name);
  writeFileSync(p, (bom ? '\uFEFF' : '') + text);
  return p;
}

const HEADER = 'id;nom;naam;type;matieres;rue;cp;commune;region;latitude;longitude;horaires;telephone;site;organisation';

test('CSV quirks: semicolons, BOM, Excel quoting with doubled quotes and line breaks, decimal commas', () => {
  const dir = tmp();
  const file = csv(dir, 'a.csv', `${HEADER}\r\nx1;"Atelier ""Chez Léa""";Léa;repair;;"Rue Haute 1\r\nboîte 2";5000;Namur;BE-WAL;50,4669;4,8675;;;;\r\n`, true);
  const r = build(config(), [file], { configDir: EXAMPLES });
  assert.deepEqual(r.problems, []);
  const f = r.locations.features[0] as { geometry: { coordinates: number[] }; properties: { name: { fr: string }; address: { street: string } } };
  assert.equal(f.properties.name.fr, 'Atelier "Chez Léa"');
  assert.equal(f.properties.address.street, 'Rue Haute 1\r\nboîte 2');
  assert.deepEqual(f.geometry.coordinates, [4.8675, 50.4669]);
});

test('CSV quirks: commas as separator, UTF-8 without BOM', () => {
  const { header, rows } = readCsv('id,nom,latitude\nx,"Namur, centre",50.1\n', 'b.csv');
  assert.deepEqual(header, ['id', 'nom', 'latitude']);
  assert.deepEqual([rows[0].file, rows[0].line, cellsOf(rows[0])], ['b.csv', 2, { id: 'x', nom: 'Namur, centre', latitude: '50.1' }]);
  assert.equal(parseCoordinate('50,4669'), 50.4669);
  assert.equal(parseCoordinate(' 4.8675 '), 4.8675);
  assert.ok(Number.isNaN(parseCoordinate('50°28′')));
});

test('a broken CSV reports each bad row with its line and column and still builds the good rows', () => {
  const dir = tmp();
  const file = csv(dir, 'broken.csv', [
    HEADER,
    'good-1;Bonne;Goed;shop;textile;;5000;Namur;BE-WAL;50.46;4.86;;;;',
    'bad-coord;Mauvaise;Slecht;shop;;;;;;fifty;4.86;;;;',
    'bad-cat;Inconnue;Onbekend;spaceport;;;;;;50.4;4.8;;;;',
    'good-1;Doublon;Dubbel;shop;;;;;;50.4;4.8;;;;',
    '"multi";"Sur',
    'deux lignes";X;repair;;;;;;50.1;4.1;;not a phone;;',
    'no-coords;Sans;Zonder;shop;;;9999;Nulle part;;;;;;;',
    'good-2;Bonne 2;Goed 2;collection-point;;;;;;50.5;4.9;;;javascript:alert(1);',
  ].join('\n'));
  const r = build(config(), [file], { configDir: EXAMPLES });
  const by = (code: string) => r.problems.filter((p) => p.code === code).map((p) => [p.line, p.column]);
  assert.deepEqual(by('bad-coordinates'), [[3, 'latitude']]);
  assert.deepEqual(by('no-known-category'), [[4, 'type']]);
  assert.deepEqual(by('duplicate-id'), [[5, 'id']]);
  assert.deepEqual(by('bad-phone'), [[6, 'telephone']]);
  assert.deepEqual(by('no-coordinates'), [[8, 'latitude']]);
  assert.deepEqual(by('unsafe-url'), [[9, 'site']]);
  assert.ok(r.problems.every((p) => p.where.startsWith(`${file}:`)), 'each problem names its file and line');
  assert.deepEqual(r.locations.features.map((f) => f.id), ['good-1', 'good-2', 'multi']);
});

test('a missing column stops the build with the columns it found', async () => {
  const dir = tmp();
  const file = csv(dir, 'short.csv', 'id;naam\nx;y\n');
  const io = capture();
  const code = await main(['build', '--config', join(EXAMPLES, 'ess-feed.config.json'), '--out', dir, file], io);
  assert.equal(code, 1);
  assert.match(io.lines[0], /has no column "nom", "type" \(its columns: id, naam\)/);
  assert.equal(existsSync(join(dir, 'feed.json')), false);
});

test('output is stable: the same input gives the same bytes, sorted by id', async () => {
  const a = tmp();
  const b = tmp();
  for (const out of [a, b]) assert.equal(await main(['build', '--config', join(EXAMPLES, 'ess-feed.config.json'), '--out', out, join(EXAMPLES, 'boutiques.csv')], capture()), 0);
  for (const f of ['feed.json', 'locations.geojson']) assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'));
  const ids = JSON.parse(readFileSync(join(a, 'locations.geojson'), 'utf8')).features.map((f: { id: string }) => f.id);
  assert.deepEqual(ids, [...ids].sort());
});

test('an interrupted build leaves the previous feed intact and no temporary file', () => {
  const out = tmp();
  buildToDir(join(EXAMPLES, 'ess-feed.config.json'), [join(EXAMPLES, 'boutiques.csv')], out);
  const before = ['feed.json', 'locations.geojson'].map((f) => readFileSync(join(out, f), 'utf8'));
  const dir = tmp();
  const other = csv(dir, 'other.csv', `${HEADER}\nz;Zed;Zed;shop;;;;;;50;4;;;;\n`);
  let writes = 0;
  assert.throws(() => buildToDir(join(EXAMPLES, 'ess-feed.config.json'), [other], out, {
    afterWrite: () => {
      if (++writes === 2) throw new Error('disk full');
    },
  }), /disk full/);
  assert.deepEqual(['feed.json', 'locations.geojson'].map((f) => readFileSync(join(out, f), 'utf8')), before);
  assert.deepEqual(readdirSync(out).sort(), ['feed.json', 'locations.geojson']);
});

test('check: exit 0 with a summary, 1 on a fatal feed, 1 with --strict on any problem, 2 on misuse', async () => {
  const dir = tmp();
  await main(['build', '--config', join(EXAMPLES, 'ess-feed.config.json'), '--out', dir, join(EXAMPLES, 'boutiques.csv')], capture());
  const ok = capture();
  assert.equal(await main(['check', join(dir, 'feed.json')], ok), 0);
  assert.match(ok.lines.at(-1)!, /3 location\(s\), 0 campaign\(s\), 0 stat\(s\); 0 record\(s\) skipped, 0 warning\(s\)\.$/);
  const feed = JSON.parse(readFileSync(join(dir, 'feed.json'), 'utf8'));
  feed.categories.push({ id: 'bad', label: 'Bad', color: 'red' });
  writeFileSync(join(dir, 'warn.json'), JSON.stringify(feed));
  copyFileSync(join(dir, 'locations.geojson'), join(dir, 'locations2.geojson'));
  const warn = capture();
  assert.equal(await main(['check', join(dir, 'warn.json')], warn), 0);
  assert.match(warn.lines[0], /warning .*warn\.json \$\.categories\[3\]\.color: color must be a hex colour/);
  assert.equal(await main(['check', '--strict', join(dir, 'warn.json')], capture()), 1);
  writeFileSync(join(dir, 'array.json'), '[1, 2]');
  const fatal = capture();
  assert.equal(await main(['check', join(dir, 'array.json')], fatal), 1);
  assert.match(fatal.lines.join('\n'), /must be a JSON object/);
  writeFileSync(join(dir, 'cut.json'), '{"version": 1, "publ');
  assert.equal(await main(['check', join(dir, 'cut.json')], capture()), 1);
  const json = capture();
  assert.equal(await main(['check', '--json', join(dir, 'warn.json')], json), 0);
  assert.equal(JSON.parse(json.lines.join('\n')).problems[0].code, 'bad-color');
  assert.equal(await main(['check'], capture()), 2);
  assert.equal(await main(['frobnicate'], capture()), 2);
});

test('check follows the locations file and reports its problems with their path', async () => {
  const dir = tmp();
  await main(['build', '--config', join(EXAMPLES, 'ess-feed.config.json'), '--out', dir, join(EXAMPLES, 'boutiques.csv')], capture());
  const loc = JSON.parse(readFileSync(join(dir, 'locations.geojson'), 'utf8'));
  loc.features[1].geometry.coordinates = [500, 50];
  writeFileSync(join(dir, 'locations.geojson'), JSON.stringify(loc));
  const io = capture();
  assert.equal(await main(['check', join(dir, 'feed.json')], io), 0);
  assert.match(io.lines[0], /^error .*locations\.geojson \$\.features\[1\]\.geometry\.coordinates: .*outside the Earth/);
  assert.match(io.lines.at(-1)!, /2 location\(s\).*1 record\(s\) skipped/);
});

test('stats counts like the sector counter and --write adds dated stats', async () => {
  const dir = tmp();
  await main(['build', '--config', join(EXAMPLES, 'ess-feed.config.json'), '--out', dir, join(EXAMPLES, 'boutiques.csv')], capture());
  const io = capture();
  assert.equal(await main(['stats', '--json', join(dir, 'feed.json')], io), 0);
  const counts = JSON.parse(io.lines.join('\n'));
  assert.deepEqual(counts.categories, { 'collection-point': 1, repair: 1, shop: 1 });
  assert.equal(counts.total, 3);
  assert.equal(await main(['stats', '--write', join(dir, 'feed.json')], capture()), 0);
  const stats = JSON.parse(readFileSync(join(dir, 'feed.json'), 'utf8')).stats;
  assert.deepEqual(stats.map((s: { id: string; value: number }) => [s.id, s.value]), [['count-locations', 3], ['count-collection-point', 1], ['count-repair', 1], ['count-shop', 1]]);
  assert.equal(stats[0].asOf, new Date().toISOString().slice(0, 10));
  assert.equal(await main(['check', '--strict', join(dir, 'feed.json')], capture()), 0);
});

test('merge namespaces ids, keeps publishers, reconciles categories and reports conflicts', async () => {
  const a = tmp();
  const b = tmp();
  await main(['build', '--config', join(EXAMPLES, 'ess-feed.config.json'), '--out', a, join(EXAMPLES, 'boutiques.csv')], capture());
  const cfg = config();
  cfg.publisher = { name: 'Autre fédération' };
  (cfg.categories[0] as { color: string }).color = '#000000';
  writeFileSync(join(b, 'config.json'), JSON.stringify({ ...cfg, gazetteer: join(EXAMPLES, 'codes-postaux.csv') }));
  await main(['build', '--config', join(b, 'config.json'), '--out', b, join(EXAMPLES, 'boutiques.csv')], capture());
  const out = tmp();
  const io = capture();
  assert.equal(await main(['merge', join(a, 'feed.json'), join(b, 'feed.json'), '--out', out], io), 0);
  const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8'));
  const loc = JSON.parse(readFileSync(join(out, 'locations.geojson'), 'utf8'));
  assert.deepEqual(feed.sources.map((s: { namespace: string }) => s.namespace), ['reseau-d-exemple', 'autre-federation']);
  assert.equal(loc.features.length, 6);
  assert.ok(loc.features.some((f: { id: string; properties: { organization?: string } }) => f.id === 'autre-federation:shop-namur' && f.properties.organization === 'autre-federation:la-bricole'));
  assert.deepEqual(feed.categories.map((c: { id: string }) => c.id), ['collection-point', 'repair', 'shop']);
  assert.match(io.lines.find((l) => l.startsWith('conflict'))!, /category "shop" differs in autre-federation/);
  assert.equal(await main(['merge', join(a, 'feed.json'), join(b, 'feed.json'), '--out', out, '--strict'], capture()), 1);
  assert.equal(await main(['check', '--strict', join(out, 'feed.json')], capture()), 0);
});

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

test('serve: loopback, gzip, ETag/304, CORS, and nothing outside its folder', async () => {
  const dir = tmp();
  await main(['build', '--config', join(EXAMPLES, 'ess-feed.config.json'), '--out', dir, join(EXAMPLES, 'boutiques.csv')], capture());
  const server = await startServer(dir, { port: 0 });
  try {
    const { port, address } = server.address() as AddressInfo;
    assert.equal(address, '127.0.0.1');
    const first = await get(port, '/locations.geojson', { 'accept-encoding': 'gzip' });
    assert.equal(first.status, 200);
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.equal(first.headers['access-control-allow-origin'], '*');
    assert.equal(first.headers['content-type'], 'application/geo+json; charset=utf-8');
    assert.equal(JSON.parse(gunzipSync(first.body).toString()).features.length, 3);
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[\w-]+"$/);
    const again = await get(port, '/locations.geojson', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal((await get(port, '/missing.json')).status, 404);
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const r = await get(port, path);
      assert.ok(r.status === 403 || r.status === 404, `${path} answered ${r.status}`);
      assert.ok(!r.body.toString().includes('root:'), path);
    }
  } finally {
    server.close();
  }
});

test('--help for every command', async () => {
  for (const c of ['build', 'check', 'stats', 'merge', 'serve']) {
    const io = capture();
    assert.equal(await main([c, '--help'], io), 0);
    assert.match(io.lines[0], new RegExp(`^Usage: ess-feed ${c}`));
  }
  const io = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.lines[0], /build, check and serve/);
});
