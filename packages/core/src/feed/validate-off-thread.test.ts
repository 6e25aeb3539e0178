import { expect } from '@open-wc/testing';
import { FeedLoader, VALIDATE_OFF_THREAD_FROM, type FeedError } from './loader.js';
import { memoryCache } from './cache.js';
import { fakeFetch } from '../testing/fake-fetch.js';
import { minimalFeed } from '../testing/feeds.js';
import { rejection } from '../testing/reject.js';
import { refusingWorker, watchWorkers } from '../testing/workers.js';
import { validateFeed } from './validate.js';
import { isRef } from './types.js';

/** The sample network: a feed that links a locations file of about 4 MB (and a places file of about 180 KB, read on the page). */
const SAMPLE = '/demo/feeds/wallonie-bruxelles/feed.json';

/** A locations file of `n` records, every fifth with a category the feed does not declare (skipped, with a problem). */
function locationsFile(n: number): string {
  const one = (minimalFeed().locations as Record<string, unknown>[])[0] as Record<string, unknown> & { properties: Record<string, unknown> };
  const features = Array.from({ length: n }, (_, i) => ({
    ...one,
    id: `many-${i}`,
    properties: { ...one.properties, name: `Boutique ${i}`, categories: i % 5 === 4 ? ['no-such-category'] : i % 2 ? ['repair'] : ['shop'] },
    geometry: { type: 'Point', coordinates: [4 + (i % 100) / 100, 50 + Math.floor(i / 100) / 100] },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** A Worker class that records, by type, every message the page receives from a validation worker. */
const listeningTo = (received: string[]) => (real: typeof Worker) =>
  class extends real {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (/validate\.worker/.test(String(url))) this.addEventListener('message', (e) => received.push((e as MessageEvent<{ type: string }>).data.type));
    }
  } as typeof Worker;

const FEED = '/feeds/off-thread.json';
const LOCATIONS = '/feeds/off-thread-locations.geojson';

describe('Locations and places files validated off the main thread', () => {
  it('validates the sample locations in a worker, to exactly what the page computes', async () => {
    const read = async () => {
      const loader = new FeedLoader({ cache: memoryCache(), timeout: 10_000 });
      const loaded = await loader.load(SAMPLE);
      return Promise.all([loader.collection(loaded, 'locations'), loader.collection(loaded, 'places')]);
    };
    let workers = watchWorkers();
    const [locations, places] = await read().finally(() => workers.restore());
    // The locations file (3.9 MB) in a worker; the places file (180 KB), under VALIDATE_OFF_THREAD_FROM, on the page.
    expect(workers.started.filter((u) => /validate\.worker/.test(u)), workers.started.join(', ')).to.have.length(1);
    workers = watchWorkers(refusingWorker);
    const [pageLocations, pagePlaces] = await read().finally(() => workers.restore());
    expect(locations.items.length).to.be.greaterThan(1000);
    expect(places.items.length).to.be.greaterThan(100);
    expect(locations.items).to.deep.equal(pageLocations.items);
    expect(places.items).to.deep.equal(pagePlaces.items);
    expect([locations.skipped, places.skipped]).to.deep.equal([pageLocations.skipped, pagePlaces.skipped]);
  });

  it('reports the same records skipped, with the same problems, as the page', async () => {
    const body = locationsFile(3200);
    expect(body.length).to.be.greaterThan(VALIDATE_OFF_THREAD_FROM);
    const read = async () => {
      const net = fakeFetch({ [FEED]: { json: minimalFeed({ locations: { href: 'off-thread-locations.geojson' } }) }, [LOCATIONS]: { body } });
      const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
      return loader.collection(await loader.load(FEED), 'locations');
    };
    let workers = watchWorkers();
    const off = await read().finally(() => workers.restore());
    expect(workers.started.some((u) => /validate\.worker/.test(u))).to.equal(true);
    workers = watchWorkers(refusingWorker);
    const on = await read().finally(() => workers.restore());
    expect(off.items).to.have.length(2560);
    expect(off.skipped).to.equal(640);
    expect(off.problems).to.deep.equal(on.problems);
    expect(off.items).to.deep.equal(on.items);
  });

  it('counts a large file in the worker: the page receives what the filters read and the problems, not the records; one validation serves every filter', async () => {
    const body = locationsFile(3200);
    const received: string[] = [];
    const listening = listeningTo(received);
    const net = fakeFetch({ [FEED]: { json: minimalFeed({ locations: { href: 'off-thread-locations.geojson' } }) }, [LOCATIONS]: { body } });
    const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    const loaded = await loader.load(FEED);
    const workers = watchWorkers(listening);
    const repair = await loader.countLocations(loaded, { categories: ['repair'] });
    const [shops, all] = await Promise.all([loader.countLocations(loaded, { categories: ['shop'] }), loader.countLocations(loaded, {})]).finally(() => workers.restore());
    let expected = 0;
    for (let i = 0; i < 3200; i++) if (i % 5 !== 4 && i % 2 === 1) expected++;
    expect([repair.count, shops.count, all.count]).to.deep.equal([expected, 2560 - expected, 2560]);
    expect(workers.started.filter((u) => /validate\.worker/.test(u))).to.have.length(1);
    expect(net.count(LOCATIONS)).to.equal(1);
    expect(received).to.include('done');
    expect(received, 'records sent to the page').not.to.include('items');
    // The same skipped records and problems as the element that reads every record.
    const records = await loader.collection(loaded, 'locations');
    expect([repair.skipped, repair.problems]).to.deep.equal([records.skipped, records.problems]);
    expect(records.items.filter((l) => l.categories.includes('repair'))).to.have.length(expected);
  });

  it('counts the records another element of the page reads, without validating the file twice', async () => {
    const net = fakeFetch({ [FEED]: { json: minimalFeed({ locations: { href: 'off-thread-locations.geojson' } }) }, [LOCATIONS]: { body: locationsFile(3200) } });
    const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    const loaded = await loader.load(FEED);
    const workers = watchWorkers();
    const [records, shops] = await Promise.all([loader.collection(loaded, 'locations'), loader.countLocations(loaded, { categories: ['shop'] })]).finally(() => workers.restore());
    expect(workers.started.filter((u) => /validate\.worker/.test(u)), workers.started.join(', ')).to.have.length(1);
    expect(shops.count).to.equal(records.items.filter((l) => l.categories.includes('shop')).length);
    expect(shops.count).to.be.greaterThan(1000);
    expect(net.count(LOCATIONS)).to.equal(1);
  });

  it('gives two readers of one large file (two feeds linking it) the same records, each validated in a worker', async () => {
    const routes = {
      [FEED]: { json: minimalFeed({ locations: { href: 'off-thread-locations.geojson' } }) },
      '/feeds/other.json': { json: minimalFeed({ name: { fr: 'Autre' }, locations: { href: 'off-thread-locations.geojson' } }) },
      [LOCATIONS]: { body: locationsFile(3200) },
    };
    const net = fakeFetch(routes);
    const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    const [a, b] = await Promise.all([loader.load(FEED), loader.load('/feeds/other.json')]);
    const workers = watchWorkers();
    const [one, two] = await Promise.all([loader.collection(a, 'locations'), loader.collection(b, 'locations')]).finally(() => workers.restore());
    expect(workers.started.filter((u) => /validate\.worker/.test(u))).to.have.length(2);
    expect(net.count(LOCATIONS)).to.equal(1);
    expect(one.items).to.have.length(2560);
    expect(two.items).to.deep.equal(one.items);
  });

  it('says where a broken file breaks, as the page does', async () => {
    const body = locationsFile(3200).replace('"Boutique 500"', '"Boutique 500');
    expect(body.length).to.be.greaterThan(VALIDATE_OFF_THREAD_FROM);
    const net = fakeFetch({ [FEED]: { json: minimalFeed({ locations: { href: 'off-thread-locations.geojson' } }) }, [LOCATIONS]: { body } });
    const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    const error = await rejection<FeedError>(loader.collection(await loader.load(FEED), 'locations'));
    expect(error.kind).to.equal('parse');
    expect(error.file).to.equal('locations');
    expect(error.message).to.match(/line \d+, column \d+/);
  });

  it("reads a large feed's inline locations like a linked file: in a worker, with the problems at their place in the feed, and a counter receives no record", async () => {
    const doc = minimalFeed({ locations: JSON.parse(locationsFile(3200)) });
    const body = JSON.stringify(doc);
    expect(body.length).to.be.greaterThan(VALIDATE_OFF_THREAD_FROM);
    const received: string[] = [];
    const listening = listeningTo(received);
    const read = async (make?: (real: typeof Worker) => typeof Worker) => {
      const net = fakeFetch({ '/feeds/inline-large.json': { body } });
      const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
      const workers = watchWorkers(make);
      try {
        const loaded = await loader.load('/feeds/inline-large.json');
        const count = await loader.countLocations(loaded, { categories: ['repair'] });
        const counted = received.splice(0);
        const records = await loader.collection(loaded, 'locations');
        return { loaded, count, counted, records, workers: workers.started, requests: net.requests };
      } finally {
        workers.restore();
      }
    };
    // What the validator gives for the whole document (ess-feed check, a small feed on the page).
    const whole = validateFeed(doc, { baseUrl: new URL('/feeds/inline-large.json', location.href).href });
    const expected = whole.problems.filter((p) => p.path.startsWith('$.locations'));
    expect(expected.filter((p) => p.severity === 'error')).to.have.length(640);
    expect(expected[0].path).to.match(/^\$\.locations\.features\[4\]/);

    const off = await read(listening);
    expect(isRef(off.loaded.feed.locations) && off.loaded.feed.locations.inline).to.equal('$.locations.features');
    expect(off.workers.filter((u) => /validate\.worker/.test(u)), off.workers.join(', ')).to.have.length(2);
    expect(off.counted).to.include('done');
    expect(off.counted, 'records sent to the page for a count').not.to.include('items');
    expect(off.requests, 'the list is never requested by its name').to.have.length(1);
    expect(off.records.items).to.deep.equal(whole.value.locations);
    expect(off.records.problems).to.deep.equal(expected);
    expect([off.records.skipped, off.count.skipped]).to.deep.equal([640, 640]);
    expect(off.count.problems).to.deep.equal(expected);
    expect(off.count.count).to.equal((whole.value.locations as { categories: string[] }[]).filter((l) => l.categories.includes('repair')).length);

    // Where no worker starts, the same, on the page in slices.
    const on = await read(refusingWorker);
    expect(on.records.items).to.deep.equal(whole.value.locations);
    expect(on.records.problems).to.deep.equal(expected);
    expect(on.count.count).to.equal(off.count.count);
  });
});
