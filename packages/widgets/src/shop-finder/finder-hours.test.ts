import { expect, waitUntil } from '@open-wc/testing';
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

const until = (fn: () => unknown, what: string) => waitUntil(fn, `timed out waiting for ${what}`, { timeout: 10_000 });

function finder(): Promise<EssShopFinder> {
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
  return mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="/h/feed.json" lang="en"></ess-shop-finder>`, new FeedLoader({ fetch: net.fetch, cache: memoryCache() }), '1000px');
}

describe('<ess-shop-finder> opening hours', () => {
  it('says every listed location’s hours, the opening-hours library never loaded on the page’s main thread', async () => {
    const el = await finder();
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

  it('shows the week in words in a location’s detail, today marked, never the raw value', async () => {
    const el = await finder();
    const item = () => [...el.shadowRoot!.querySelectorAll('.item .name')].find((n) => n.textContent === 'Plain hours') as HTMLElement | undefined;
    await until(() => item(), 'the list');
    item()!.click();
    await until(() => el.shadowRoot!.querySelector('.detail table.week'), 'the week table');
    const rows = [...el.shadowRoot!.querySelectorAll('.detail table.week tbody tr')];
    expect(rows).to.have.length(7);
    expect(rows.filter((r) => r.getAttribute('aria-current') === 'date')).to.have.length(1);
    expect(el.shadowRoot!.querySelector('.detail')!.textContent).not.to.contain(PLAIN);
  });
});
