// Nearby points over a large locations file: searched in the worker that validated it
// (shared/nearby-search.ts), with exactly the answers the page gives when no worker can start.
import { expect, waitUntil } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { FeedLoader, VALIDATE_OFF_THREAD_FROM, distanceMeters } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed, refusingWorker, watchWorkers } from '@ess-widgets/core/testing';
import './define.js';
import type { EssNearbyPoints } from './nearby-points.js';

function rand(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

// 4,000 points around Namur, Liège and Mons: bubbles and shops, every seventh with a category the feed does not declare.
const r = rand(11);
const towns = [
  { postcode: '5000', locality: 'Namur', lat: 50.4669, lon: 4.8675 },
  { postcode: '4000', locality: 'Liège', lat: 50.6326, lon: 5.5797 },
  { postcode: '7000', locality: 'Mons', lat: 50.4542, lon: 3.9523 },
];
type Feature = { geometry: { coordinates: number[] }; properties: { categories: string[] } };
const features = Array.from({ length: 4000 }, (_, i) => {
  const t = towns[i % 3];
  const categories = i % 7 === 6 ? ['no-such-category'] : i % 2 ? ['collection-point'] : ['shop'];
  return feature(`p${i}`, t.lon + (r() - 0.5) * 0.3, t.lat + (r() - 0.5) * 0.2, {
    name: `Point ${i}`,
    categories,
    materials: i % 3 ? ['textile'] : ['furniture'],
    description: { fr: 'Un point de collecte ou une boutique de seconde main, ouvert à tous.' },
    address: { street: `Rue ${i}`, postcode: t.postcode, locality: t.locality, country: 'BE' },
  }) as unknown as Feature;
});
const body = JSON.stringify({ type: 'FeatureCollection', features });
const skipped = features.filter((_, i) => i % 7 === 6).length;

const names = (el: EssNearbyPoints) => [...el.shadowRoot!.querySelectorAll('.item .name')].map((n) => n.textContent);
const settled = (el: EssNearbyPoints) =>
  waitUntil(() => el.getAttribute('aria-busy') === 'false' && !el.shadowRoot!.querySelector('[aria-busy="true"]'), 'the list stays busy', { timeout: 10_000 });

/** What a visitor sees, step by step, on one loader: a point, a postcode, a filter, a typed town. */
async function visit(): Promise<{ steps: (string | null)[][]; notice: string; distances: number[] }> {
  const net = fakeFetch({
    '/large/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
    '/large/locations.geojson': { body },
  });
  const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
  const el = await mount<EssNearbyPoints>('<ess-nearby-points feed="/large/feed.json" near="50.47,4.87" limit="8" categories="collection-point,shop" lang="fr"></ess-nearby-points>', loader, '320px');
  await settled(el);
  const steps = [names(el)];
  const distances = el.results.map((h) => h.distance);
  const notice = el.shadowRoot!.querySelector('.ess-notice[data-kind="partial"]')?.textContent ?? '';
  el.removeAttribute('near');
  el.setAttribute('postcode', '4000');
  await el.updateComplete;
  await settled(el);
  steps.push(names(el));
  el.setAttribute('categories', 'shop');
  el.setAttribute('materials', 'furniture');
  await el.updateComplete;
  await settled(el);
  steps.push(names(el));
  const input = el.shadowRoot!.querySelector('input') as HTMLInputElement;
  input.value = 'mons';
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await el.updateComplete;
  await settled(el);
  steps.push(names(el), [el.shadowRoot!.querySelector('.heading')!.textContent]);
  return { steps, notice, distances };
}

describe('<ess-nearby-points> with a large locations file', () => {
  it('searches it in a worker, with the answers the page gives without one', async () => {
    expect(body.length).to.be.greaterThan(VALIDATE_OFF_THREAD_FROM);
    let workers = watchWorkers();
    const off = await visit().finally(() => workers.restore());
    // The file went to the search worker, which kept the records: no validation worker sent them to the page.
    expect(workers.started.filter((u) => /nearby-search\.worker/.test(u)), workers.started.join(', ')).to.have.length(1);
    expect(workers.started.some((u) => /validate\.worker|nearest\.worker/.test(u)), workers.started.join(', ')).to.equal(false);
    workers = watchWorkers(refusingWorker);
    const on = await visit().finally(() => workers.restore());
    expect(off.steps).to.deep.equal(on.steps);
    expect(off.distances).to.deep.equal(on.distances);
    // Each step listed something, and the town typed was found in the file's addresses (no gazetteer).
    for (const s of off.steps.slice(0, 4)) expect(s).to.have.length(8);
    expect(off.steps[4][0]).to.contain('Mons');
    // The nearest, in order, as a brute-force sort over the valid records says.
    const brute = features
      .filter((f) => !f.properties.categories.includes('no-such-category'))
      .map((f) => distanceMeters(50.47, 4.87, f.geometry.coordinates[1], f.geometry.coordinates[0]))
      .sort((a, b) => a - b)
      .slice(0, 8);
    expect(off.distances.map(Math.round)).to.deep.equal(brute.map(Math.round));
    // The notice counts the records skipped once, with or without the worker.
    expect(off.notice).to.contain(String(skipped));
    expect(off.notice).to.equal(on.notice);
  });

  it('says so, and stops waiting, when the search worker stops', async () => {
    // A worker that dies at its second question (the first gives the first list).
    let asked = 0;
    const workers = watchWorkers(
      (real) =>
        class extends real {
          override postMessage(m: unknown, t?: Transferable[] | StructuredSerializeOptions): void {
            if ((m as { type?: string })?.type === 'nearest' && ++asked > 1) {
              this.onerror?.(new ErrorEvent('error', { message: 'out of memory', cancelable: true }));
              return;
            }
            super.postMessage(m, t as StructuredSerializeOptions);
          }
        },
    );
    try {
      const net = fakeFetch({ '/large/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) }, '/large/locations.geojson': { body } });
      const el = await mount<EssNearbyPoints>('<ess-nearby-points feed="/large/feed.json" near="50.47,4.87" lang="en"></ess-nearby-points>', new FeedLoader({ fetch: net.fetch, cache: memoryCache() }), '320px');
      await settled(el);
      expect(names(el)).to.have.length(5);
      el.setAttribute('near', '50.63,5.58');
      await el.updateComplete;
      await settled(el);
      expect(el.shadowRoot!.querySelector('.message')!.textContent).to.equal('The data could not be prepared for display. Try again in a moment.');
      // Not "no point of this kind": the directory was not searched.
      expect(el.shadowRoot!.querySelector('.empty')).to.equal(null);
    } finally {
      workers.restore();
    }
  });

  it('searches the sample directory in a worker, with the page\'s answers', async () => {
    const read = async () => {
      const loader = new FeedLoader({ cache: memoryCache(), timeout: 10_000 });
      const el = await mount<EssNearbyPoints>('<ess-nearby-points feed="/demo/feeds/wallonie-bruxelles/feed.json" postcode="5000" limit="10" lang="nl"></ess-nearby-points>', loader, '320px');
      await settled(el);
      return { names: names(el), heading: el.shadowRoot!.querySelector('.heading')?.textContent };
    };
    let workers = watchWorkers();
    const off = await read().finally(() => workers.restore());
    expect(workers.started.some((u) => /nearby-search\.worker/.test(u)), workers.started.join(', ')).to.equal(true);
    workers = watchWorkers(refusingWorker);
    const on = await read().finally(() => workers.restore());
    expect(off.names).to.have.length(10);
    expect(off).to.deep.equal(on);
  });
});
