import { expect, waitUntil } from '@open-wc/testing';
import { FeedError, FeedLoader, type DownloadProgress } from './loader.js';
import { browserCache, gunzip, memoryCache } from './cache.js';
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

/** The sample network: a feed that links a locations file of about 4 MB. */
const SAMPLE = '/demo/feeds/wallonie-bruxelles/feed.json';
const LOCATIONS = '/demo/feeds/wallonie-bruxelles/locations.geojson';

/** How many times the test server was asked for `path` since the run began (web-test-runner.config.mjs). */
async function asked(path: string): Promise<number> {
  const counts = (await (await fetch('/__ess-requests', { cache: 'no-store' })).json()) as Record<string, number>;
  return counts[path] ?? 0;
}

describe('Locations files downloaded off the main thread', () => {
  it('downloads a linked locations file in a worker, with one request and progress, to the same collection', async () => {
    const workers = watchWorkers();
    const loader = new FeedLoader({ cache: memoryCache(), timeout: 10_000 });
    const progress: DownloadProgress[] = [];
    loader.progress.addEventListener('progress', (e) => progress.push((e as CustomEvent<DownloadProgress>).detail));
    const before = await asked(LOCATIONS);
    try {
      const loaded = await loader.load(SAMPLE);
      const col = await loader.collection(loaded, 'locations');
      // At most one request reached the server (none when the browser's cache answered), and the loader made two in all: the feed, the file.
      expect((await asked(LOCATIONS)) - before).to.be.at.most(1);
      expect(loader.requests).to.equal(2);
      const expected = ((await (await fetch(LOCATIONS, { cache: 'no-store' })).json()) as { features: unknown[] }).features.length;
      expect(col.items.length + col.skipped).to.equal(expected);
      expect(workers.started.some((u) => /fetch\.worker/.test(u)), workers.started.join(', ')).to.equal(true);
      const last = progress.filter((p) => p.url.endsWith(LOCATIONS)).at(-1);
      expect(last?.done).to.equal(true);
      expect(last?.loaded).to.be.greaterThan(SLICE_ABOVE / 8);
    } finally {
      workers.restore();
    }
  });

  it('keeps the saved copy of the locations file gzipped by the download worker, not on the page', async () => {
    const Real = globalThis.CompressionStream;
    let onPage = 0;
    globalThis.CompressionStream = class extends Real {
      constructor(format: CompressionFormat) {
        super(format);
        onPage++;
      }
    };
    const cache = browserCache();
    await cache.clear();
    try {
      const loader = new FeedLoader({ cache, timeout: 10_000 });
      const loaded = await loader.load(SAMPLE);
      const col = await loader.collection(loaded, 'locations');
      expect(col.source).to.equal('network');
      const href = new URL(LOCATIONS, location.href).href;
      await waitUntil(async () => !!(await loader.savedBody(href)), 'the saved copy of the locations file', { timeout: 10_000 });
      const saved = new TextDecoder().decode((await loader.savedBody(href))!.bytes);
      expect(saved).to.equal(await (await fetch(LOCATIONS, { cache: 'no-store' })).text());
      // The feed document (24 KB) is gzipped on the page; the 3.9 MB locations file was not.
      expect(onPage).to.equal(1);
    } finally {
      globalThis.CompressionStream = Real;
      await cache.clear();
    }
  });

  it('gzips its copy only for a reader that stores it, and drops it for one that keeps its own', async () => {
    // What the page tells each download worker about the copy it kept.
    const told: string[] = [];
    const workers = watchWorkers(
      (real) =>
        class extends real {
          override postMessage(m: unknown, t?: Transferable[] | StructuredSerializeOptions): void {
            const type = (m as { type?: string })?.type;
            if (type === 'gzip' || type === 'drop') told.push(type);
            super.postMessage(m, t as StructuredSerializeOptions);
          }
        },
    );
    try {
      // The shop finder's way: the bytes go to its worker, which keeps the saved copy itself.
      const finder = new FeedLoader({ cache: memoryCache(), timeout: 10_000 });
      const body = await finder.collectionBody(await finder.load(SAMPLE), 'locations');
      expect(body.source).to.equal('network');
      await waitUntil(() => told.length === 1, 'the download worker told about its copy');
      expect(told).to.deep.equal(['drop']);
      // The loader's own readers store the copy it gzipped.
      const cache = memoryCache();
      const loader = new FeedLoader({ cache, timeout: 10_000 });
      await loader.collection(await loader.load(SAMPLE), 'locations');
      await waitUntil(() => told.length === 2, 'the second download worker told about its copy');
      expect(told).to.deep.equal(['drop', 'gzip']);
      const href = new URL(LOCATIONS, location.href).href;
      await waitUntil(async () => !!(await loader.savedBody(href)), 'the saved copy of the locations file', { timeout: 10_000 });
    } finally {
      workers.restore();
    }
  });

  it('reads a feed document on the main thread, starting no worker', async () => {
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

  it('reads a large inline feed on the main thread with one request, to the same feed', async () => {
    const { url, count } = bigFeed();
    const workers = watchWorkers();
    try {
      const loader = new FeedLoader({ cache: memoryCache(), timeout: 5000 });
      const loaded = await loader.load(url);
      // Its inline locations are read from the feed's own bytes, like a linked file's, with no request.
      const { items } = await loader.collection(loaded, 'locations');
      expect(items).to.have.length(count);
      expect(items[count - 1].id).to.equal(`big-${count - 1}`);
      expect(loader.requests).to.equal(1);
      // Read on the page (its size is known only once it answers): no worker downloaded it (one gzips its saved copy, next test).
      expect(workers.started.filter((u) => /fetch\.worker/.test(u)).length).to.be.at.most(1);
    } finally {
      workers.restore();
      URL.revokeObjectURL(url);
    }
  });

  it('reads the locations file on the main thread, to the same collection, where no worker can start', async () => {
    const workers = watchWorkers(refusingWorker);
    const before = await asked(LOCATIONS);
    try {
      const loader = new FeedLoader({ cache: memoryCache(), timeout: 10_000 });
      const col = await loader.collection(await loader.load(SAMPLE), 'locations');
      expect(workers.started.length).to.be.greaterThan(0);
      expect(col.items.length).to.be.greaterThan(1000);
      expect((await asked(LOCATIONS)) - before).to.be.at.most(1);
      expect(loader.requests).to.equal(2);
    } finally {
      workers.restore();
    }
  });

  it('gzips the saved copy of a large feed document the page read in a worker, and keeps the bytes the same', async () => {
    const { url } = bigFeed();
    const workers = watchWorkers();
    const cache = memoryCache();
    try {
      await new FeedLoader({ cache, timeout: 5000 }).load(url);
      await waitUntil(() => cache.entries.has(url), 'the copy kept', { timeout: 5000 });
      const copy = cache.entries.get(url)!;
      const z = await copy.gzipped;
      expect(workers.started.filter((u) => /fetch\.worker/.test(u)), 'a worker gzipped it').to.have.length(1);
      expect(z, 'gzipped bytes').to.be.instanceOf(ArrayBuffer);
      const text = await (await fetch(url)).text();
      expect(new TextDecoder().decode(await gunzip(z!))).to.equal(text);
      expect(new TextDecoder().decode(copy.body as ArrayBuffer), 'the bytes given back').to.equal(text);
    } finally {
      workers.restore();
      URL.revokeObjectURL(url);
    }
  });

  describe('a file larger than a browser can read (500 MB)', () => {
    /** A feed linking the test server's endless locations file. */
    const feedLinking = (announce: boolean) =>
      URL.createObjectURL(new Blob([JSON.stringify(minimalFeed({ locations: { href: `${location.origin}/__ess-too-large/locations.geojson${announce ? '' : '?announce=0'}` } }))], { type: 'application/json' }));
    const sent = async () => ((await (await fetch('/__ess-too-large-sent', { cache: 'no-store' })).json()) as { sent: number }).sent;

    for (const announce of [true, false]) {
      it(`stops the download in the worker and says what to do, ${announce ? 'when its Content-Length says so' : 'once 500 MB have arrived (no length announced, as when gzipped)'}`, async () => {
        const url = feedLinking(announce);
        const workers = watchWorkers();
        const errors: string[] = [];
        const error = console.error;
        console.error = (m: string) => errors.push(m);
        try {
          const loader = new FeedLoader({ cache: memoryCache(), timeout: 10_000 });
          const err = await loader.collection(await loader.load(url), 'locations').then(() => undefined, (e: FeedError) => e);
          expect(err, 'an error').to.be.instanceOf(FeedError);
          expect(err!.kind).to.equal('size');
          expect(err!.file).to.equal('locations');
          expect(err!.message).to.contain('/__ess-too-large/locations.geojson');
          expect(err!.message).to.contain('ess-feed tile');
          expect(err!.message).to.contain(announce ? 'is 600 MB' : 'larger than 500 MB');
          expect(errors.join('\n'), 'the console tells the publisher').to.contain('ess-feed tile');
          expect(workers.started.some((u) => /fetch\.worker/.test(u)), 'downloaded by the worker').to.equal(true);
          // Not the whole file: nothing (announced) or hardly more than the limit.
          expect(await sent()).to.be.below(announce ? 100_000_000 : 700_000_000);
        } finally {
          console.error = error;
          workers.restore();
          URL.revokeObjectURL(url);
        }
      });
    }

    it('stops a document read on the page as soon as it passes 500 MB', async () => {
      const part = new Uint8Array(16 << 20).fill(0x20);
      let pulled = 0;
      // An endless body, the same part again and again (no memory for it): the loader must stop reading.
      const fake = (async () =>
        new Response(new ReadableStream<Uint8Array>({ pull: (c) => { pulled++; c.enqueue(part); } }), { headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
      const error = console.error;
      console.error = () => undefined;
      try {
        const err = await new FeedLoader({ cache: memoryCache(), fetch: fake, timeout: 10_000 }).load('https://feeds.example/huge.json').then(() => undefined, (e: FeedError) => e);
        expect(err?.kind).to.equal('size');
        expect(err?.file).to.equal(undefined);
        expect(err?.message).to.contain('The feed https://feeds.example/huge.json is larger than 500 MB');
        expect(pulled * part.byteLength).to.be.below(600_000_000);
      } finally {
        console.error = error;
      }
    });
  });
});

