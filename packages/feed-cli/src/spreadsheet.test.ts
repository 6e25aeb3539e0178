// Issue 17: spreadsheets directly (.xlsx, .ods, first or named sheet), a published CSV link, the
// downloadable templates and `ess-feed init`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from './cli.js';
import { readSpreadsheet } from './spreadsheet.js';
import { INIT_LANGS, TEMPLATE_NAME, templateCsv, templateRows } from './init.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const TEMPLATES = new URL('../templates/', import.meta.url).pathname;
const CONFIG = join(FIXTURES, 'membres.config.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'ess-feed-'));
const capture = (): Io & { lines: string[]; text(): string } => {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), text: () => lines.join('\n') };
};
const ids = (dir: string) => JSON.parse(readFileSync(join(dir, 'locations.geojson'), 'utf8')).features.map((f: { id: string }) => f.id);

for (const ext of ['xlsx', 'ods']) {
  test(`.${ext}: the first sheet, or the one named; rows numbered as the spreadsheet numbers them`, async () => {
    const src = join(FIXTURES, `membres.${ext}`);
    const first = capture();
    assert.equal(await main(['build', '--config', CONFIG, '--out', tmp(), src], first), 1);
    assert.equal(first.lines[0],
      `error    ${src}:1: no column "ID", "Nom", "Catégorie" (the columns are: Liste des membres, mise à jour en janvier); correct "columns" in the config or the header of the file, ` +
        'or read another sheet of the workbook (this is "Lisez-moi"; the others: "Membres") with --sheet "Membres" or "sheet" in the config\'s "inputs"');
    const out = tmp();
    const io = capture();
    assert.equal(await main(['build', '--sheet', 'Membres', '--config', CONFIG, '--out', out, src], io), 0, io.text());
    assert.ok(io.lines.includes(`${src}: 20 row(s), 20 published; sheet "Membres"`), io.text());
    assert.deepEqual(ids(out), Array.from({ length: 20 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`));
    // A problem points at the sheet's row: row 8 holds the free-text hours.
    assert.match(io.text(), new RegExp(`warning  ${src.replace(/[.]/g, '\\.')}:8 \\(column Horaires\\): opening hours "du mardi au samedi de 10h à 18h"`));
    // Numbers stored as numbers (coordinates, postcodes) read as the same values as in the CSV.
    const f = JSON.parse(readFileSync(join(out, 'locations.geojson'), 'utf8')).features[0];
    assert.deepEqual([f.geometry.coordinates, f.properties.address.postcode], [[4.6014, 50.7172], '1300']);
    assert.throws(() => readSpreadsheet(readFileSync(src), src, 'Feuil1'), /has no sheet "Feuil1" \(its sheets: "Lisez-moi", "Membres"\); correct "sheet" in the config/);
  });
}

test('a published CSV link is an input (here a local server); a web page instead of a CSV is refused', async () => {
  const body = readFileSync(join(FIXTURES, 'membres-62.csv'));
  const server = createServer((req, res) => {
    if (req.url === '/pub.csv') res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
    else if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Sign in</p>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const out = tmp();
    const io = capture();
    assert.equal(await main(['build', '--allow-skipped', '--config', CONFIG, '--out', out, `${base}/pub.csv`], io), 0, io.text());
    assert.ok(io.lines.includes(`${base}/pub.csv: 62 row(s) on 63 lines (the row at line 20 has cells with line breaks), 60 published, 2 left out (lines 25, 37); UTF-8, ";"`), io.text());
    const page = capture();
    assert.equal(await main(['build', '--config', CONFIG, '--out', out, `${base}/page`], page), 1);
    assert.equal(page.lines.at(-1), `ess-feed build: ${base}/page is a web page, not a CSV: publish the sheet "as CSV" (comma-separated values) and give that link; nothing was written.`);
    const missing = capture();
    assert.equal(await main(['build', '--config', CONFIG, '--out', out, `${base}/gone.csv`], missing), 1);
    assert.equal(missing.lines.at(-1), `ess-feed build: ${base}/gone.csv answered HTTP 404 Not Found; nothing was written.`);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('the downloadable templates are what init writes, with the headers in fr, nl, de, en', () => {
  for (const lang of INIT_LANGS) {
    assert.equal(readFileSync(join(TEMPLATES, `${TEMPLATE_NAME[lang]}.csv`), 'utf8'), templateCsv(lang), lang);
    const x = readSpreadsheet(readFileSync(join(TEMPLATES, `${TEMPLATE_NAME[lang]}.xlsx`)), 'x.xlsx');
    assert.deepEqual([x.header, ...x.rows.map((r) => r.values)], templateRows(lang), lang);
  }
  assert.deepEqual(templateRows('fr')[0].slice(0, 4), ['id', 'nom', 'catégories', 'matières']);
  assert.deepEqual(templateRows('nl')[0].slice(0, 4), ['id', 'naam', 'categorieën', 'materialen']);
  assert.deepEqual(templateRows('en')[0].slice(0, 4), ['id', 'name', 'categories', 'materials']);
});

test('init writes a config and a template sheet in the network\'s language; they build as they are; it never overwrites', async () => {
  for (const lang of INIT_LANGS) {
    const dir = join(tmp(), 'reseau');
    const io = capture();
    assert.equal(await main(['init', '--lang', lang, '--out', dir, '--name', 'Réseau test'], io), 0);
    const base = TEMPLATE_NAME[lang];
    assert.deepEqual(readdirSync(dir).sort(), ['ess-feed.config.json', `${base}.csv`, `${base}.xlsx`].sort());
    const config = JSON.parse(readFileSync(join(dir, 'ess-feed.config.json'), 'utf8'));
    assert.deepEqual([config.publisher.name, config.languages[0], config.inputs], ['Réseau test', lang, [`${base}.csv`]]);
    const built = capture();
    assert.equal(await main(['build', '--config', join(dir, 'ess-feed.config.json'), '--out', join(dir, 'public')], built), 0, built.text());
    assert.match(built.text(), /1 row\(s\) read, 1 location\(s\) kept; 0 error\(s\), 0 warning\(s\)/);
    const again = capture();
    assert.equal(await main(['init', '--lang', lang, '--out', dir], again), 1);
    assert.match(again.lines[0], /already exist; nothing was written/);
  }
  const bad = capture();
  assert.equal(await main(['init', '--lang', 'es'], bad), 2);
  assert.match(bad.lines[0], /--lang must be one of fr, nl, de, en, not "es"/);
});
