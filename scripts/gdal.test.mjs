// Real interop: the FlatGeobuf file `ess-feed tile` writes, opened by GDAL's ogrinfo (as QGIS
// would): the same number of features, and its spatial index selects the same places as a scan.
// Installs Debian's gdal-bin when ogrinfo is missing (root only); fails with one line otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../packages/feed-cli/src/cli.ts';

function ogrinfo() {
  const has = () => spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).status === 0;
  if (has()) return;
  if (process.getuid?.() !== 0) throw new Error('ogrinfo is missing: install GDAL (Debian: apt-get install -y gdal-bin)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'gdal-bin'], { encoding: 'utf8', env });
  if (!has()) throw new Error(`ogrinfo is missing and apt-get install gdal-bin failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
}

const sampleDir = new URL('../demo/feeds/wallonie-bruxelles/', import.meta.url);

test('GDAL opens the tiled locations: same count, and its index selects what a scan selects', async () => {
  ogrinfo();
  const dir = mkdtempSync(join(tmpdir(), 'ess-gdal-'));
  cpSync(sampleDir, dir, { recursive: true });
  const lines = [];
  const io = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
  assert.equal(await main(['tile', join(dir, 'feed.json')], io), 0, lines.join('\n'));
  const features = JSON.parse(readFileSync(join(dir, 'locations.geojson'), 'utf8')).features;

  const summary = spawnSync('ogrinfo', ['-ro', '-so', '-al', join(dir, 'locations.fgb')], { encoding: 'utf8' });
  assert.equal(summary.status, 0, summary.stderr);
  assert.match(summary.stdout, /using driver `FlatGeobuf'/);
  assert.equal(Number(/Feature Count: (\d+)/.exec(summary.stdout)?.[1]), features.length);
  assert.match(summary.stdout, /^name: String/m);

  // Namur and around: -spat goes through the file's R-tree.
  const [minX, minY, maxX, maxY] = [4.75, 50.38, 4.95, 50.52];
  const inside = features.filter((f) => {
    const [x, y] = f.geometry.coordinates;
    return x >= minX && x <= maxX && y >= minY && y <= maxY;
  });
  assert.ok(inside.length > 20, 'the rectangle holds places');
  const spat = spawnSync('ogrinfo', ['-ro', '-al', '-q', '-spat', ...[minX, minY, maxX, maxY].map(String), join(dir, 'locations.fgb')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(spat.status, 0, spat.stderr);
  const ids = [...spat.stdout.matchAll(/^\s+id \(String\) = (.+)$/gm)].map((m) => m[1]).sort();
  assert.deepEqual(ids, inside.map((f) => f.id).sort());
});
