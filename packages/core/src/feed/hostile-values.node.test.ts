// What the validator does with broken and hostile values publishers really produce: links that are
// not absolute, invisible characters, impossible coordinates, negative counts. Each record is kept
// or dropped as the feed contract says, and the publisher is told which record and what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADVICE_CODES, summarize, validateCollection, validateFeed, feedIds } from './validate.js';
import { feature, minimalFeed } from '../testing/feeds.js';
import type { Location } from './types.js';

const baseUrl = 'https://feed-host.example/feeds/feed.json';
const withLocations = (...locs: Record<string, unknown>[]) => {
  const f = minimalFeed();
  (f.locations as unknown[]).push(...locs);
  return validateFeed(f, { baseUrl });
};
const loc = (r: ReturnType<typeof withLocations>, id: string) => (r.value.locations as Location[]).find((l) => l.id === id);

test('a link that is not absolute is dropped with a warning naming the record, never resolved against the feed', () => {
  const bad = ['jav&#x09;ascript:alert(1)', 'www.example.org', 'shops/ok.html', '//evil.example/x', '/contact', 'https:example.org', 'java\tscript:alert(1)', 'ftp://files.example.org/'];
  const r = withLocations(...bad.map((website, i) => feature(`bad-${i}`, 4.4, 50.8, { name: `Bad ${i}`, categories: ['shop'], website, report: website })));
  for (let i = 0; i < bad.length; i++) {
    const l = loc(r, `bad-${i}`)!;
    assert.ok(l, `bad-${i} is still shown`);
    assert.equal(l.website, undefined, `website ${JSON.stringify(bad[i])} dropped`);
    assert.equal(l.report, undefined, `report ${JSON.stringify(bad[i])} dropped`);
    const p = r.problems.find((x) => x.path === `$.locations[${3 + i}].properties.website`);
    assert.equal(p?.code, 'unsafe-url', `a warning for bad-${i}`);
  }
  // Nothing became a page on the feed's host.
  assert.ok(!JSON.stringify(r.value.locations).includes('feed-host.example'));
});

test('absolute http(s) links are kept; mailto: and tel: only where the field may be an e-mail or a phone', () => {
  const r = withLocations(
    feature('good', 4.4, 50.8, { name: 'Good', categories: ['shop'], website: ' https://shop.example.org/a?b=c ', report: 'mailto:report@example.org' }),
    feature('tel', 4.4, 50.8, { name: 'Tel', categories: ['shop'], website: 'mailto:shop@example.org', report: 'tel:+3281223344' }),
  );
  assert.equal(loc(r, 'good')!.website, 'https://shop.example.org/a?b=c');
  assert.equal(loc(r, 'good')!.report, 'mailto:report@example.org');
  assert.equal(loc(r, 'tel')!.website, undefined);
  assert.equal(loc(r, 'tel')!.report, 'tel:+3281223344');
  const f = minimalFeed({
    campaigns: [{ id: 'c', title: 'T', start: '2023-01-01T00:00:00Z', end: '2023-02-01T00:00:00Z', cta: { label: 'Go', url: 'join.html' } }],
    stats: [{ id: 's', value: 1, label: 'x', source: { name: 'Src', url: 'mailto:x@example.org' } }],
  });
  const v = validateFeed(f, { baseUrl });
  assert.equal((v.value.campaigns as { cta?: unknown }[])[0].cta, undefined);
  assert.equal((v.value.stats as { source?: { url?: string } }[])[0].source?.url, undefined);
  assert.deepEqual(v.problems.filter((p) => p.code === 'unsafe-url').map((p) => p.path), ['$.campaigns[0].cta.url', '$.stats[0].source.url']);
});

test('every bad link in a large feed is reported, not the first few', () => {
  const many = Array.from({ length: 120 }, (_, i) => feature(`l${i}`, 4.4, 50.8, { name: `L${i}`, categories: ['shop'], website: `page-${i}.html` }));
  const r = withLocations(...many);
  assert.equal(r.problems.filter((p) => p.code === 'unsafe-url').length, 120);
});

test('bidi controls and zero-width characters are removed from names and short texts, with a warning', () => {
  const r = withLocations(
    feature('rlo', 4.4, 50.8, { name: 'Boutique \u202Egpj.exe', categories: ['shop'], address: { locality: 'Na\u200Bmur' } }),
    feature('emoji', 4.4, 50.8, { name: 'Famille \u{1F468}\u200D\u{1F469}\u200D\u{1F467}', categories: ['shop'] }),
  );
  assert.equal(loc(r, 'rlo')!.name, 'Boutique gpj.exe');
  assert.equal(loc(r, 'rlo')!.address?.locality, 'Namur');
  assert.equal(loc(r, 'emoji')!.name, 'Famille \u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'zero-width joiners inside emoji stay');
  assert.deepEqual(r.problems.filter((p) => p.code === 'invisible-characters').map((p) => p.path), ['$.locations[3].properties.name', '$.locations[3].properties.address.locality']);
  // A name of nothing but invisible characters is an empty name: the record is skipped.
  const empty = withLocations(feature('ghost', 4.4, 50.8, { name: '\u200B\u202E', categories: ['shop'] }));
  assert.equal(loc(empty, 'ghost'), undefined);
});

test('[0, 0], points far from the others and swapped pairs are kept with a warning and a suggestion', () => {
  const r = withLocations(
    feature('null-island', 0, 0, { name: 'Zero', categories: ['shop'] }),
    // A Namur shop with longitude and latitude swapped: its address says Belgium.
    feature('swapped', 50.4669, 4.8675, { name: 'Swapped', categories: ['shop'], address: { locality: 'Namur', country: 'BE' } }),
    feature('charleroi', 4.444, 50.411, { name: 'Charleroi', categories: ['shop'] }),
    feature('mons', 3.952, 50.454, { name: 'Mons', categories: ['shop'] }),
    // No address: only the bulk of the points tells.
    feature('far', -73.98, 40.75, { name: 'Far', categories: ['shop'] }),
    feature('swapped-bare', 50.63, 5.57, { name: 'Bare', categories: ['shop'] }),
  );
  for (const id of ['null-island', 'swapped', 'far', 'swapped-bare']) assert.ok(loc(r, id), `${id} is still shown`);
  const byPath = (i: number) => r.problems.filter((p) => p.path === `$.locations[${i}].geometry.coordinates`);
  assert.deepEqual(byPath(3).map((p) => p.code), ['null-island']);
  assert.deepEqual(byPath(4).map((p) => p.code), ['swapped-coordinates']);
  assert.match(byPath(4)[0].message, /did you mean \[4\.8675, 50\.4669\]/);
  assert.deepEqual(byPath(7).map((p) => p.code), ['far-from-others']);
  assert.match(byPath(7)[0].message, /"far"/);
  assert.deepEqual(byPath(8).map((p) => p.code), ['swapped-coordinates']);
  assert.match(byPath(8)[0].message, /did you mean \[5\.57, 50\.63\]/);
  // The good points get no warning.
  for (const i of [0, 1, 2, 5, 6]) assert.deepEqual(byPath(i), [], `point ${i}`);
  // The same in a separate locations file.
  const file = { type: 'FeatureCollection', features: (minimalFeed().locations as unknown[]).concat([feature('s', 50.4669, 4.8675, { name: 'S', categories: ['shop'] }), feature('c', 4.444, 50.411, { name: 'C', categories: ['shop'] }), feature('m', 3.952, 50.454, { name: 'M', categories: ['shop'] })]) };
  const col = validateCollection('locations', file, { baseUrl, ids: feedIds(validateFeed(minimalFeed(), { baseUrl }).value) });
  assert.deepEqual(col.problems.map((p) => [p.path, p.code]), [['$.features[3].geometry.coordinates', 'swapped-coordinates']]);
  // The schema cannot see these: they are advice of the validator only.
  for (const code of ['null-island', 'swapped-coordinates', 'far-from-others', 'invisible-characters', 'negative-count']) assert.ok(ADVICE_CODES.includes(code));
});

test('a negative count warns; a negative share or amount does not', () => {
  const v = validateFeed(minimalFeed({
    stats: [
      { id: 'people', value: -12, unit: 'people', label: 'p' },
      { id: 'plain', value: -1, label: 'n' },
      { id: 'delta', value: -3.5, unit: 'percent', label: 'd' },
      { id: 'ok', value: 12, unit: 'establishments', label: 'e' },
    ],
  }), { baseUrl });
  assert.equal((v.value.stats as unknown[]).length, 4, 'every figure is still shown');
  assert.deepEqual(v.problems.filter((p) => p.code === 'negative-count').map((p) => p.path), ['$.stats[0].value', '$.stats[1].value']);
});

test('summarize counts skipped records and why, per collection', () => {
  const f = minimalFeed({
    campaigns: [{ id: 'c1', title: 'T' }, { id: 'c2', title: 'T', start: '2023-01-01T00:00:00Z', end: '2022-01-01T00:00:00Z' }],
  });
  (f.locations as unknown[]).push({ type: 'Feature', id: 'nogeo', properties: { name: 'x', categories: ['shop'] } }, 'not a feature');
  const v = validateFeed(f, { baseUrl });
  assert.deepEqual(summarize(v.problems, '$.locations'), { skipped: 2, warnings: 0, reasons: { 'no-point': 1, 'wrong-type': 1 } });
  assert.equal(summarize(v.problems, '$.campaigns').skipped, 2);
  assert.equal(summarize(v.problems).skipped, v.skipped);
});

test('in a directory of 25,000 points (medians from a sample), the one far away and the one swapped are still told, and no other', () => {
  const many = Array.from({ length: 25_000 }, (_, i) => feature(`p${i}`, 4.3 + (i % 250) * 0.004, 50.3 + Math.floor(i / 250) * 0.004, { name: `P${i}`, categories: ['shop'] }));
  const r = withLocations(...many, feature('far', -73.98, 40.75, { name: 'Far', categories: ['shop'] }), feature('swapped-bare', 50.63, 5.57, { name: 'Bare', categories: ['shop'] }));
  const advice = r.problems.filter((p) => p.code === 'far-from-others' || p.code === 'swapped-coordinates');
  assert.deepEqual(advice.map((p) => [p.code, /"(far|swapped-bare)"/.exec(p.message)?.[1]]), [['far-from-others', 'far'], ['swapped-coordinates', 'swapped-bare']]);
});
