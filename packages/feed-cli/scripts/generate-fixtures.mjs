#!/usr/bin/env node
// Writes the test fixtures of packages/feed-cli/fixtures/ — deterministic: the same bytes on every run.
//
//   node packages/feed-cli/scripts/generate-fixtures.mjs
//
// membres-62.csv is the member sheet of issue 17 as a spreadsheet exports it ("CSV UTF-8": BOM, ";",
// CRLF, French headers, decimal commas), with what a real sheet holds: rows without coordinates, hours
// typed as text, a line pasted from a Windows-1252 file, two copied rows, a cell with a line break, a
// category typed as its label, a list typed with ",". The workbooks hold the same kind of rows as .xlsx
// and .ods. Names and phones are invented; places are real (the bundled gazetteer).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const XLSX = require('@e965/xlsx');
const DIR = new URL('../fixtures/', import.meta.url).pathname;
const places = JSON.parse(readFileSync(new URL('../gazetteer/be.geojson', import.meta.url), 'utf8')).features
  .filter((f) => f.properties.region === 'BE-WAL' && f.properties.municipality === (f.properties.name.fr ?? f.properties.name.de));

const HEADER = ['ID', 'Nom', 'Catégorie', 'Matières', 'Adresse', 'Code postal', 'Commune', 'Latitude', 'Longitude', 'Horaires', 'Téléphone', 'Site web'];
const KINDS = [['Boutique', 'shop'], ['Atelier', 'repair'], ['Bulle à textiles', 'collection-point']];
const comma = (x) => String(Math.round(x * 1e4) / 1e4).replace('.', ',');
const quote = (v) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const rows = [];
for (let i = 0; i < 62; i++) {
  const p = places[(i * 7) % places.length];
  const [lon, lat] = p.geometry.coordinates;
  const [kind, id] = KINDS[i % 3];
  const town = p.properties.name.fr ?? p.properties.name.de;
  rows.push({
    ID: `m${String(i + 1).padStart(2, '0')}`,
    Nom: `${kind} ${town}`,
    'Catégorie': id,
    'Matières': i % 3 === 2 ? 'textile' : 'textile|furniture',
    Adresse: `Rue de la Station ${i + 1}`,
    'Code postal': p.properties.postcode,
    Commune: town,
    Latitude: comma(lat + 0.001 * (i % 5)),
    Longitude: comma(lon + 0.001 * (i % 4)),
    Horaires: i % 3 === 2 ? '' : 'Tu-Sa 10:00-18:00; PH off',
    'Téléphone': `+32 81 ${String(10 + i).padStart(2, '0')} 33 44`,
    'Site web': i % 3 === 2 ? '' : `www.membre-${i + 1}.example.org`,
  });
}
// What a real sheet holds (each line number below is the row's index + 2).
for (const i of [4, 9, 14, 19, 24, 29]) Object.assign(rows[i], { Latitude: '', Longitude: '' }); // placed at their postcode
Object.assign(rows[34], { Latitude: '', Longitude: '', 'Code postal': '9998' }); // an unknown postcode: reported
Object.assign(rows[6], { Horaires: 'du mardi au samedi de 10h à 18h' });
Object.assign(rows[7], { Horaires: 'Ma-Sa 10u-17u' });
Object.assign(rows[10], { Horaires: 'mercredi 13h30-17h' });
Object.assign(rows[12], { Horaires: 'Le 1er samedi du mois' });
Object.assign(rows[15], { 'Catégorie': 'Atelier de réparation' }); // the label, not the id
Object.assign(rows[16], { 'Catégorie': 'shop, repair' }); // "," for "|"
Object.assign(rows[18], { Adresse: 'Rue Haute 3\r\n(cour arrière)' }); // a line break in a cell
Object.assign(rows[22], { Latitude: 'cinquante' }); // not a number: reported
rows[40] = { ...rows[39], ID: 'm41' }; // a copied row with another id (a fill-down)
rows[51] = { ...rows[50], ID: 'm52', 'Téléphone': '+32 81 99 33 44' };
Object.assign(rows[27], { Nom: 'Atelier Réparé Liège', Commune: 'Liège', 'Code postal': '4000' }); // the pasted line

const line = (r) => HEADER.map((h) => quote(r[h] ?? '')).join(';');
const parts = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER.join(';')}\r\n`)];
rows.forEach((r, i) => parts.push(i === 27 ? Buffer.from(`${line(r)}\r\n`, 'latin1') : Buffer.from(`${line(r)}\r\n`, 'utf8')));
writeFileSync(`${DIR}membres-62.csv`, Buffer.concat(parts));

// The same sheet, without its problems, as workbooks: a first sheet of notes, then the members.
const clean = rows.slice(0, 20).map((r) => ({ ...r, Adresse: r.Adresse.replace(/\r\n/g, '\n') }));
for (const bookType of ['xlsx', 'ods']) {
  const wb = XLSX.utils.book_new();
  wb.Props = { Title: 'Membres', CreatedDate: new Date('2026-01-01T00:00:00Z') };
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Liste des membres, mise à jour en janvier'], ['Voir la feuille « Membres »']]), 'Lisez-moi');
  const aoa = [HEADER, ...clean.map((r) => HEADER.map((h) => {
    // Numbers as a spreadsheet stores them: coordinates and postcodes are numbers in a workbook.
    if (h === 'Latitude' || h === 'Longitude') return r[h] ? Number(r[h].replace(',', '.')) : '';
    if (h === 'Code postal') return Number(r[h]);
    return r[h];
  }))];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Membres');
  writeFileSync(`${DIR}membres.${bookType}`, XLSX.write(wb, { type: 'buffer', bookType, compression: true }));
}

// A runaway quote: one " added before a cell on line 21 swallows the rows up to the next quote (line 41).
const runaway = rows.slice(0, 45).map((r, i) => ({ ...r, Adresse: r.Adresse.replace(/\r\n/g, ' '), Horaires: r.Horaires.replace('; PH off', ''), Nom: i === 19 ? `"${r.Nom}` : i === 39 ? `${r.Nom} "le grand"` : r.Nom }));
const raw = (r) => HEADER.map((h) => (h === 'Nom' ? r[h] : quote(r[h] ?? ''))).join(';');
writeFileSync(`${DIR}guillemet.csv`, `\uFEFF${HEADER.join(';')}\r\n${runaway.map(raw).join('\r\n')}\r\n`);

writeFileSync(`${DIR}membres.config.json`, `${JSON.stringify({
  publisher: { name: 'Fédération exemple', url: 'https://example.org/' },
  languages: ['fr', 'nl'],
  categories: [
    { id: 'shop', label: { fr: 'Boutique', nl: 'Kringwinkel' } },
    { id: 'repair', label: { fr: 'Atelier de réparation', nl: 'Herstelatelier' } },
    { id: 'collection-point', label: { fr: 'Bulle à textiles', nl: 'Textielcontainer' } },
  ],
  materials: [{ id: 'textile', label: { fr: 'Textile', nl: 'Textiel' } }, { id: 'furniture', label: { fr: 'Mobilier', nl: 'Meubelen' } }],
  columns: {
    id: 'ID', name: 'Nom', categories: 'Catégorie', materials: 'Matières', street: 'Adresse', postcode: 'Code postal', locality: 'Commune',
    lat: 'Latitude', lon: 'Longitude', openingHours: 'Horaires', phone: 'Téléphone', website: 'Site web',
  },
  defaults: { country: 'BE' },
  listSeparator: '|',
}, null, 2)}\n`);
console.log(`fixtures written to ${DIR}`);
