// Issue 17: nothing lost without a failure, and encodings per file. Each case is a fixture (a file
// as a spreadsheet writes it) with the exact message and exit status a publisher gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from './cli.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const CONFIG = join(FIXTURES, 'membres.config.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'ess-feed-'));
const HEADER = 'ID;Nom;Catégorie;Matières;Adresse;Code postal;Commune;Latitude;Longitude;Horaires;Téléphone;Site web';

function capture(): Io & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), text: () => lines.join('\n') };
}
const run = async (...args: string[]) => {
  const io = capture();
  const code = await main(args, io);
  return { code, io };
};
const file = (dir: string, name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

test('a quote that swallows rows stops the build with the line it opened on and what to fix; nothing is written', async () => {
  const out = tmp();
  const src = join(FIXTURES, 'guillemet.csv');
  const { code, io } = await run('build', '--config', CONFIG, '--out', out, src);
  assert.equal(code, 1);
  assert.equal(io.lines[0],
    `error    ${src}:21: a quote (") opens a cell on line 21 (column "Nom") and is closed only on line 41: lines 22–41, with their separators, ` +
      'became part of that one cell, and their rows would be lost. Remove that quote, or double it ("") if it is part of the text; nothing was read from this file');
  assert.equal(io.lines.at(-2), `${src}: not read (see above)`);
  assert.match(io.lines.at(-1)!, /^0 row\(s\) read, 0 location\(s\) kept; 1 error\(s\), 0 warning\(s\)\. Nothing was written \(a problem above stops the build\)\.$/);
  assert.deepEqual(readdirSync(out), []);
  // check --strict, which passed such a file before, fails it too.
  assert.equal((await run('check', '--strict', '--config', CONFIG, src)).code, 1);
});

test('a quote never closed names the line where it opened', async () => {
  const dir = tmp();
  const src = file(dir, 'm.csv', `${HEADER}\r\nm1;A;shop;;;5000;Namur;50,46;4,86;;;\r\nm2;"B;shop;;;5000;Namur;50,46;4,86;;;\r\nm3;C;shop;;;5000;Namur;50,46;4,86;;;\r\n`);
  const { code, io } = await run('build', '--config', CONFIG, '--out', dir, src);
  assert.equal(code, 1);
  assert.equal(io.lines[0], `error    ${src}:3: a quote (") opens a cell on line 3 and is never closed, so nothing after it could be read; remove that quote, or double it ("") if it is part of the text`);
});

test('every file gets its row count; rows and lines that differ are explained; a row left out fails the build unless --allow-skipped', async () => {
  const dir = tmp();
  const out = join(dir, 'public');
  const a = file(dir, 'a.csv', `\uFEFF${HEADER}\r\nm1;A;shop;;"Rue Haute 1\r\nboîte 2";5000;Namur;50,46;4,86;;;\r\nm2;B;shop;;;5000;Namur;fifty;4,86;;;\r\n\r\nm3;C;repair;;;5000;Namur;50,47;4,87;;;\r\n`);
  const b = file(dir, 'b.csv', `${HEADER}\nm4;D;shop;;;4000;Liège;50,64;5,57;;;\n`);
  const first = await run('build', '--config', CONFIG, '--out', out, a, b);
  assert.equal(first.code, 1);
  assert.ok(first.io.lines.includes(`${a}: 3 row(s) on 4 lines (the row at line 2 has cells with line breaks), 2 published, 1 left out (line 4); UTF-8, ";"`), first.io.text());
  assert.ok(first.io.lines.includes(`${b}: 1 row(s), 1 published; UTF-8, ";"`));
  assert.equal(first.io.lines.at(-1), '4 row(s) read, 3 location(s) kept; 1 error(s), 0 warning(s). Nothing was written (1 row(s) were left out: correct them, or give --allow-skipped to publish the others).');
  assert.equal(existsSync(out), false);
  const allowed = await run('build', '--allow-skipped', '--config', CONFIG, '--out', out, a, b);
  assert.equal(allowed.code, 0);
  assert.match(allowed.io.lines.at(-1)!, /^4 row\(s\) read, 3 location\(s\) kept; 1 error\(s\), 0 warning\(s\)\. Written: /);
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'locations.geojson'), 'utf8')).features.map((f: { id: string }) => f.id), ['m1', 'm3', 'm4']);
  // --json says the same for machines.
  const json = JSON.parse((await run('build', '--json', '--allow-skipped', '--config', CONFIG, '--out', out, a, b)).io.lines[0]);
  assert.deepEqual([json.rows, json.kept, json.dropped, json.files[0].left, json.files[0].lines], [4, 3, 1, [4], 4]);
});

test('a Windows-1252 file is detected; a line pasted from one into a UTF-8 file is read and warned about with its line', async () => {
  const dir = tmp();
  const cp1252 = file(dir, 'excel.csv', Buffer.from(`${HEADER}\r\nm1;Boutique Liège;shop;;;4000;Liège;50,64;5,57;;;\r\n`, 'latin1'));
  const mixed = file(dir, 'mixed.csv', Buffer.concat([
    Buffer.from(`\uFEFF${HEADER}\r\nm2;Bulle à textiles;collection-point;;;5000;Namur;50,46;4,86;;;\r\n`),
    Buffer.from('m3;Atelier Réparé;repair;;;5000;Namur;50,47;4,87;;;\r\n', 'latin1'),
  ]));
  const { code, io } = await run('build', '--config', CONFIG, '--out', dir, cp1252, mixed);
  assert.equal(code, 0, io.text());
  assert.deepEqual(io.lines.filter((l) => l.startsWith('warning')), [
    `warning  ${mixed}:3: this line is not UTF-8 like the rest of the file (pasted from another file?); it was read as Windows-1252: "m3;Atelier Réparé;repair;;;5000;Namur;50,47;4,87;;;" — check its accents, and save the file as "CSV UTF-8" to keep them`,
  ]);
  assert.ok(io.lines.includes(`${cp1252}: 1 row(s), 1 published; Windows-1252, ";"`));
  const names = JSON.parse(readFileSync(join(dir, 'locations.geojson'), 'utf8')).features.map((f: { properties: { name: string } }) => f.properties.name);
  assert.deepEqual(names, ['Boutique Liège', 'Bulle à textiles', 'Atelier Réparé']);
});

test('"encoding" per input; a wrong one is refused with the garbled line instead of writing mojibake', async () => {
  const dir = tmp();
  const utf8 = file(dir, 'utf8.csv', `\uFEFF${HEADER}\r\nm1;Bulle à textiles;collection-point;;;5000;Namur;50,46;4,86;;;\r\n`);
  file(dir, 'latin.csv', Buffer.from(`${HEADER}\r\nm2;Boutique Liège;shop;;;4000;Liège;50,64;5,57;;;\r\n`, 'latin1'));
  const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
  const both = file(dir, 'both.json', JSON.stringify({ ...config, inputs: ['utf8.csv', { file: 'latin.csv', encoding: 'windows-1252' }] }));
  const ok = await run('build', '--config', both, '--out', join(dir, 'ok'));
  assert.equal(ok.code, 0, ok.io.text());
  const wrong = file(dir, 'wrong.json', JSON.stringify({ ...config, inputs: [{ file: 'utf8.csv', encoding: 'windows-1252' }] }));
  const bad = await run('build', '--config', wrong, '--out', join(dir, 'bad'));
  assert.equal(bad.code, 1);
  assert.equal(bad.io.lines[0],
    `error    ${utf8}:1: this file is UTF-8 (it starts with a UTF-8 byte order mark), not windows-1252: read as windows-1252, "Catégorie" on line 1 would become "CatÃ©gorie". ` +
      'Remove "encoding" for this file (the encoding is detected)');
  // Garbled text already in a cell (an export that went through the wrong encoding once) is an error too.
  const garbled = file(dir, 'garbled.csv', `${HEADER}\nm3;TÃ©lÃ©phone solidaire;shop;;;5000;Namur;50,46;4,86;;;\nm4;lâ€™atelier;repair;;;5000;Namur;50,47;4,87;;;\n`);
  const g = await run('build', '--config', CONFIG, '--out', join(dir, 'g'), garbled);
  assert.equal(g.code, 1);
  assert.deepEqual(g.io.lines.filter((l) => l.startsWith('error')), [
    `error    ${garbled}:2 (column Nom): "TÃ©lÃ©phone solidaire" is garbled: UTF-8 text read as Windows-1252 somewhere on its way (it should say "Téléphone solidaire"); correct the cell, or the file's "encoding" in the config; the row was skipped`,
    `error    ${garbled}:3 (column Nom): "lâ€™atelier" is garbled: UTF-8 text read as Windows-1252 somewhere on its way (it should say "l’atelier"); correct the cell, or the file's "encoding" in the config; the row was skipped`,
  ]);
});
