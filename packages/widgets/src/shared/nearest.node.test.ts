import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceMeters } from '@ess-widgets/core';
import { NearestIndex } from './nearest.js';

function rand(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

type P = { id: number; lat: number; lon: number };
const brute = (pts: P[], lat: number, lon: number, n: number, max = Infinity, keep?: (p: P) => boolean) =>
  pts
    .filter((p) => !keep || keep(p))
    .map((p) => ({ id: p.id, d: distanceMeters(lat, lon, p.lat, p.lon) }))
    .filter((h) => h.d <= max)
    .sort((a, b) => a.d - b.d)
    .slice(0, n);

function check(pts: P[], queries: [number, number][], n: number, max?: number, keep?: (p: P) => boolean) {
  const index = new NearestIndex(pts);
  for (const [lat, lon] of queries) {
    const want = brute(pts, lat, lon, n, max, keep);
    const got = index.nearest(lat, lon, n, max, keep);
    // Same distances in the same order (ties may swap ids).
    assert.deepEqual(got.map((h) => Math.round(h.distance * 100)), want.map((w) => Math.round(w.d * 100)), `near ${lat},${lon}`);
  }
}

test('uneven density: dense towns, empty countryside, queries inside and far outside the set', () => {
  const r = rand(7);
  const pts: P[] = [];
  // Three dense towns and a thin scatter, as the directory's bubbles are.
  for (let i = 0; i < 6000; i++) {
    const town = [[50.85, 4.35], [50.47, 4.87], [50.63, 3.06]][i % 3];
    pts.push({ id: i, lat: town[0] + (r() - 0.5) * 0.05, lon: town[1] + (r() - 0.5) * 0.08 });
  }
  for (let i = 0; i < 300; i++) pts.push({ id: 6000 + i, lat: 49.5 + r() * 2, lon: 2.5 + r() * 4 });
  const queries: [number, number][] = Array.from({ length: 60 }, () => [49 + r() * 3, 2 + r() * 5]);
  queries.push([50.85, 4.35], [40, -3], [60, 20]);
  check(pts, queries, 10);
  check(pts, queries, 1);
  check(pts, queries, 10, 5000);
  check(pts, queries, 10, undefined, (p) => p.id % 7 === 0);
});

test('near the antimeridian and the poles, and with every point in one place', () => {
  const r = rand(3);
  const pts: P[] = Array.from({ length: 500 }, (_, i) => ({ id: i, lat: -89 + r() * 178, lon: -180 + r() * 360 }));
  check(pts, [[0, 179.9], [10, -179.95], [88.5, 0], [-89.5, 45], [0, 0]], 10);
  const same: P[] = Array.from({ length: 50 }, (_, i) => ({ id: i, lat: 50.5, lon: 4.5 }));
  check(same, [[50.5, 4.5], [51, 5]], 10);
  check(same, [[51, 5]], 10, 1000);
});
