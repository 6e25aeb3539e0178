import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceMeters } from '@ess-widgets/core';
import { NearestIndex } from './nearest.js';
import { directionsUrl } from './directions.js';
import { describeHours, hoursStatus, loadOpeningHours } from './hours.js';

function rand(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

test('nearest() matches a brute-force great-circle sort on random points', () => {
  const r = rand(42);
  const pts = Array.from({ length: 3000 }, (_, i) => ({ id: i, lat: 49.5 + r() * 1.5, lon: 2.5 + r() * 4, even: i % 2 === 0 }));
  const index = new NearestIndex(pts);
  for (let q = 0; q < 50; q++) {
    const lat = 49.5 + r() * 1.5;
    const lon = 2.5 + r() * 4;
    const brute = pts
      .filter((p) => p.even)
      .map((p) => ({ id: p.id, d: distanceMeters(lat, lon, p.lat, p.lon) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 10);
    const got = index.nearest(lat, lon, 10, Infinity, (p) => p.even);
    assert.deepEqual(got.map((h) => h.item.id), brute.map((b) => b.id));
    got.forEach((h, i) => assert.ok(Math.abs(h.distance - brute[i].d) < 0.01));
  }
});

test('nearest() honours the maximum distance and an empty set', () => {
  const index = new NearestIndex([{ lat: 50.4669, lon: 4.8675 }, { lat: 50.6326, lon: 5.5797 }]);
  const hits = index.nearest(50.4669, 4.87, 5, 5000);
  assert.equal(hits.length, 1);
  assert.ok(hits[0].distance < 300);
  assert.deepEqual(new NearestIndex([]).nearest(50, 4, 5), []);
});

test('directions: OSM by default, named providers, https templates only', () => {
  assert.equal(directionsUrl(undefined, { lat: 50.4669, lon: 4.8675 }), 'https://www.openstreetmap.org/directions?route=%3B50.466900%2C4.867500#map=16/50.466900/4.867500');
  assert.match(directionsUrl('google', { lat: 50, lon: 4 })!, /^https:\/\/www\.google\.com\/maps\/dir\//);
  assert.equal(directionsUrl('https://maps.example.org/?to={lat},{lon}&n={name}', { lat: 1, lon: 2 }, 'Bulle & co'), 'https://maps.example.org/?to=1.000000,2.000000&n=Bulle%20%26%20co');
  assert.equal(directionsUrl('javascript:alert({lat})', { lat: 1, lon: 2 }), undefined);
  assert.equal(directionsUrl('http://insecure.example.org/{lat}', { lat: 1, lon: 2 }), undefined);
});

test('hours: unknown before the library loads and for bad syntax; public holidays closed', async () => {
  const loc = { lat: 50.4669, lon: 4.8675, address: { country: 'BE', region: 'BE-WAL' }, openingHours: 'Mo-Sa 10:00-18:00; PH off' };
  assert.equal(hoursStatus({ ...loc, openingHours: undefined }).state, 'unknown');
  await loadOpeningHours();
  const tuesdayNoon = new Date(2026, 10, 24, 12, 0); // local time of the runtime
  assert.equal(hoursStatus(loc, tuesdayNoon).state, 'open');
  assert.equal(hoursStatus(loc, new Date(2026, 11, 25, 12, 0)).state, 'closed'); // Christmas, a Friday
  assert.equal(hoursStatus(loc, new Date(2026, 10, 29, 12, 0)).state, 'closed'); // Sunday
  assert.equal(hoursStatus({ ...loc, openingHours: 'whenever we feel like it' }, tuesdayNoon).state, 'unknown');
  assert.equal(hoursStatus({ ...loc, openingHours: 'Mo-Fr 10:00-18:00 "sur rendez-vous"; Sa unknown' }, new Date(2026, 10, 28, 12)).state, 'unknown');
  const t = (k: string, p?: Record<string, string | number>) => `${k}${p ? JSON.stringify(p) : ''}`;
  assert.equal(describeHours(hoursStatus(loc, tuesdayNoon), t, 'en-GB', tuesdayNoon), 'openNow · closesAt{"time":"18:00"}');
  const sat = new Date(2026, 10, 28, 19, 0);
  assert.equal(describeHours(hoursStatus(loc, sat), t, 'fr-BE', sat), 'closedNow · opensAt{"day":"lundi","time":"10:00"}');
  assert.equal(describeHours({ state: 'unknown' }, t, 'fr'), 'hoursUnknown');
});
