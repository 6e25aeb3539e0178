// What `npm pack` would publish, per package: every path the package's README promises (its
// "What's in the package" list), its LICENSE, README and CHANGELOG, and nothing a user does not
// need (tests, fixtures, test helpers, TypeScript sources, build info). Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const NAMES = ['core', 'widgets', 'feed-cli'];
let listing;
/** `npm pack --dry-run --json` of the three packages (one npm run). */
export function packedFiles(name) {
  if (!listing) {
    // --ignore-scripts: the file list does not depend on the prepack script (which only rewrites
    // package.json's exports), and this test then never touches package.json.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', ...NAMES.flatMap((n) => ['-w', `packages/${n}`])], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    listing = JSON.parse(r.stdout.replace(/^[^[]*/, ''));
  }
  const info = listing.find((i) => i.name === `@ess-widgets/${name}`);
  return { info, files: info.files.map((f) => f.path) };
}

/** The backticked paths of the README's "What's in the package" section. */
export function promised(readme) {
  const section = readme.split(/^## /m).find((s) => s.startsWith("What's in the package"));
  assert.ok(section, "the README has a \"What's in the package\" section");
  return [...section.matchAll(/`([\w./-]+\.[\w]+|LICENSE)`/g)].map((m) => m[1]).filter((p) => !p.includes('@'));
}

for (const name of NAMES) {
  test(`@ess-widgets/${name}: the tarball holds what its README promises, and no tests or fixtures`, () => {
    const dir = `packages/${name}`;
    const { info, files } = packedFiles(name);
    const promises = promised(readFileSync(`${dir}/README.md`, 'utf8'));
    assert.ok(promises.length >= 4, `the README lists the package's files (${promises.join(', ')})`);
    for (const p of [...promises, 'LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) assert.ok(files.includes(p), `${p} is in the tarball`);
    const unwanted = files.filter((f) => /(^|\/)(fixtures|testing)\/|\.test\.|\.test-helper\.|\.bench\.|(^|\/)src\/|\.ts$(?<!\.d\.ts)|tsbuildinfo|\.unpacked$/.test(f));
    assert.deepEqual(unwanted, [], 'nothing a user does not need');
    const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
    for (const key of ['license', 'repository', 'homepage', 'keywords', 'description']) assert.ok(pkg[key], `package.json has ${key}`);
    assert.equal(pkg.version, JSON.parse(readFileSync('package.json', 'utf8')).version, 'one version for the repository and each package');
    console.log(`${info.name}: ${info.entryCount} files, ${(info.size / 1024).toFixed(1)} KiB packed, ${(info.unpackedSize / 1024).toFixed(1)} KiB unpacked`);
  });
}

test('core: VERSION is the package version', async () => {
  const { VERSION } = await import('../packages/core/dist/version.js');
  assert.equal(VERSION, JSON.parse(readFileSync('packages/core/package.json', 'utf8')).version);
});
