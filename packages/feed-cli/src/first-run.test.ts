// Issue 17: a first run that helps — derived ids, labels for ids, one message per mistake with the valid
// values, hours checked with the real grammar (and fixed), duplicates, rows placed from the bundled
// gazetteer (approximate) and the feed's places.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from './cli.js';
import { build, type BuildConfig } from './build.js';
import { check } from './check.js';
import { checkHours } from './hours.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const CONFIG = join(FIXTURES, 'membres.config.json');
const config = (): BuildConfig => JSON.parse(readFileSync(CONFIG, 'utf8'));
const tmp = () => mkdtempSync(join(tmpdir(), 'ess-feed-'));
const HEADER = 'ID;Nom;Catégorie;Matières;Adresse;Code postal;Commune;Latitude;Longitude;Horaires;Téléphone;Site web';
const input = (text: string, file = 'members.csv') => ({ file, bytes: Buffer.from(text) });
const capture = (): Io & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l) };
};

test('no id column: stable ids from the name and postcode, collisions resolved, one warning saying how to pin them', () => {
  const { id: _drop, ...columns } = config().columns;
  const cfg = { ...config(), columns } as BuildConfig;
  const head = HEADER.replace('ID;', '');
  const text = `${head}\nBulle à textiles;collection-point;;;5000;Namur;50,46;4,86;;;\nBulle à textiles;collection-point;;;5000;Namur;50,47;4,87;;;\nBoutique Léa;shop;;;4000;Liège;50,64;5,57;;;\n`;
  const r = build(cfg, [input(text)]);
  assert.deepEqual(r.locations.features.map((f) => f.id), ['boutique-lea-4000', 'bulle-a-textiles-5000', 'bulle-a-textiles-5000-2']);
  assert.deepEqual(build(cfg, [input(text)]).locations, r.locations, 'the same ids on every run');
  assert.deepEqual(r.problems.map((p) => [p.severity, p.code, p.line]), [['warning', 'derived-ids', 1]]);
  assert.equal(r.problems[0].message,
    'there is no id column, so each row\'s id was made from its name and postcode ("bulle-a-textiles-5000"…); such an id changes when the name or postcode does ' +
      '(and the links and stats that use it break): to pin them, add an "id" column holding the ids in locations.geojson, and "id" in the config\'s "columns"');
});

test('categories and materials by id or by label in any language, any case, accents or not; unknown ones listed with the valid values once', () => {
  const rows = [
    'm1;A;Boutique;TEXTILE|meubelen;;5000;Namur;50,46;4,86;;;',
    'm2;B;atelier de reparation|KRINGWINKEL;Mobilier;;5000;Namur;50,47;4,87;;;',
    'm3;C;spaceport;;;5000;Namur;50,48;4,88;;;',
    'm4;D;shop|moon;books;;5000;Namur;50,49;4,89;;;',
    'm5;E;shop, repair;;;5000;Namur;50,50;4,90;;;',
    'm6;F;shop, moon;;;5000;Namur;50,51;4,91;;;',
  ];
  const r = build(config(), [input(`${HEADER}\n${rows.join('\n')}\n`)]);
  const props = Object.fromEntries(r.locations.features.map((f) => [f.id, f.properties]));
  assert.deepEqual(props.m1.categories, ['shop']);
  assert.deepEqual(props.m1.materials, ['textile', 'furniture']);
  assert.deepEqual(props.m2.categories, ['repair', 'shop']);
  assert.deepEqual(props.m5.categories, ['shop', 'repair']);
  const valid = '(the categories are: shop (Boutique), repair (Atelier de réparation), collection-point (Bulle à textiles), by id or by label, in any case)';
  assert.deepEqual(r.problems.map((p) => `${p.line} ${p.severity} ${p.column}: ${p.message}`), [
    `4 error Catégorie: unknown category "spaceport" ${valid}; separate several with "|"; the row was skipped: it has no other category`,
    `5 warning Catégorie: unknown category "moon" ${valid}; separate several with "|"; it was left out`,
    '5 warning Matières: unknown material "books" (the materials are: textile (Textile), furniture (Mobilier), by id or by label, in any case); separate several with "|"; it was left out',
    '6 warning Catégorie: "shop, repair" uses "," between values; it was read as shop, repair, but the separator is "|": write "shop|repair"',
    `7 error Catégorie: unknown category "shop, moon" ${valid}; to give several, separate them with "|", not ","; the row was skipped: it has no other category`,
  ]);
});

test('hours: every value the widgets cannot read is a warning with its row; French, Dutch, German free forms get the OSM value; --fix-hours applies it', async () => {
  const cases: [string, string | undefined][] = [
    ['du mardi au samedi de 10h à 18h', 'Tu-Sa 10:00-18:00'],
    ['Ma-Sa 10u-17u', 'Tu-Sa 10:00-17:00'],
    ['mercredi 13h30-17h', 'We 13:30-17:00'],
    ['ma-vr 9u-17u, za 10u-13u', 'Mo-Fr 09:00-17:00; Sa 10:00-13:00'],
    ['van maandag tot vrijdag van 9 tot 17 uur', 'Mo-Fr 09:00-17:00'],
    ['Di-Sa 10-18 Uhr, So geschlossen', 'Tu-Sa 10:00-18:00; Su off'],
    ['du lundi au vendredi de 9h00 à 12h30 et de 13h30 à 17h00, fermé le week-end', 'Mo-Fr 09:00-12:30,13:30-17:00; Sa-Su off'],
    ['le 1er samedi du mois de 10h à 12h', 'Sa[1] 10:00-12:00'],
    ['Le 1er samedi du mois', undefined],
  ];
  for (const [text, want] of cases) assert.deepEqual([text, checkHours(text).ok, checkHours(text).suggestion], [text, false, want]);
  for (const ok of ['Tu-Sa 10:00-18:00; PH off', 'Mo-Fr 09:00-12:00,13:00-17:00', 'Sa[1] 10:00-12:00']) assert.equal(checkHours(ok).ok, true, ok);

  const dir = tmp();
  const src = join(dir, 'h.csv');
  writeFileSync(src, `${HEADER}\nm1;A;shop;;;5000;Namur;50,46;4,86;du mardi au samedi de 10h à 18h;;\nm2;B;shop;;;5000;Namur;50,47;4,87;Le 1er samedi du mois;;\nm3;C;shop;;;5000;Namur;50,48;4,88;Tu-Sa 10:00-18:00;;\n`);
  const io = capture();
  assert.equal(await main(['build', '--config', CONFIG, '--out', dir, src], io), 0);
  assert.deepEqual(io.lines.filter((l) => l.startsWith('warning')), [
    `warning  ${src}:2 (column Horaires): opening hours "du mardi au samedi de 10h à 18h" are not in OpenStreetMap's syntax: the widgets cannot read them and show "hours unknown"; write "Tu-Sa 10:00-18:00" (ess-feed build --fix-hours does it)`,
    `warning  ${src}:3 (column Horaires): opening hours "Le 1er samedi du mois" are not in OpenStreetMap's syntax: the widgets cannot read them and show "hours unknown"; write them as, e.g., "Tu-Sa 10:00-18:00; Su off" (see https://wiki.openstreetmap.org/wiki/Key:opening_hours)`,
  ]);
  const fixed = capture();
  assert.equal(await main(['build', '--fix-hours', '--config', CONFIG, '--out', dir, src], fixed), 0);
  assert.match(fixed.lines[0], /:2 \(column Horaires\): .*; replaced by "Tu-Sa 10:00-18:00" \(--fix-hours\)$/);
  assert.match(fixed.lines.at(-1)!, / 1 opening hours rewritten \(--fix-hours\)\. Written: /);
  const hours = JSON.parse(readFileSync(join(dir, 'locations.geojson'), 'utf8')).features.map((f: { properties: { openingHours: string } }) => f.properties.openingHours);
  assert.deepEqual(hours, ['Tu-Sa 10:00-18:00', 'Le 1er samedi du mois', 'Tu-Sa 10:00-18:00']);
});

test('the same name within 50 m is a warning naming both rows; --strict makes it an error and writes nothing', async () => {
  const dir = tmp();
  const src = join(dir, 'd.csv');
  writeFileSync(src, [HEADER,
    'm1;Bulle à textiles Namur;collection-point;;;5000;Namur;50,4669;4,8675;;;',
    'm2;Boutique;shop;;;5000;Namur;50,4669;4,8675;;;',
    'm3;BULLE A TEXTILES  namur;collection-point;;;5000;Namur;50,4671;4,8676;;;', // 23 m away: the same
    'm4;Bulle à textiles Namur;collection-point;;;5000;Namur;50,4700;4,8675;;;', // 345 m away: another bubble
  ].join('\n'));
  const r = build(config(), [src]);
  assert.deepEqual(r.problems.map((p) => [p.severity, p.code, p.line, p.message]), [[
    'warning', 'duplicate-place', 4,
    '"BULLE A TEXTILES  namur" (id "m3") is also at line 2 (id "m1"), 23 m away: the same place twice (a copied row)? Remove one of them, or give each its own name; both were published, and counted',
  ]]);
  assert.equal(r.kept, 4);
  const io = capture();
  assert.equal(await main(['build', '--strict', '--config', CONFIG, '--out', dir, src], io), 1);
  assert.match(io.lines[0], /^error {4}.*d\.csv:4 \(column Nom\): "BULLE A TEXTILES {2}namur" \(id "m3"\) is also at line 2/);
});

test('rows without coordinates are placed from the bundled gazetteer, marked approximate and listed; the feed gets the places of its area', async () => {
  const dir = tmp();
  const src = join(dir, 'g.csv');
  writeFileSync(src, [HEADER,
    'm1;Boutique Namur;shop;;;5000;Namur;;;;;',
    'm2;Atelier Luik;repair;;;4000;Luik;;;;;', // the Dutch name of Liège
    'm3;Boutique exacte;shop;;;1300;Wavre;50,7172;4,6014;;;',
    'm4;Nulle part;shop;;;9998;Nulle part;;;;;',
  ].join('\n'));
  const out = join(dir, 'public');
  const io = capture();
  assert.equal(await main(['build', '--allow-skipped', '--config', CONFIG, '--out', out, src], io), 0);
  assert.deepEqual(io.lines.filter((l) => /^(placed|error)/.test(l)), [
    `error    ${src}:5 (column Latitude): location "m4" has no coordinates and postcode 9998 is not in the gazetteer; add latitude and longitude (no address is guessed); the row was skipped`,
    `placed   ${src}:2: "m1" at 5000 Namur (the bundled gazetteer): marked "approximate"`,
    `placed   ${src}:3: "m2" at 4000 Liège (the bundled gazetteer): marked "approximate"`,
  ]);
  const locations = JSON.parse(readFileSync(join(out, 'locations.geojson'), 'utf8')).features;
  assert.deepEqual(locations.map((f: { id: string; geometry: { coordinates: number[] }; properties: { approximate?: boolean } }) => [f.id, f.properties.approximate, f.geometry.coordinates]), [
    ['m1', true, [4.86746, 50.4669]], ['m2', true, [5.56749, 50.63373]], ['m3', undefined, [4.6014, 50.7172]],
  ]);
  const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8'));
  assert.deepEqual(feed.places, { href: 'places.geojson' });
  const places = JSON.parse(readFileSync(join(out, 'places.geojson'), 'utf8')).features;
  const ids = places.map((p: { id: string }) => p.id);
  for (const id of ['be-5000-namur', 'be-4000-liege', 'be-1300-wavre']) assert.ok(ids.includes(id), id);
  assert.ok(!ids.includes('be-8000-brugge') && !ids.some((i: string) => i.startsWith('fr-')), 'only the feed\'s area: no Bruges, no France');
  assert.deepEqual(Object.keys(places[0].properties), ['name', 'postcode', 'municipality', 'region', 'country']);
  // The widgets' validator accepts what the build wrote, "approximate" included.
  const checked = await check(join(out, 'feed.json'));
  assert.deepEqual([checked.fatal, checked.problems, checked.locations?.map((l) => l.approximate)], [undefined, [], [true, true, undefined]]);
});
