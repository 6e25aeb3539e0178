// The mini-map's code (Leaflet, a separate chunk) is fetched only once the element comes into
// view. Alone in its file, so the page has never loaded Leaflet before: the request for the
// chunk is what the test watches, as the test server counts them (web-test-runner.config.mjs).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FeedLoader } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed, onScreen } from '@ess-widgets/core/testing';
import './define.js';
import type { EssNearbyPoints } from './nearby-points.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** How many times the test server has been asked for Leaflet's code, counted as requests arrive. */
async function leafletRequests(): Promise<number> {
  const counts = (await (await fetch('/__ess-requests', { cache: 'no-store' })).json()) as Record<string, number>;
  return Object.entries(counts).filter(([path]) => path.includes('/leaflet/dist/leaflet-src')).reduce((n, [, c]) => n + c, 0);
}


describe('<ess-nearby-points> mini-map loading', () => {
  it('imports the mini-map only when the element comes into view, and draws it again after a move', async () => {
    const locations = [...(minimalFeed().locations as unknown[]), ...[1, 2, 3].map((i) => feature(`b${i}`, 4.86 + i / 100, 50.46, { name: `Bulle ${i}`, categories: ['collection-point'] }))];
    const net = fakeFetch({
      '/lazy/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
      '/lazy/locations.geojson': { json: { type: 'FeatureCollection', features: locations } },
    });
    const before = await leafletRequests();
    const wrapper = await fixture<HTMLDivElement>(html`<div><div style="height: 300vh"></div></div>`);
    const el = document.createElement('ess-nearby-points') as EssNearbyPoints;
    el.loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    Object.assign(el, { feed: '/lazy/feed.json', near: '50.4669,4.8675', map: true, tileUrl: TILE });
    wrapper.append(el);
    await waitUntil(() => el.getAttribute('aria-busy') === 'false' && el.shadowRoot!.querySelector('.item'), 'the list', { timeout: 8000 });
    expect(el.shadowRoot!.querySelector('.map'), 'the map box is reserved').to.exist;
    // Out of view: the element's own observer has reported it (ours, made later, reports at the same step).
    expect(await onScreen(el), 'below the fold').to.equal(false);
    await el.updateComplete;
    await leafletRequests(); // a round trip to the server after any import the element started
    expect(await leafletRequests(), 'Leaflet not fetched while out of view').to.equal(before);
    // Counts, not elements: a failing assertion on a Leaflet node makes chai format the whole map.
    expect(el.shadowRoot!.querySelectorAll('.leaflet-container').length, 'no map while out of view').to.equal(0);
    el.scrollIntoView();
    const marks = () => el.shadowRoot!.querySelectorAll('path.leaflet-interactive').length;
    // One mark per listed location, and one for the reference point.
    const listed = el.shadowRoot!.querySelectorAll('.item').length;
    await waitUntil(() => marks() === listed + 1, 'the map drawn', { timeout: 8000 });
    // Fetched now (the server sees it unless the browser kept it from another test file of the run).
    const once = await leafletRequests();
    expect(once - before, 'Leaflet fetched at most once').to.be.at.most(1);
    wrapper.prepend(el); // moved in the page: disconnected, then connected again
    expect(marks(), 'the old map is gone').to.equal(0);
    await waitUntil(() => marks() === listed + 1, 'the map drawn again', { timeout: 8000 });
    expect(await leafletRequests(), 'not fetched again after the move').to.equal(once);
  });
});
