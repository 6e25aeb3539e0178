// The loader on bad networks: a stalled stream times out, a slow one does not; a CORS refusal is
// told apart from a host that is down; the feed's linked files start with it; unusable answers
// fall back to the saved copy; saved copies are compressed, bounded, and a full disk changes nothing.
import { expect, waitUntil } from '@open-wc/testing';
import { FeedError, FeedLoader, type DownloadProgress } from './loader.js';
import { cacheApiStore, indexedDbStore, MAX_SAVED_BYTES, memoryCache, safeCache, textOf, type FeedCache } from './cache.js';
import { fakeFetch, minimalFeed, rejection as rejected } from '../testing/index.js';

const abs = (u: string) => new URL(u, location.href).href;

/** The loader's error a promise is rejected with. */
const rejection = (p: Promise<unknown>) => rejected<FeedError>(p);

/** A body sent in parts, each one only when the test lets it go. */
function gated(parts: Uint8Array[]) {
  const gates = parts.map(() => {
    let open!: () => void;
    const p = new Promise<void>((r) => (open = r));
    return { p, open };
  });
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (sent === parts.length) return c.close();
      await gates[sent].p;
      c.enqueue(parts[sent++]);
    },
  });
  return { stream, release: (i: number) => gates[i].open(), get sent() { return sent; } };
}

describe('FeedLoader on bad networks', () => {
  it('a slow body keeps coming past the timeout as long as bytes arrive; a stalled one times out', async () => {
    const text = JSON.stringify(minimalFeed());
    const bytes = new TextEncoder().encode(text);
    const parts = Array.from({ length: 6 }, (_, i) => bytes.slice(Math.floor((i * bytes.length) / 6), Math.floor(((i + 1) * bytes.length) / 6)));
    const g = gated(parts);
    const net = fakeFetch({ '/slow/feed.json': () => new Response(g.stream) });
    const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache(), timeout: 300 });
    const seen: DownloadProgress[] = [];
    loader.progress.addEventListener('progress', (e) => seen.push((e as CustomEvent<DownloadProgress>).detail));
    const p = loader.load('/slow/feed.json');
    // Each part comes well within the stall timeout, the whole takes several timeouts.
    for (let i = 0; i < parts.length; i++) {
      await new Promise((r) => setTimeout(r, 150));
      g.release(i);
      await waitUntil(() => g.sent > i);
    }
    const loaded = await p;
    expect(loaded.source).to.equal('network');
    expect(seen.at(-1)).to.include({ loaded: bytes.length, done: true });
    expect(seen.filter((s) => !s.done).map((s) => s.loaded)).to.deep.equal(parts.map((_, i) => parts.slice(0, i + 1).reduce((n, x) => n + x.length, 0)));

    const stalled = gated(parts);
    net.route('/stalled/feed.json', () => new Response(stalled.stream));
    const q = loader.load('/stalled/feed.json');
    stalled.release(0);
    const e = await rejection(q);
    expect(e.kind).to.equal('timeout');
    expect(e.message).to.contain('sent nothing for 0.3 s');
  });

  it('tells a CORS refusal from a host that cannot be reached', async () => {
    const other = 'https://feeds.example.org/feed.json';
    const down = 'https://down.example.org/feed.json';
    const net = fakeFetch({
      // The host answers, without the header: only an opaque request gets through.
      [other]: (req) => {
        if (req.mode === 'no-cors') return new Response(null, { status: 200 });
        throw new TypeError('Failed to fetch');
      },
      [down]: { error: 'network' },
    });
    const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    const cors = await rejection(loader.load(other));
    expect(cors.kind).to.equal('cors');
    expect(cors.message).to.contain('Access-Control-Allow-Origin');
    const unreachable = await rejection(loader.load(down));
    expect(unreachable.kind).to.equal('network');
    expect(unreachable.message).to.contain('could not be reached');
  });

  it('starts a linked file with the feed when its link is known from the last visit: one stall costs one timeout', async () => {
    const feed = minimalFeed({ locations: { href: 'locations.geojson' } });
    const cache = memoryCache();
    const net = fakeFetch({ '/par/feed.json': { json: feed }, '/par/locations.geojson': { json: { type: 'FeatureCollection', features: minimalFeed().locations } } });
    const loader = new FeedLoader({ fetch: net.fetch, cache });
    await loader.collection(await loader.load('/par/feed.json', ['locations']), 'locations');
    // Next visit: both hang.
    loader.reset({ fetch: net.fetch, cache, timeout: 400 });
    net.route('/par/feed.json', { error: 'hang' });
    net.route('/par/locations.geojson', { error: 'hang' });
    const p = loader.load('/par/feed.json', ['locations']);
    await waitUntil(() => net.count('/par/locations.geojson') === 2, 'the locations file is asked for while the feed still hangs');
    const loaded = await p;
    expect(loaded.source).to.equal('cache');
    const col = await loader.collection(loaded, 'locations');
    expect(col.source).to.equal('cache');
    expect(col.error?.kind).to.equal('timeout');
    // The prefetched request was the one that timed out: no second wait.
    expect(net.count('/par/locations.geojson')).to.equal(2);
    // A retry asks again.
    net.route('/par/feed.json', { json: feed });
    net.route('/par/locations.geojson', { json: { type: 'FeatureCollection', features: minimalFeed().locations } });
    loader.reset({ fetch: net.fetch, cache });
    expect((await loader.collection(await loader.load('/par/feed.json'), 'locations')).source).to.equal('network');
  });

  it('an elements that wants no linked file triggers no download of it', async () => {
    const cache = memoryCache();
    const net = fakeFetch({ '/lazy/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) }, '/lazy/locations.geojson': { json: { type: 'FeatureCollection', features: [] } } });
    const loader = new FeedLoader({ fetch: net.fetch, cache });
    await loader.load('/lazy/feed.json');
    loader.reset({ fetch: net.fetch, cache });
    await loader.load('/lazy/feed.json', ['stats']);
    expect(net.count('/lazy/locations.geojson')).to.equal(0);
  });

  for (const [what, route] of [
    ['an error status', { body: 'oops', status: 503 }],
    ['a cut body', { body: '{"version": 1, "publisher": {"name": "Cut' }],
    ['an HTML page', { body: '<html><body>Proxy error</body></html>' }],
    ['the wrong shape', { json: { error: 'quota exceeded' } }],
    ['a connection refused', { error: 'network' }],
    ['a body shorter than announced', () => new Response('{"version": 1}', { headers: { 'content-length': '500' } })],
  ] as const) {
    it(`the feed and a linked file fall back to their saved copies on ${what}`, async () => {
      const cache = memoryCache();
      const net = fakeFetch({ '/fb/feed.json': { json: minimalFeed({ stats: { href: 'stats.json' } }) }, '/fb/stats.json': { json: [{ id: 'a', value: 1, label: 'A' }] } });
      const loader = new FeedLoader({ fetch: net.fetch, cache });
      await loader.collection(await loader.load('/fb/feed.json'), 'stats');
      await waitUntil(() => cache.entries.has(abs('/fb/stats.json')) && cache.entries.has(abs('/fb/feed.json')));
      const savedAt = cache.entries.get(abs('/fb/stats.json'))!.fetchedAt;
      loader.reset({ fetch: net.fetch, cache });
      net.route('/fb/stats.json', route as never);
      const fresh = await loader.load('/fb/feed.json');
      expect(fresh.source).to.equal('network');
      const col = await loader.collection(fresh, 'stats');
      expect(col.source).to.equal('cache');
      expect(col.fetchedAt).to.equal(savedAt);
      expect(col.error?.file).to.equal('stats');
      expect(col.items.map((s) => s.id)).to.deep.equal(['a']);
      // The failure did not replace the good copy.
      expect(textOf(cache.entries.get(abs('/fb/stats.json'))!)).to.contain('"id":"a"');
      loader.reset({ fetch: net.fetch, cache });
      net.route('/fb/feed.json', route as never);
      const old = await loader.load('/fb/feed.json');
      expect(old.source).to.equal('cache');
    });
  }

  it('keeps saved copies compressed in the Cache API and in IndexedDB, and reads them back', async () => {
    const body = JSON.stringify({ ...minimalFeed(), padding: 'x'.repeat(200_000) });
    for (const [name, store] of [['cache api', cacheApiStore()], ['indexeddb', indexedDbStore()]] as const) {
      const url = abs(`/compressed/${name.replace(' ', '-')}.json`);
      await store.put(url, { body: new TextEncoder().encode(body).buffer as ArrayBuffer, fetchedAt: 1234 });
      const back = await store.get(url);
      expect(back?.fetchedAt, name).to.equal(1234);
      expect(textOf(back!), name).to.equal(body);
    }
    // What is on disk is the gzip, far smaller than the text.
    const raw = await (await caches.open('ess-widgets-feeds-v1')).match(abs('/compressed/cache-api.json'));
    expect(raw!.headers.get('x-ess-encoding')).to.equal('gzip');
    expect((await raw!.arrayBuffer()).byteLength).to.be.lessThan(body.length / 20);
    const row = await new Promise<{ body: ArrayBuffer; encoding?: string }>((resolve, reject) => {
      const r = indexedDB.open('ess-widgets', 1);
      r.onsuccess = () => {
        const get = r.result.transaction('feeds', 'readonly').objectStore('feeds').get(abs('/compressed/indexeddb.json'));
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      };
      r.onerror = () => reject(r.error);
    });
    expect(row.encoding).to.equal('gzip');
    expect(row.body.byteLength).to.be.lessThan(body.length / 20);
  });

  it('does not keep a copy larger than the limit, and a full store changes nothing for the page', async () => {
    expect(MAX_SAVED_BYTES).to.equal(64 * 1024 * 1024);
    const inner = memoryCache();
    const small = safeCache(() => inner, 1000);
    await small.put('https://x.example/big.json', { body: 'x'.repeat(1001), fetchedAt: 1 });
    await small.put('https://x.example/ok.json', { body: 'x'.repeat(999), fetchedAt: 1 });
    expect([...inner.entries.keys()]).to.deep.equal(['https://x.example/ok.json']);
    const full: FeedCache = {
      get: async () => undefined,
      put: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      clear: async () => undefined,
    };
    const net = fakeFetch({ '/full/feed.json': { json: minimalFeed() } });
    const loader = new FeedLoader({ fetch: net.fetch, cache: safeCache(() => full) });
    const loaded = await loader.load('/full/feed.json');
    expect(loaded.source).to.equal('network');
    expect((loaded.feed.locations as unknown[]).length).to.equal(3);
  });

  it('hands a linked body over once: the loader keeps no copy after it is read', async () => {
    const net = fakeFetch({ '/once/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) }, '/once/locations.geojson': { json: { type: 'FeatureCollection', features: minimalFeed().locations } } });
    const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    const loaded = await loader.load('/once/feed.json');
    const body = await loader.collectionBody(loaded, 'locations');
    expect(body.bytes.byteLength).to.be.greaterThan(0);
    expect((loader as unknown as { bodies: Map<string, unknown> }).bodies.size).to.equal(0);
  });
});
