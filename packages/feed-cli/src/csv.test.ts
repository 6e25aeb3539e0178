import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellsOf, CsvError, detectDelimiter, readCsv } from './csv.js';
import { parseCoordinate } from './build.js';

const bytes = (s: string, bom = false) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(s, 'utf8')]);

test('semicolons (Excel in Belgium and France) and commas are both detected from the header', () => {
  assert.equal(detectDelimiter('id;nom;latitude'), ';');
  assert.equal(detectDelimiter('id,nom,latitude'), ',');
  assert.equal(detectDelimiter('id\tnom\tlatitude'), '\t');
  // Separators inside a quoted header name do not count.
  assert.equal(detectDelimiter('"a;b;c",nom,lat'), ',');
  const semi = readCsv(bytes('id;nom\nx;"Namur, centre"\n'), 'a.csv');
  assert.deepEqual([semi.delimiter, cellsOf(semi, semi.rows[0])], [';', { id: 'x', nom: 'Namur, centre' }]);
  const comma = readCsv(bytes('id,nom\nx,"Namur; centre"\n'), 'b.csv');
  assert.deepEqual([comma.delimiter, cellsOf(comma, comma.rows[0])], [',', { id: 'x', nom: 'Namur; centre' }]);
});

test('UTF-8 with and without BOM read the same; the BOM does not stick to the first column name', () => {
  for (const bom of [true, false]) {
    const t = readCsv(bytes('id;nom\nx;Liège\n', bom), 'a.csv');
    assert.deepEqual(t.header, ['id', 'nom']);
    assert.equal(t.rows[0].values[1], 'Liège');
  }
});

test('Excel quoting: doubled quotes, separators and line breaks inside quoted cells; line numbers stay right', () => {
  const t = readCsv(bytes('id;nom;rue\r\na;"Atelier ""Chez Léa""";"Rue Haute 1\r\nboîte 2"\r\n\r\nb;Deux;"x\ny\nz"\r\nc;Trois;"un; deux"\r\n', true), 'a.csv');
  assert.deepEqual(t.rows.map((r) => [r.line, ...r.values]), [
    [2, 'a', 'Atelier "Chez Léa"', 'Rue Haute 1\nboîte 2'],
    [5, 'b', 'Deux', 'x\ny\nz'],
    [8, 'c', 'Trois', 'un; deux'],
  ]);
});

test('a stray quote in an unquoted cell is text (24" screens); an unclosed quote stops with its line', () => {
  const t = readCsv(bytes('id;nom\na;Écran 24" réparé\n'), 'a.csv');
  assert.equal(t.rows[0].values[1], 'Écran 24" réparé');
  assert.throws(() => readCsv(bytes('id;nom\na;b\nc;"never closed\nd;e\n'), 'x.csv'), (e: unknown) => {
    assert.ok(e instanceof CsvError);
    assert.equal(e.line, 3);
    assert.match(e.message, /^x\.csv:3: a quote \(["]\) opens a cell on line 3 and is never closed/);
    return true;
  });
});

test('a file that is not UTF-8 (Excel "CSV" in Windows-1252) is detected, or read with "encoding"', () => {
  const latin1 = Buffer.from('id;nom\na;Namur\nb;Li\xe8ge\n', 'latin1');
  const t = readCsv(latin1, 'w.csv');
  assert.deepEqual([t.encoding, t.rows[1].values[1], t.notes], ['windows-1252', 'Liège', []]);
  assert.equal(readCsv(latin1, 'w.csv', { encoding: 'windows-1252' }).rows[1].values[1], 'Liège');
});

test('decimal commas and points in coordinates; anything else is not a number', () => {
  assert.equal(parseCoordinate('50,4669'), 50.4669);
  assert.equal(parseCoordinate(' 4.8675 '), 4.8675);
  assert.equal(parseCoordinate('-0,5'), -0.5);
  for (const bad of ['50°28′', 'fifty', '50,46,69', '', '1e5']) assert.ok(Number.isNaN(parseCoordinate(bad)), bad);
});
