/**
 * A few rows of the gazetteer contract (packages/feed-cli/gazetteer/*.geojson): one Feature per
 * postcode and locality, names in every language that has its own. For tests: the real gazetteer
 * is the data; these rows are public facts (official bilingual names of the Brussels communes,
 * well-known exonyms), coordinates rounded town centres.
 */
type Names = string | Record<string, string>;
const row = (postcode: string, name: Names, municipality: string, region: string, lon: number, lat: number, country = region.slice(0, 2)) => ({
  type: 'Feature',
  id: `${country.toLowerCase()}-${postcode}-${(typeof name === 'string' ? name : Object.values(name)[0]).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { name, postcode, municipality, region, country },
});

export const fixturePlaces = (): Record<string, unknown>[] => [
  row('1000', { fr: 'Bruxelles', nl: 'Brussel', de: 'Brüssel', en: 'Brussels' }, 'Bruxelles', 'BE-BRU', 4.3525, 50.8467),
  row('1020', { fr: 'Laeken', nl: 'Laken' }, 'Bruxelles', 'BE-BRU', 4.3486, 50.8778),
  row('1050', { fr: 'Ixelles', nl: 'Elsene' }, 'Ixelles', 'BE-BRU', 4.3667, 50.8333),
  row('1030', { fr: 'Schaerbeek', nl: 'Schaarbeek' }, 'Schaerbeek', 'BE-BRU', 4.3737, 50.8676),
  row('1060', { fr: 'Saint-Gilles', nl: 'Sint-Gillis' }, 'Saint-Gilles', 'BE-BRU', 4.3458, 50.8267),
  row('1080', { fr: 'Molenbeek-Saint-Jean', nl: 'Sint-Jans-Molenbeek' }, 'Molenbeek-Saint-Jean', 'BE-BRU', 4.3227, 50.8544),
  row('1180', { fr: 'Uccle', nl: 'Ukkel' }, 'Uccle', 'BE-BRU', 4.3372, 50.8019),
  row('1190', { fr: 'Forest', nl: 'Vorst' }, 'Forest', 'BE-BRU', 4.3186, 50.8103),
  row('1170', { fr: 'Watermael-Boitsfort', nl: 'Watermaal-Bosvoorde' }, 'Watermael-Boitsfort', 'BE-BRU', 4.4153, 50.7994),
  row('1090', 'Jette', 'Jette', 'BE-BRU', 4.329, 50.8773),
  row('4000', { fr: 'Liège', nl: 'Luik', de: 'Lüttich', en: 'Liège' }, 'Liège', 'BE-WAL', 5.5797, 50.6326),
  row('5000', { fr: 'Namur', nl: 'Namen', de: 'Namür', en: 'Namur' }, 'Namur', 'BE-WAL', 4.8675, 50.4669),
  row('5100', 'Jambes', 'Namur', 'BE-WAL', 4.8711, 50.4564),
  row('7000', { fr: 'Mons', nl: 'Bergen', de: 'Mons', en: 'Mons' }, 'Mons', 'BE-WAL', 3.9523, 50.4542),
  row('7500', { fr: 'Tournai', nl: 'Doornik' }, 'Tournai', 'BE-WAL', 3.3878, 50.6059),
  row('7700', { fr: 'Mouscron', nl: 'Moeskroen' }, 'Mouscron', 'BE-WAL', 3.2165, 50.7433),
  row('1300', { fr: 'Wavre', nl: 'Waver' }, 'Wavre', 'BE-WAL', 4.6111, 50.7171),
  row('1400', { fr: 'Nivelles', nl: 'Nijvel' }, 'Nivelles', 'BE-WAL', 4.3235, 50.5978),
  row('6700', { fr: 'Arlon', nl: 'Aarlen', de: 'Arel' }, 'Arlon', 'BE-WAL', 5.8167, 49.6833),
  row('4500', { fr: 'Huy', nl: 'Hoei' }, 'Huy', 'BE-WAL', 5.2394, 50.5186),
  row('4700', 'Eupen', 'Eupen', 'BE-WAL', 6.0361, 50.6265),
  row('6000', 'Charleroi', 'Charleroi', 'BE-WAL', 4.4446, 50.4108),
  row('2000', { nl: 'Antwerpen', fr: 'Anvers', de: 'Antwerpen', en: 'Antwerp' }, 'Antwerpen', 'BE-VLG', 4.4025, 51.2194),
  row('3000', { nl: 'Leuven', fr: 'Louvain', de: 'Löwen', en: 'Leuven' }, 'Leuven', 'BE-VLG', 4.7005, 50.8798),
  row('8500', { nl: 'Kortrijk', fr: 'Courtrai' }, 'Kortrijk', 'BE-VLG', 3.2649, 50.8279),
  row('9000', { nl: 'Gent', fr: 'Gand', de: 'Gent', en: 'Ghent' }, 'Gent', 'BE-VLG', 3.7174, 51.0543),
  row('59000', { fr: 'Lille', nl: 'Rijsel' }, 'Lille', 'FR-HDF', 3.0573, 50.6292),
  row('59140', { fr: 'Dunkerque', nl: 'Duinkerke', en: 'Dunkirk' }, 'Dunkerque', 'FR-HDF', 2.3768, 51.0344),
  row('02100', 'Saint-Quentin', 'Saint-Quentin', 'FR-HDF', 3.2876, 49.8465),
];
