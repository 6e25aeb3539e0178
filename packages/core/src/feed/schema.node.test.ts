// The JSON Schema (packages/core/schema) and the runtime validator must agree: both run over the
// same fixtures, and must flag the same records. Cross-references the schema cannot express
// (unknown ids, duplicates, end before start, a newer version, a missing publisher) are checked
// only by the runtime validator and left out of the comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { FeedShapeError, validateCollection, validateFeed, feedIds } from './validate.js';
import { hostileCases } from './fixtures/hostile.js';
import { feature, minimalFeed } from '../testing/feeds.js';

const read = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const feedSchema = read('../../schema/feed-v1.schema.json');
const locationsSchema = read('../../schema/locations-v1.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(feedSchema);
ajv.addSchema(locationsSchema);

const RUNTIME_ONLY = new Set(['duplicate-id', 'unknown-id', 'no-known-category', 'newer-version', 'end-before-start', 'no-publisher']);
const RECORD = /^\/(locations\/features|features|locations|campaigns|stats|categories|materials|labels|organizations)\/(\d+)(\/|$)/;
const COLLECTIONS = new Set(['locations', 'campaigns', 'stats', 'categories', 'materials', 'labels', 'organizations', 'version', '']);

/** Which record (or 'doc' for the document itself, or a top-level field) a JSON pointer falls in. */
function keyOf(pointer: string): string {
  const m = RECORD.exec(pointer);
  if (m) return `${m[1]}/${m[2]}`;
  const top = pointer.split('/')[1] ?? '';
  return COLLECTIONS.has(top) ? 'doc' : top;
}

function pointerOf(jsonPath: string): string {
  return jsonPath.replace(/^\$/, '').replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/');
}

function schemaKeys(schemaId: string, raw: unknown): Set<string> {
  if (ajv.validate(schemaId, raw)) return new Set();
  const paths = (ajv.errors ?? []).map((e) => e.instancePath);
  // oneOf reports its failure at the parent too: keep only the deepest paths.
  const deepest = paths.filter((p) => !paths.some((q) => q !== p && q.startsWith(`${p}/`)));
  return new Set(deepest.map(keyOf));
}

function validatorKeys(run: () => { problems: { path: string; code: string }[] }): Set<string> {
  try {
    return new Set(run().problems.filter((p) => !RUNTIME_ONLY.has(p.code)).map((p) => keyOf(pointerOf(p.path))));
  } catch (e) {
    if (e instanceof FeedShapeError) return new Set(['doc']);
    throw e;
  }
}

const baseUrl = 'https://feeds.example.org/feed.json';
const cases: { name: string; feed: () => unknown }[] = [
  { name: 'minimal feed', feed: () => minimalFeed() },
  ...hostileCases,
  {
    name: 'every optional field wrong once',
    feed: () => {
      const f = minimalFeed({ publisher: 'me', languages: ['fr', 'Français'], updated: 'yesterday' });
      (f.locations as unknown[]).push(
        feature('w1', 4, 50, { name: 'W1', categories: ['shop'], phone: 'call us', email: 'nobody', address: { region: 'Wallonia' } }),
        feature('w2', 4, 50, { name: 'W2', categories: ['shop'], accessibility: { wheelchair: 'sometimes' }, materials: 'textile' }),
        feature('w3', 4, 50, { name: 'W3', categories: ['shop'], description: { fr: '' }, openingHours: '' }),
        feature('ok', 4, 50, { name: { fr: 'Bien', nl: 'Goed' }, categories: ['shop'], website: 'shops/ok.html', phone: '+32 81 22 33 44' }),
      );
      (f.categories as unknown[]).push({ id: 'bad color', label: 'x', color: 'red' });
      f.stats = [{ id: 's', value: 1, label: 'x', region: 'Wallonie' }, { id: 't', value: 2, label: 'y', asOf: '1st of May' }];
      f.campaigns = [{ id: 'c', title: 'T', start: '2023-01-01T00:00:00Z', end: '2023-02-01T00:00:00Z', theme: { background: 'navy' }, image: { src: 'javascript:x' } }];
      return f;
    },
  },
];

for (const c of cases) {
  test(`schema and validator agree: ${c.name}`, () => {
    const raw = c.feed();
    assert.deepEqual([...schemaKeys('urn:ess-widgets:feed-v1', raw)].sort(), [...validatorKeys(() => validateFeed(raw, { baseUrl }))].sort());
  });
}

for (const dir of ['wallonie-bruxelles', 'hauts-de-france']) {
  test(`the ${dir} sample feed and its locations pass both with zero problems`, () => {
    const feedUrl = new URL(`../../../../demo/feeds/${dir}/feed.json`, import.meta.url);
    const raw = JSON.parse(readFileSync(feedUrl, 'utf8'));
    assert.equal(ajv.validate('urn:ess-widgets:feed-v1', raw), true, JSON.stringify(ajv.errors?.slice(0, 3)));
    const feed = validateFeed(raw, { baseUrl: feedUrl.href, allowFileUrls: true });
    assert.deepEqual(feed.problems, []);
    const locations = JSON.parse(readFileSync(new URL('locations.geojson', feedUrl), 'utf8'));
    assert.equal(ajv.validate('urn:ess-widgets:locations-v1', locations), true, JSON.stringify(ajv.errors?.slice(0, 3)));
    const r = validateCollection('locations', locations, { baseUrl: feedUrl.href, ids: feedIds(feed.value) });
    assert.deepEqual(r.problems, []);
    assert.equal(r.value.length, locations.features.length);
  });
}
