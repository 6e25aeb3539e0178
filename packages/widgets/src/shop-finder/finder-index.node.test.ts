import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceMeters, foldText, validateCollection, validateFeed, type Location } from '@ess-widgets/core';
import { feature, minimalFeed } from '@ess-widgets/core/testing';
import { FinderIndex, hoursKey } from './finder-index.js';
import { hoursStatus, loadOpeningHours } from '../shared/hours.js';
import { openingHoursSpecification } from './structured-data.js';

function locations(): Location[] {
  const f = minimalFeed();
  (f.locations as unknown[]).push(
    feature('rep-ixl', 4.37, 50.83, { name: 'Atelier de réparation vélos', categories: ['repair'], materials: ['furniture'], organization: 'org-a', address: { postcode: '1050', locality: 'Ixelles', region: 'BE-BRU', country: 'BE' }, labels: ['recup'], openingHours: 'Mo-Fr 09:00-17:00; PH off' }),
    feature('shop-sg', 4.345, 50.827, { name: 'Boutique Saint-Gilles', categories: ['shop'], address: { postcode: '1060', locality: 'Saint-Gilles', region: 'BE-BRU', country: 'BE' }, openingHours: 'Sa 10:00-18:00' }),
  );
  const r = validateFeed(f, { baseUrl: 'https://example.org/feed.json' });
  assert.deepEqual(r.problems, []);
  return r.value.locations as Location[];
}

const ids = (idx: FinderIndex, order: number[]) => order.map((i) => idx.locations[i].id);
const names = new Map([['org-a', 'Organisation A']]);

test('free text is accent- and case-insensitive over name, organization, locality and postcode', () => {
  const idx = new FinderIndex(locations(), names);
  assert.deepEqual(ids(idx, idx.query({ q: 'reparation' }).order), ['rep-ixl']);
  assert.deepEqual(ids(idx, idx.query({ q: 'RÉPARATION Vélos' }).order), ['rep-ixl']);
  assert.deepEqual(ids(idx, idx.query({ q: 'liege' }).order), ['liege-repair']);
  assert.deepEqual(ids(idx, idx.query({ q: '1060' }).order), ['shop-sg']);
  assert.deepEqual(ids(idx, idx.query({ q: 'saint gilles' }).order), ['shop-sg']);
  assert.deepEqual(ids(idx, idx.query({ q: 'organisation a' }).order).sort(), ['namur-shop', 'rep-ixl']);
  assert.equal(idx.query({ q: 'nothing like this' }).total, 0);
});

test('names folded word by word are searched as the whole name folded: punctuation, dashes, apostrophes, marks and odd spaces', () => {
  const tricky = ['Récup’ — Saint-Gilles', 'L’Atelier  du  Vélo', 'Cafe\u0301 réparation', 'A \u0301B', 'Kringloop\u00a0Brussel\tNoord', '—  ', 'ÉCO-CENTRE (Liège)'];
  const list = tricky.map((name, i) => ({ ...locations()[0], id: `t${i}`, name, address: {} }) as Location);
  const idx = new FinderIndex(list);
  tricky.forEach((name, i) => {
    const whole = foldText(name);
    // Every record is found by its whole folded name, and, when it has words, by them alone.
    assert.ok(ids(idx, idx.query({ q: whole }).order).includes(`t${i}`), `${name} by "${whole}"`);
  });
  assert.deepEqual(ids(idx, idx.query({ q: 'recup saint gilles' }).order), ['t0']);
  assert.deepEqual(ids(idx, idx.query({ q: 'cafe reparation' }).order), ['t2']);
  assert.deepEqual(ids(idx, idx.query({ q: 'kringloop brussel noord' }).order), ['t4']);
  assert.deepEqual(ids(idx, idx.query({ q: 'eco centre liege' }).order), ['t6']);
  // Words stay apart: no word made of two.
  assert.equal(idx.query({ q: 'recupsaint' }).total, 0);
  assert.equal(idx.query({ q: 'kringloopbrussel' }).total, 0);
});

test('filters combine across facets; counts tell what each value would give', () => {
  const idx = new FinderIndex(locations(), names);
  const r = idx.query({ categories: ['shop', 'repair'], region: 'BE-BRU' });
  assert.deepEqual(ids(idx, r.order).sort(), ['rep-ixl', 'shop-sg']);
  assert.deepEqual(r.counts.categories, { repair: 1, shop: 1, 'collection-point': 1 });
  assert.deepEqual(r.counts.labels, { recup: 1 });
  assert.deepEqual(ids(idx, idx.query({ materials: ['textile'] }).order).sort(), ['ixelles-bubble', 'namur-shop']);
  assert.deepEqual(ids(idx, idx.query({ labels: ['recup'] }).order), ['rep-ixl']);
  assert.deepEqual(ids(idx, idx.query({ organizations: ['org-a'], categories: ['shop'] }).order), ['namur-shop']);
});

test('with a reference point, results are sorted by great-circle distance; a preferred member comes first', () => {
  const idx = new FinderIndex(locations(), names);
  const near = { lat: 50.85, lon: 4.35 };
  const r = idx.query({ near });
  const brute = [...idx.locations].sort((a, b) => distanceMeters(near.lat, near.lon, a.lat, a.lon) - distanceMeters(near.lat, near.lon, b.lat, b.lon)).map((l) => l.id);
  assert.deepEqual(ids(idx, r.order), brute);
  assert.ok(r.distances!.every((d, i, a) => i === 0 || a[i - 1] <= d));
  const pref = idx.query({ near, prefer: 'org-a' });
  assert.deepEqual(ids(idx, pref.order).slice(0, 2), ['rep-ixl', 'namur-shop']);
});

test('at scale, the distance order and the word search give what a plain sort and includes give: ties, twins, a preferred member, several words', () => {
  // 3,000 places on a few hundred spots (twins at the same point), names from a small vocabulary.
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const words = ['Ressourcerie', 'Namur', 'Kringloop', 'Brussel', 'Atelier', 'vélo', 'Récup', 'Liège', 'Gent'];
  const spots = Array.from({ length: 300 }, () => [4 + rand(), 50 + rand()]);
  const base = locations()[0];
  const list = Array.from({ length: 3000 }, (_, i) => {
    const [lon, lat] = spots[Math.floor(rand() * spots.length)];
    const name = Array.from({ length: 1 + Math.floor(rand() * (i % 7 ? 3 : 10)) }, () => words[Math.floor(rand() * words.length)]).join(' ');
    return { ...base, id: `p${i}`, name, lon, lat, organization: rand() < 0.1 ? 'org-a' : undefined, address: { locality: words[i % words.length], postcode: String(1000 + (i % 50)) } } as Location;
  });
  const idx = new FinderIndex(list, names);
  const byNameOrder = idx.query({}).order;
  // Name order is the order of the folded texts as strings (an empty organization leaves two spaces).
  const sortText = (l: Location) => [foldText(l.name as string), l.organization ? foldText('Organisation A') : '', foldText(l.address!.locality!), l.address!.postcode].join(' ');
  assert.deepEqual(byNameOrder, [...list.keys()].sort((a, b) => (sortText(list[a]) < sortText(list[b]) ? -1 : sortText(list[a]) > sortText(list[b]) ? 1 : a - b)), 'name order');
  const near = { lat: 50.5, lon: 4.5 };
  for (const prefer of [undefined, 'org-a']) {
    const first = (i: number) => (prefer && list[i].organization === prefer ? 0 : 1);
    const expected = [...byNameOrder].sort((a, b) => first(a) - first(b) || distanceMeters(near.lat, near.lon, list[a].lat, list[a].lon) - distanceMeters(near.lat, near.lon, list[b].lat, list[b].lon));
    const r = idx.query({ near, prefer });
    assert.deepEqual(r.order, expected, `distance order${prefer ? ', preferred first' : ''}`);
    assert.deepEqual(r.distances, expected.map((i) => distanceMeters(near.lat, near.lon, list[i].lat, list[i].lon)));
    // Filters from the same point walk the order sorted once; a few results are sorted alone.
    for (const q of ['namur', 'a', 'gent 1012']) {
      const words = foldText(q).split(' ');
      const some = idx.query({ near, prefer, q });
      assert.deepEqual(some.order, expected.filter((i) => words.every((w) => foldText(`${list[i].name} ${list[i].organization ? 'Organisation A' : ''} ${list[i].address?.locality} ${list[i].address?.postcode}`).includes(w))), `${q} from the same point`);
      assert.deepEqual(some.distances, some.order.map((i) => distanceMeters(near.lat, near.lon, list[i].lat, list[i].lon)));
    }
  }
  // A few results from a new point: sorted alone, in the same order as a plain sort.
  const other = { lat: 50.9, lon: 4.1 };
  const few = idx.query({ near: other, q: 'gent 1012' });
  assert.ok(few.total > 0 && few.total < list.length / 4);
  assert.deepEqual(few.order, [...few.order].sort((a, b) => distanceMeters(other.lat, other.lon, list[a].lat, list[a].lon) - distanceMeters(other.lat, other.lon, list[b].lat, list[b].lon) || byNameOrder.indexOf(a) - byNameOrder.indexOf(b)));
  const text = (l: Location) => foldText([l.name, l.organization ? 'Organisation A' : '', l.address?.locality, l.address?.postcode].join(' '));
  for (const q of ['namur', 'RESSOURCERIE namur', 'velo recup liege', 'amu', '1007', 'gent 1012', 'nowhere', 'namur namur']) {
    const folded = foldText(q).split(' ');
    const expected = byNameOrder.filter((i) => folded.every((w) => text(list[i]).includes(w)));
    assert.deepEqual(idx.query({ q }).order, expected, q);
  }
});

test('"open now" at fixed dates, public holidays included, unknown hours never open', async () => {
  await loadOpeningHours();
  const idx = new FinderIndex(locations(), names);
  const openAt = (d: Date) => ids(idx, idx.query({ openKeys: idx.hoursSamples().filter((s) => hoursStatus(s.location, d).state === 'open').map((s) => s.key) }).order).sort();
  assert.deepEqual(openAt(new Date(2026, 10, 24, 11, 0)), ['namur-shop', 'rep-ixl']); // a Tuesday morning
  assert.deepEqual(openAt(new Date(2026, 10, 28, 11, 0)), ['namur-shop', 'shop-sg']); // a Saturday
  assert.deepEqual(openAt(new Date(2026, 11, 25, 11, 0)), []); // Christmas, a Friday: PH off
  assert.deepEqual(openAt(new Date(2026, 10, 24, 20, 0)), []); // the evening
  assert.equal(hoursKey(idx.locations.find((l) => l.id === 'liege-repair')!), undefined);
});

test('clusters cover every shown location, and shrink to the filtered set', () => {
  const idx = new FinderIndex(locations(), names);
  idx.query({});
  const all = idx.clustersIn([-180, -85, 180, 85], 18);
  assert.equal(all.reduce((n, c) => n + c.count, 0), 5);
  const low = idx.clustersIn([-180, -85, 180, 85], 3);
  assert.deepEqual(low.map((c) => c.count), [5], 'one cluster at zoom 3');
  assert.deepEqual(idx.clustersIn([-180, -85, 180, 85], 8).map((c) => c.count).sort(), [1, 1, 3], 'Brussels still clustered at zoom 8');
  assert.ok(idx.expansionZoom(low.find((c) => c.clusterId !== undefined)!.clusterId!) > 3);
  idx.query({ categories: ['shop'] });
  assert.equal(idx.clustersIn([-180, -85, 180, 85], 18).reduce((n, c) => n + c.count, 0), 2);
});

test('nearest anyway, whatever the text search', () => {
  const idx = new FinderIndex(locations(), names);
  const brute = [...idx.locations].sort((a, b) => distanceMeters(50.47, 4.87, a.lat, a.lon) - distanceMeters(50.47, 4.87, b.lat, b.lon)).map((l) => l.id);
  assert.deepEqual(ids(idx, idx.nearest(50.47, 4.87, 2)), brute.slice(0, 2));
  assert.equal(brute[0], 'namur-shop');
  assert.deepEqual(ids(idx, idx.nearest(50.47, 4.87, 1, (l) => l.categories.includes('collection-point'))), ['ixelles-bubble']);
});

test('structured data: simple weekly hours become OpeningHoursSpecification, anything else nothing', () => {
  assert.deepEqual(openingHoursSpecification('Mo-We 09:00-12:00,13:00-17:00; PH off'), [
    { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Monday', 'https://schema.org/Tuesday', 'https://schema.org/Wednesday'], opens: '09:00', closes: '12:00' },
    { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Monday', 'https://schema.org/Tuesday', 'https://schema.org/Wednesday'], opens: '13:00', closes: '17:00' },
  ]);
  assert.deepEqual(openingHoursSpecification('sunrise-sunset'), []);
});

test('chunked validation keeps paths in the whole file and catches an id used in two chunks', async () => {
  const { validateInChunks } = await import('./finder-handler.js');
  const features = Array.from({ length: 9000 }, (_, i) => feature(`p${i}`, 4 + (i % 100) / 100, 50, { name: `P${i}`, categories: ['shop'] }));
  features[8500] = feature('bad', 4, 95, { name: 'Bad', categories: ['shop'] });
  features[8700] = feature('p12', 4, 50, { name: 'Again', categories: ['shop'] });
  const ids = { categories: new Set(['shop']), materials: new Set<string>(), labels: new Set<string>(), organizations: new Set<string>() };
  const r = await validateInChunks({ type: 'FeatureCollection', features }, { baseUrl: 'https://example.org/', ids });
  assert.equal(r.value.length, 8998);
  assert.equal(r.skipped, 2);
  assert.deepEqual(r.problems.map((p) => [p.path, p.code]), [['$.features[8500].geometry.coordinates', 'out-of-range'], ['$.features[8700].id', 'duplicate-id']]);
  assert.match(r.problems[1].message, /already used at \$\.features\[12\]/);
  await assert.rejects(validateInChunks({ type: 'Feature' }, { baseUrl: 'https://example.org/', ids }), /FeatureCollection/);
  // A bare list, with a point far from all the others: what one validation of the whole list says.
  features[4000] = feature('far', 30, 60, { name: 'Far', categories: ['shop'] });
  const whole = validateCollection('locations', features, { baseUrl: 'https://example.org/', ids });
  const chunked = await validateInChunks(features, { baseUrl: 'https://example.org/', ids });
  assert.deepEqual(chunked.value, whole.value);
  assert.equal(chunked.skipped, whole.skipped);
  assert.deepEqual(new Set(chunked.problems.map((p) => `${p.path} ${p.code}`)), new Set(whole.problems.map((p) => `${p.path} ${p.code}`)));
  assert.ok(whole.problems.some((p) => p.path === '$[4000].geometry.coordinates' && p.code === 'far-from-others'));
});

test('public holidays by country: Belgian National Day and Bastille Day', async () => {
  await loadOpeningHours();
  const hours = 'Mo-Fr 09:00-17:00; PH off';
  const be = { lat: 50.85, lon: 4.35, address: { country: 'BE', region: 'BE-BRU' }, openingHours: hours };
  const fr = { lat: 50.63, lon: 3.06, address: { country: 'FR', region: 'FR-HDF' }, openingHours: hours };
  const july21 = new Date(2026, 6, 21, 11, 0); // a Tuesday
  const july14 = new Date(2026, 6, 14, 11, 0); // a Tuesday
  assert.equal(hoursStatus(be, july21).state, 'closed');
  assert.equal(hoursStatus(fr, july21).state, 'open');
  assert.equal(hoursStatus(be, july14).state, 'open');
  assert.equal(hoursStatus(fr, july14).state, 'closed');
});

test('"open now" counts the open results without filtering them', async () => {
  await loadOpeningHours();
  const idx = new FinderIndex(locations(), names);
  const tuesday = new Date(2026, 10, 24, 11, 0);
  const keys = idx.hoursSamples().filter((s) => hoursStatus(s.location, tuesday).state === 'open').map((s) => s.key);
  const all = idx.query({ openCountKeys: keys });
  assert.equal(all.total, 5);
  assert.equal(all.open, 2);
  assert.equal(idx.query({ openCountKeys: keys, region: 'BE-BRU' }).open, 1);
  assert.equal(idx.query({ openKeys: keys }).open, 2);
  assert.equal(idx.query({}).open, undefined);
});

test('a point drawn before the records are checked opens by its id once they are', async () => {
  const { createHandler } = await import('./finder-handler.js');
  const handle = createHandler();
  const f = minimalFeed();
  const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: f.locations })).buffer as ArrayBuffer;
  const none: string[] = [];
  await handle({ type: 'load', bytes, baseUrl: 'https://example.org/locations.geojson', ids: { categories: ['shop', 'repair', 'collection-point'], materials: ['textile', 'furniture'], labels: none, organizations: ['org-a'] }, organizationNames: [] });
  const early = (await handle({ type: 'clusters', bbox: [-180, -85, 180, 85], zoom: 18 })) as { id?: string; index?: number }[];
  const namur = early.find((m) => m.id === 'namur-shop')!;
  assert.equal(namur.index, undefined);
  await handle({ type: 'index' });
  const found = (await handle({ type: 'find', id: 'namur-shop' })) as { index: number; location: Location };
  assert.equal(found.location.id, 'namur-shop');
  assert.equal(((await handle({ type: 'get', index: found.index })) as Location).id, 'namur-shop');
  assert.equal(await handle({ type: 'find', id: 'nowhere' }), null);
});

test('the map’s first clusters serve the whole directory only when every drawn point passed', async () => {
  const { createHandler } = await import('./finder-handler.js');
  const ids = { categories: ['shop'], materials: [] as string[], labels: [] as string[], organizations: [] as string[] };
  const check = async (features: unknown[]) => {
    const handle = createHandler();
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })).buffer as ArrayBuffer;
    await handle({ type: 'load', bytes, baseUrl: 'https://example.org/l.geojson', ids, organizationNames: [] });
    await handle({ type: 'index' });
    await handle({ type: 'query', filter: {}, limit: 10 });
    const points = (await handle({ type: 'clusters', bbox: [-180, -85, 180, 85], zoom: 17 })) as { id?: string; index?: number; count: number }[];
    // Each point drawn opens the location it stands for.
    for (const p of points) assert.equal(((await handle({ type: 'get', index: p.index! })) as Location).id, p.id);
    return points.map((p) => p.id).sort();
  };
  const spread = (i: number) => [4 + i * 0.1, 50 + i * 0.1] as const;
  const good = Array.from({ length: 5 }, (_, i) => feature(`g${i}`, ...spread(i), { name: `G${i}`, categories: ['shop'] }));
  assert.deepEqual(await check(good), ['g0', 'g1', 'g2', 'g3', 'g4']);
  // The second record has coordinates (drawn at first) but no name (skipped): indexes move, clusters are rebuilt.
  const oneBad = [...good];
  oneBad[1] = feature('bad', ...spread(1), { categories: ['shop'] });
  assert.deepEqual(await check(oneBad), ['g0', 'g2', 'g3', 'g4']);
});

test('the clusters drawn before the records are checked hold only the places of the first view (a finder of shops draws no textile bank)', async () => {
  const { createHandler } = await import('./finder-handler.js');
  const ids = { categories: ['shop', 'collection-point'], materials: [] as string[], labels: [] as string[], organizations: [] as string[] };
  const features = [
    ...Array.from({ length: 3 }, (_, i) => feature(`shop${i}`, 4 + i * 0.1, 50, { name: `Shop ${i}`, categories: ['shop'], region: 'BE-WAL' })),
    ...Array.from({ length: 7 }, (_, i) => feature(`bank${i}`, 4 + i * 0.1, 50.5, { name: `Bank ${i}`, categories: ['collection-point'], region: 'BE-BRU' })),
  ];
  const drawn = async (first?: { categories?: string[]; regions?: string[] }) => {
    const handle = createHandler();
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })).buffer as ArrayBuffer;
    const res = (await handle({ type: 'load', bytes, baseUrl: 'https://example.org/l.geojson', ids, organizationNames: [], first })) as { count: number };
    assert.equal(res.count, 10);
    const early = (await handle({ type: 'clusters', bbox: [-180, -85, 180, 85], zoom: 18 })) as { id?: string }[];
    return early.map((m) => m.id).sort();
  };
  assert.equal((await drawn()).length, 10);
  assert.deepEqual(await drawn({ categories: ['shop'] }), ['shop0', 'shop1', 'shop2']);
  assert.deepEqual(await drawn({ regions: ['BE-BRU'] }), features.slice(3).map((f) => f.id).sort());
});
