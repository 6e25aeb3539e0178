import { expect } from '@open-wc/testing';
import { FeedLoader, type DownloadProgress } from './loader.js';
import { memoryCache } from './cache.js';
import { minimalFeed } from '../testing/feeds.js';
import { SLICE_ABOVE } from './yield.js';
import { refusingWorker, watchWorkers } from '../testing/workers.js';

/** A feed of about 1.3 MB (inline locations, one per kilometre or so), served from a blob: URL (it has a Content-Length). */
function bigFeed(): { url: string; count: number } {
  const feed = minimalFeed();
  const one = (feed.locations as Record<string, unknown>[])[0];
  const locations = Array.from({ length: 3000 }, (_, i) => ({ ...one, id: `big-${i}`, name: `Boutique ${i}`, geometry: { type: 'Point', coordinates: [4 + (i % 100) / 100, 50 + Math.floor(i / 100) / 100] } }));
  const text = JSON.stringify({ ...feed, locations });
  expect(text.length).to.be.greaterThan(SLICE_ABOVE);
  return { url: URL.createObjectURL(new Blob([text], { type: 'application/json' })), count: locations.length };
}

describe('Large bodies read off the main thread', () => {
  it('downloads a body announced at SLICE_ABOVE bytes or more in a worker, with progress, to the same feed', async () => {
    const { url, count } = bigFeed();
    const workers = watchWorkers();
    const loader = new FeedLoader({ cache: memoryCache(), timeout: 5000 });
    const progress: DownloadProgress[] = [];
    loader.progress.addEventListener('progress', (e) => progress.push((e as CustomEvent<DownloadProgress>).detail));
    try {
      const loaded = await loader.load(url);
      expect(loaded.feed.locations).to.have.length(count);
      expect((loaded.feed.locations as { id: string }[])[count - 1].id).to.equal(`big-${count - 1}`);
      expect(workers.started.some((u) => /fetch\.worker/.test(u)), workers.started.join(', ')).to.equal(true);
      expect(progress.at(-1)?.done).to.equal(true);
      expect(progress.at(-1)?.loaded).to.be.greaterThan(SLICE_ABOVE);
    } finally {
      workers.restore();
      URL.revokeObjectURL(url);
    }
  });

  it('reads a small body on the main thread, starting no worker', async () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(minimalFeed())], { type: 'application/json' }));
    const workers = watchWorkers();
    try {
      const loaded = await new FeedLoader({ cache: memoryCache() }).load(url);
      expect(loaded.feed.publisher.name).to.equal('Test federation');
      expect(workers.started).to.deep.equal([]);
    } finally {
      workers.restore();
      URL.revokeObjectURL(url);
    }
  });

  it('reads a large body on the main thread, to the same feed, where no worker can start', async () => {
    const { url, count } = bigFeed();
    const workers = watchWorkers(refusingWorker);
    try {
      const loaded = await new FeedLoader({ cache: memoryCache(), timeout: 5000 }).load(url);
      expect(workers.started.length).to.be.greaterThan(0);
      expect(loaded.feed.locations).to.have.length(count);
    } finally {
      workers.restore();
      URL.revokeObjectURL(url);
    }
  });
});
