// Issue 17's round trip: the 62-row member sheet as a spreadsheet exports it (BOM, ";", CRLF, French
// headers, decimal commas, rows without coordinates, free-text hours, a pasted Windows-1252 line, two
// copied rows) → feed → every row accounted for: published, or reported with its line. And
// `check feed.json --input` says the same from the other side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from './cli.js';
import { build, type BuildConfig } from './build.js';
import { readCsv } from './csv.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const CONFIG = join(FIXTURES, 'membres.config.json');
const SHEET = join(FIXTURES, 'membres-62.csv');
const tmp = () => mkdtempSync(join(tmpdir(), 'ess-feed-'));
const capture = (): Io & { lines: string[]; text(): string } => {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), text: () => lines.join('\n') };
};

test('the 62-row sheet: every row is published or reported with its line; the quirks are all seen', async () => {
  const bytes = readFileSync(SHEET);
  // What the file is, computed from it (not typed in): its data rows, with the line each starts on.
  const table = readCsv(bytes, SHEET);
  assert.equal(table.rows.length, 62);
  assert.deepEqual([bytes[0], bytes[1], bytes[2]], [0xef, 0xbb, 0xbf]);
  assert.ok(bytes.includes(Buffer.from(';')) && bytes.includes(Buffer.from('\r\n')));
  const idIndex = table.header.indexOf('ID');
  const rowLines = new Map(table.rows.map((r) => [r.values[idIndex], r.line]));

  const out = tmp();
  const io = capture();
  assert.equal(await main(['build', '--config', CONFIG, '--out', out, SHEET], io), 1, 'two rows cannot be used: exit 1, nothing written');
  const r = build(JSON.parse(readFileSync(CONFIG, 'utf8')) as BuildConfig, [SHEET]);
  const published = new Set(r.locations.features.map((f) => String(f.id)));
  const errorLines = new Set(r.problems.filter((p) => p.severity === 'error').map((p) => p.line));
  const unaccounted = [...rowLines].filter(([id, line]) => !published.has(id) && !errorLines.has(line));
  assert.deepEqual(unaccounted, [], 'every row is published or has an error at its line');
  assert.equal(published.size + errorLines.size, 62);
  assert.deepEqual(r.files[0].left, [...errorLines].sort((a, b) => a! - b!));
  // Each quirk of the sheet is reported where it is.
  const at = (code: string) => r.problems.filter((p) => p.code === code).map((p) => p.line);
  const lineOfHours = (h: string) => table.rows.find((x) => x.values[table.header.indexOf('Horaires')] === h)!.line;
  assert.deepEqual(at('bad-hours'), ['du mardi au samedi de 10h à 18h', 'Ma-Sa 10u-17u', 'mercredi 13h30-17h', 'Le 1er samedi du mois'].map(lineOfHours));
  assert.equal(at('mixed-encoding').length, 1);
  assert.equal(r.locations.features.find((f) => f.id === 'm28')!.properties.name, 'Atelier Réparé Liège', 'the pasted line keeps its accents');
  assert.equal(at('duplicate-place').length, 2);
  const noCoordinates = table.rows.filter((x) => !x.values[table.header.indexOf('Latitude')]).length;
  assert.equal(r.placed.length + at('no-coordinates').length, noCoordinates);
  assert.ok(r.placed.every((p) => r.locations.features.find((f) => f.id === p.id)!.properties.approximate === true));
  // No accent was lost anywhere: no mojibake, no replacement character in what is published.
  const text = JSON.stringify(r.locations);
  assert.doesNotMatch(text, /Ã|â€|\uFFFD/);
  assert.ok(io.lines.includes(`${SHEET}: 62 row(s) on 63 lines (the row at line 20 has cells with line breaks), 60 published, 2 left out (lines 25, 37); UTF-8, ";"`), io.text());

  // Published with the two rows left out, then compared with the sheet.
  assert.equal(await main(['build', '--allow-skipped', '--fix-hours', '--config', CONFIG, '--out', out, SHEET], capture()), 0);
  const cmp = capture();
  assert.equal(await main(['check', join(out, 'feed.json'), '--input', SHEET, '--config', CONFIG], cmp), 1, 'rows of the sheet are not in the feed');
  assert.deepEqual(cmp.lines.filter((l) => l.startsWith('missing')), [
    `missing  ${SHEET}:25: this row is not in the feed (the build leaves it out: location "m23": "cinquante" is not a latitude (a number such as 50.4669 or 50,4669); the row was skipped)`,
    `missing  ${SHEET}:37: this row is not in the feed (the build leaves it out: location "m35" has no coordinates and postcode 9998 is not in the gazetteer; add latitude and longitude (no address is guessed); the row was skipped)`,
  ]);
  assert.ok(cmp.lines.includes(`${SHEET}: 62 row(s), 60 in the feed, 2 not.`), cmp.text());
});

test('check --input: a feed older than the sheet, or with locations no row gives, is said so', async () => {
  const dir = tmp();
  const head = 'ID;Nom;Catégorie;Matières;Adresse;Code postal;Commune;Latitude;Longitude;Horaires;Téléphone;Site web';
  const v1 = join(dir, 'v1.csv');
  writeFileSync(v1, `${head}\nm1;A;shop;;;5000;Namur;50,46;4,86;;;\nm2;B;shop;;;5000;Namur;50,47;4,87;;;\n`);
  const out = join(dir, 'public');
  assert.equal(await main(['build', '--config', CONFIG, '--out', out, v1], capture()), 0);
  const same = capture();
  assert.equal(await main(['check', join(out, 'feed.json'), '--input', v1, '--config', CONFIG], same), 0);
  assert.equal(same.lines.at(-1), 'Every row of the input is in the feed, and every location of the feed comes from a row.');
  // The sheet moved on: m2 removed, m3 added; the feed was not rebuilt.
  const v2 = join(dir, 'v2.csv');
  writeFileSync(v2, `${head}\nm1;A;shop;;;5000;Namur;50,46;4,86;;;\nm3;C;shop;;;5000;Namur;50,48;4,88;;;\n`);
  const io = capture();
  assert.equal(await main(['check', join(out, 'feed.json'), '--input', v2, '--config', CONFIG], io), 1);
  assert.deepEqual(io.lines.filter((l) => /^(missing|extra)/.test(l)), [
    `missing  ${v2}:3: row "m3" is not in the feed (the build publishes it: the feed is older than the sheet? Build it again)`,
    `extra    ${join(out, 'feed.json')}: location "m2" is in the feed but in no row of the input`,
  ]);
  assert.equal(io.lines.at(-1), '1 row(s) of the input not in the feed, 1 location(s) of the feed in no row.');
});
