/**
 * `ess-feed init`: what a new network needs to start, in its language — a
 * config (publisher, languages, categories, materials, the column mapping) and
 * a template sheet with the expected headers, as CSV (UTF-8 with BOM, ";", the
 * way Excel and LibreOffice open it in Belgium and France) and as .xlsx.
 * The same templates are in packages/feed-cli/templates/ to download.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWorkbook } from './spreadsheet.js';

export const INIT_LANGS = ['fr', 'nl', 'de', 'en'] as const;
export type InitLang = (typeof INIT_LANGS)[number];

type Key = 'id' | 'name' | 'categories' | 'materials' | 'street' | 'postcode' | 'locality' | 'lat' | 'lon' | 'openingHours' | 'phone' | 'email' | 'website' | 'description';

/** The template's headers, per language: what a volunteer reads in the first row. */
export const HEADERS: Record<InitLang, Record<Key, string>> = {
  fr: {
    id: 'id', name: 'nom', categories: 'catégories', materials: 'matières', street: 'rue', postcode: 'code postal', locality: 'commune',
    lat: 'latitude', lon: 'longitude', openingHours: 'horaires', phone: 'téléphone', email: 'e-mail', website: 'site web', description: 'description',
  },
  nl: {
    id: 'id', name: 'naam', categories: 'categorieën', materials: 'materialen', street: 'straat', postcode: 'postcode', locality: 'gemeente',
    lat: 'breedtegraad', lon: 'lengtegraad', openingHours: 'openingsuren', phone: 'telefoon', email: 'e-mail', website: 'website', description: 'beschrijving',
  },
  de: {
    id: 'id', name: 'Name', categories: 'Kategorien', materials: 'Materialien', street: 'Straße', postcode: 'PLZ', locality: 'Ort',
    lat: 'Breitengrad', lon: 'Längengrad', openingHours: 'Öffnungszeiten', phone: 'Telefon', email: 'E-Mail', website: 'Website', description: 'Beschreibung',
  },
  en: {
    id: 'id', name: 'name', categories: 'categories', materials: 'materials', street: 'street', postcode: 'postcode', locality: 'locality',
    lat: 'latitude', lon: 'longitude', openingHours: 'opening hours', phone: 'phone', email: 'email', website: 'website', description: 'description',
  },
};

const EXAMPLE: Record<InitLang, Record<Key, string>> = {
  fr: {
    id: 'boutique-namur', name: 'Boutique exemple (à remplacer)', categories: 'Boutique de seconde main|Atelier de réparation', materials: 'Textile|Mobilier',
    street: 'Rue de Fer 12', postcode: '5000', locality: 'Namur', lat: '50,4669', lon: '4,8675', openingHours: 'Tu-Sa 10:00-18:00; PH off',
    phone: '+32 81 22 33 44', email: 'contact@example.org', website: 'https://example.org/', description: 'Vêtements, meubles, livres.',
  },
  nl: {
    id: 'kringwinkel-gent', name: 'Voorbeeldwinkel (te vervangen)', categories: 'Kringwinkel|Herstelatelier', materials: 'Textiel|Meubelen',
    street: 'Veldstraat 1', postcode: '9000', locality: 'Gent', lat: '51,0536', lon: '3,7253', openingHours: 'Tu-Sa 10:00-18:00; PH off',
    phone: '+32 9 222 33 44', email: 'contact@example.org', website: 'https://example.org/', description: 'Kleding, meubelen, boeken.',
  },
  de: {
    id: 'laden-eupen', name: 'Beispielladen (zu ersetzen)', categories: 'Secondhand-Laden|Reparaturwerkstatt', materials: 'Textilien|Möbel',
    street: 'Klötzerbahn 1', postcode: '4700', locality: 'Eupen', lat: '50,6304', lon: '6,0339', openingHours: 'Tu-Sa 10:00-18:00; PH off',
    phone: '+32 87 22 33 44', email: 'contact@example.org', website: 'https://example.org/', description: 'Kleidung, Möbel, Bücher.',
  },
  en: {
    id: 'shop-brussels', name: 'Example shop (replace me)', categories: 'Second-hand shop|Repair workshop', materials: 'Textiles|Furniture',
    street: 'Rue Neuve 1', postcode: '1000', locality: 'Bruxelles', lat: '50.8503', lon: '4.3517', openingHours: 'Tu-Sa 10:00-18:00; PH off',
    phone: '+32 2 222 33 44', email: 'contact@example.org', website: 'https://example.org/', description: 'Clothes, furniture, books.',
  },
};

const L = (fr: string, nl: string, de: string, en: string) => ({ fr, nl, de, en });
const CATEGORIES = [
  { id: 'shop', label: L('Boutique de seconde main', 'Kringwinkel', 'Secondhand-Laden', 'Second-hand shop'), color: '#00695c' },
  { id: 'repair', label: L('Atelier de réparation', 'Herstelatelier', 'Reparaturwerkstatt', 'Repair workshop'), color: '#6a1b9a' },
  { id: 'sorting', label: L('Centre de tri', 'Sorteercentrum', 'Sortierzentrum', 'Sorting centre'), color: '#5d4037' },
  { id: 'collection-point', label: L('Bulle à textiles', 'Textielcontainer', 'Altkleidercontainer', 'Textile bank'), color: '#1565c0' },
];
const MATERIALS = [
  { id: 'textile', label: L('Textile', 'Textiel', 'Textilien', 'Textiles') },
  { id: 'furniture', label: L('Mobilier', 'Meubelen', 'Möbel', 'Furniture') },
  { id: 'appliances', label: L('Électroménager', 'Huishoudtoestellen', 'Haushaltsgeräte', 'Household appliances') },
  { id: 'books', label: L('Livres', 'Boeken', 'Bücher', 'Books') },
];

/** The template's file name in each language. */
export const TEMPLATE_NAME: Record<InitLang, string> = { fr: 'modele', nl: 'sjabloon', de: 'vorlage', en: 'template' };
const NETWORK: Record<InitLang, string> = { fr: 'Mon réseau', nl: 'Mijn netwerk', de: 'Mein Netzwerk', en: 'My network' };

const order = Object.keys(HEADERS.fr) as Key[];

/** The template sheet's rows: headers and the example. */
export function templateRows(lang: InitLang): string[][] {
  return [order.map((k) => HEADERS[lang][k]), order.map((k) => EXAMPLE[lang][k])];
}

/** The template as CSV: UTF-8 with BOM, ";", CRLF — what a spreadsheet opens with accents intact. */
export function templateCsv(lang: InitLang): string {
  const quote = (v: string) => (/[";\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${templateRows(lang).map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}

export function templateXlsx(lang: InitLang): Buffer {
  return writeWorkbook(TEMPLATE_NAME[lang], templateRows(lang));
}

export function initConfig(lang: InitLang, name?: string, template = `${TEMPLATE_NAME[lang]}.csv`): Record<string, unknown> {
  const h = HEADERS[lang];
  const languages = [lang, ...INIT_LANGS.filter((l) => l !== lang)];
  return {
    publisher: { name: name ?? NETWORK[lang], url: 'https://example.org/' },
    languages,
    categories: CATEGORIES,
    materials: MATERIALS,
    columns: {
      id: h.id, name: h.name, categories: h.categories, materials: h.materials, street: h.street, postcode: h.postcode, locality: h.locality,
      lat: h.lat, lon: h.lon, openingHours: h.openingHours, phone: h.phone, email: h.email, website: h.website, description: h.description,
    },
    defaults: { country: 'BE' },
    listSeparator: '|',
    inputs: [template],
  };
}

const NEXT: Record<InitLang, (dir: string, t: string) => string> = {
  fr: (d, t) => `Remplissez ${t} (ou le .xlsx), adaptez ${d}/ess-feed.config.json (éditeur, catégories), puis : ess-feed build --config ${d}/ess-feed.config.json --out public`,
  nl: (d, t) => `Vul ${t} in (of de .xlsx), pas ${d}/ess-feed.config.json aan (uitgever, categorieën), en dan: ess-feed build --config ${d}/ess-feed.config.json --out public`,
  de: (d, t) => `Füllen Sie ${t} aus (oder die .xlsx), passen Sie ${d}/ess-feed.config.json an (Herausgeber, Kategorien), dann: ess-feed build --config ${d}/ess-feed.config.json --out public`,
  en: (d, t) => `Fill in ${t} (or the .xlsx), adapt ${d}/ess-feed.config.json (publisher, categories), then: ess-feed build --config ${d}/ess-feed.config.json --out public`,
};

/** Writes the config and the templates into `dir`; never overwrites a file. */
export function init(dir: string, lang: InitLang, name?: string): { written: string[]; exists: string[]; next: string } {
  const base = TEMPLATE_NAME[lang];
  const files: [string, string | Buffer][] = [
    ['ess-feed.config.json', `${JSON.stringify(initConfig(lang, name), null, 2)}\n`],
    [`${base}.csv`, templateCsv(lang)],
    [`${base}.xlsx`, templateXlsx(lang)],
  ];
  const exists = files.map(([f]) => join(dir, f)).filter((p) => existsSync(p));
  if (exists.length) return { written: [], exists, next: '' };
  mkdirSync(dir, { recursive: true });
  for (const [f, content] of files) writeFileSync(join(dir, f), content);
  return { written: files.map(([f]) => join(dir, f)), exists: [], next: NEXT[lang](dir, join(dir, `${base}.csv`)) };
}
