import { expect } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { FeedLoader } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import type { EssShopFinder } from './shop-finder.js';
import { compileHours } from '../shared/hours-week.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const PLAIN = 'Mo-Sa 10:00-18:00; PH off';
// Not in the plain subset (the first Sunday of the month): the worker reads it with the library.
const COMPLEX = 'Mo-Fr 09:00-12:00; Su[1] 10:00-12:00; PH off';
const address = { country: 'BE', region: 'BE-BRU' };

async function until(fn: () => unknown, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('<ess-shop-finder> opening hours', () => {
  it('says every listed location’s hours, the opening-hours library never loaded on the page’s main thread', async () => {
    const net = fakeFetch({
      '/h/feed.json': { json: minimalFeed({ locations: { href: 'loc.geojson' } }) },
      '/h/loc.geojson': {
        json: {
          type: 'FeatureCollection',
          features: [
            feature('plain', 4.35, 50.85, { name: 'Plain hours', categories: ['shop'], openingHours: PLAIN, address }),
            feature('complex', 4.36, 50.85, { name: 'Complex hours', categories: ['shop'], openingHours: COMPLEX, address }),
          ],
        },
      },
    });
    const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="/h/feed.json" lang="en"></ess-shop-finder>`, new FeedLoader({ fetch: net.fetch, cache: memoryCache() }), '1000px');
    const stateOf = (name: string) => [...el.shadowRoot!.querySelectorAll('.item')].find((i) => i.querySelector('.name')?.textContent === name)?.querySelector('.hours:not(.pending)')?.getAttribute('data-state');
    await until(() => stateOf('Plain hours') && stateOf('Complex hours'), 'both locations’ hours');
    expect((el as unknown as { loadedData: { backend: { mode: string } } }).loadedData.backend.mode).to.equal('worker');
    const fetched = performance.getEntriesByType('resource').filter((e) => /opening_hours/.test(e.name));
    expect(fetched.map((e) => e.name)).to.deep.equal([]);
    // What the library itself says now, for both (loaded here only after the check above).
    const { default: OpeningHours } = await import('opening_hours');
    const now = new Date();
    for (const [name, value] of [['Plain hours', PLAIN], ['Complex hours', COMPLEX]]) {
      const oh = compileHours(OpeningHours, value, { lat: 50.85, lon: 4.35, address })!;
      expect(stateOf(name), name).to.equal(oh.getState(now) ? 'open' : 'closed');
    }
  });
});
