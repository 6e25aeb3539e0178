import { expect } from '@open-wc/testing';
import { FeedLoader, VALIDATE_OFF_THREAD_FROM, type FeedError } from './loader.js';
import { memoryCache } from './cache.js';
import { fakeFetch } from '../testing/fake-fetch.js';
import { minimalFeed } from '../testing/feeds.js';
import { rejection } from '../testing/reject.js';
import { refusingWorker, watchWorkers } from '../testing/workers.js';

/** The sample network: a feed that links a locations file of about 4 MB (and a places file of about 180 KB, read on the page). */
const SAMPLE = '/demo/feeds/wallonie-bruxelles/feed.json';

/** A locations file of `n` records, every fifth with a category the feed does not declare (skipped, with a problem). */
function locationsFile(n: number): string {
  const one = (minimalFeed().locations as Record<string, unknown>[])[0] as Record<string, unknown> & { properties: Record<string, unknown> };
  const features = Array.from({ length: n }, (_, i) => ({
    ...one,
    id: `many-${i}`,
    properties: { ...one.properties, name: `Boutique ${i}`, ...(i % 5 === 4 ? { categories: ['no-such-category'] } : {}) },
    geometry: { type: 'Point', coordinates: [4 + (i % 100) / 100, 50 + Math.floor(i / 100) / 100] },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

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
});
