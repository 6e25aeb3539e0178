import { expect, waitUntil } from '@open-wc/testing';
import { FeedError, FeedLoader } from './loader.js';
import { memoryCache, textOf } from './cache.js';
import { fakeFetch } from '../testing/fake-fetch.js';
import { minimalFeed } from '../testing/feeds.js';
import { rejection as rejected } from '../testing/reject.js';
import { truncatedJson } from './fixtures/hostile.js';
import type { Location } from './types.js';
import { SLICE_ABOVE } from './yield.js';

const URL_A = '/feeds/a.json';
const abs = (u: string) => new URL(u, location.href).href;

/** The loader's error a promise is rejected with. */
const rejection = (p: Promise<unknown>) => rejected<FeedError>(p);

describe('FeedLoader', () => {
  let net: ReturnType<typeof fakeFetch>;
  let loader: FeedLoader;
  let cache: ReturnType<typeof memoryCache>;
  beforeEach(() => {
    net = fakeFetch({ [URL_A]: { json: minimalFeed({ locations: { href: 'locations.geojson' } }) } });
    cache = memoryCache();
    loader = new FeedLoader({ fetch: net.fetch, cache, timeout: 200 });
  });

  it('makes one request however many callers ask for the same feed', async () => {
    const all = await Promise.all([loader.load(URL_A), loader.load(URL_A), loader.load(abs(URL_A)), loader.load(URL_A)]);
    expect(net.count(URL_A)).to.equal(1);
    expect(all[0]).to.equal(all[3]);
    expect(all[0].feed.publisher.name).to.equal('Test federation');
  });

  it('fetches an href collection only when asked, once, resolved against the feed URL', async () => {
    net.route('/feeds/locations.geojson', { json: { type: 'FeatureCollection', features: minimalFeed().locations } });
    const loaded = await loader.load(URL_A);
    expect(net.requests).to.deep.equal([abs(URL_A)]);
    const [a, b] = await Promise.all([loader.collection(loaded, 'locations'), loader.collection(loaded, 'locations')]);
    expect(net.count('/feeds/locations.geojson')).to.equal(1);
    expect(a.items.map((l: Location) => l.id)).to.deep.equal(['namur-shop', 'liege-repair', 'ixelles-bubble']);
    expect(b).to.equal(a);
  });

  it('shares the one request of a collection between collection() and collectionBody()', async () => {
    net.route('/feeds/locations.geojson', { json: { type: 'FeatureCollection', features: minimalFeed().locations } });
    const loaded = await loader.load(URL_A);
    const [raw, parsed] = await Promise.all([loader.collectionBody(loaded, 'locations'), loader.collection(loaded, 'locations')]);
    expect(JSON.parse(new TextDecoder().decode(raw.bytes)).features.length).to.equal(parsed.items.length);
    expect(raw.href).to.equal(abs('/feeds/locations.geojson'));
    expect(net.count('/feeds/locations.geojson')).to.equal(1);
  });

  it('gives two elements asking for the same file at once bytes each can move to its worker', async () => {
    net.route('/feeds/locations.geojson', { json: { type: 'FeatureCollection', features: minimalFeed().locations } });
    const loaded = await loader.load(URL_A);
    const [a, b] = await Promise.all([loader.collectionBody(loaded, 'locations'), loader.collectionBody(loaded, 'locations')]);
    // The first finder transfers its bytes to its worker, which detaches them on the page.
    new MessageChannel().port1.postMessage(a.bytes, [a.bytes]);
    expect(a.bytes.byteLength).to.equal(0);
    expect(JSON.parse(new TextDecoder().decode(b.bytes)).features.length).to.equal((minimalFeed().locations as unknown[]).length);
    expect(net.count('/feeds/locations.geojson')).to.equal(1);
  });

  it('times out with a typed error', async () => {
    net.route(URL_A, { error: 'hang' });
    const e = await rejection(loader.load(URL_A));
    expect(e).to.be.instanceOf(FeedError);
    expect(e.kind).to.equal('timeout');
  });

  for (const status of [404, 500]) {
    it(`reports HTTP ${status} with its status`, async () => {
      net.route(URL_A, { body: 'nope', status });
      const e = await rejection(loader.load(URL_A));
      expect([e.kind, e.status]).to.deep.equal(['http', status]);
    });
  }

  it('reports truncated JSON as a parse error', async () => {
    net.route(URL_A, { body: truncatedJson });
    expect((await rejection(loader.load(URL_A))).kind).to.equal('parse');
  });

  it('reads a document of SLICE_ABOVE bytes or more with the sliced parser, loaded on first use, to the same result', async () => {
    const feed = minimalFeed();
    net.route(URL_A, { body: `${JSON.stringify(feed)}${' '.repeat(SLICE_ABOVE)}` });
    const loaded = await loader.load(URL_A);
    expect(loaded.feed.locations).to.have.length((feed.locations as unknown[]).length);
    expect(loaded.feed.publisher.name).to.equal('Test federation');
  });

  it('says where a body that is not JSON breaks (the locator loads on first use)', async () => {
    net.route(URL_A, { body: '{"version": 1,\n  "publisher": }' });
    const e = await rejection(loader.load(URL_A));
    expect(e.kind).to.equal('parse');
    expect(e.message).to.match(/line 2, column \d+/);
  });

  it('reports a document of the wrong shape', async () => {
    net.route(URL_A, { json: [1, 2, 3] });
    const e = await rejection(loader.load(URL_A));
    expect(e.kind).to.equal('shape');
    expect(e.message).to.contain('must be a JSON object');
  });

  it('reports a network failure as network (same origin)', async () => {
    net.route(URL_A, { error: 'network' });
    expect((await rejection(loader.load(URL_A))).kind).to.equal('network');
  });

  it('explains CORS when another origin refuses to be read but answers', async () => {
    const other = 'https://feeds.example.org/feed.json';
    // A CORS refusal: the read fails, an opaque (no-cors) request gets through.
    net.route(other, (req) => {
      if (req.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    const e = await rejection(loader.load(other));
    expect(e.kind).to.equal('cors');
    expect(e.message).to.contain('Access-Control-Allow-Origin');
  });

  it('keeps the last good copy and serves it, with its date, when the network fails', async () => {
    const first = await loader.load(URL_A);
    await waitUntil(() => cache.entries.has(abs(URL_A)), 'the copy kept', { timeout: 5000 });
    loader.reset();
    net.route(URL_A, { error: 'network' });
    const again = await loader.load(URL_A);
    expect(again.source).to.equal('cache');
    expect(again.fetchedAt).to.equal(first.fetchedAt);
    expect(again.error?.kind).to.equal('network');
    expect(again.feed.publisher.name).to.equal('Test federation');
  });

  it('does not keep a broken copy over a good one', async () => {
    await loader.load(URL_A);
    await waitUntil(() => cache.entries.has(abs(URL_A)), 'the copy kept', { timeout: 5000 });
    loader.reset();
    net.route(URL_A, { body: truncatedJson });
    const again = await loader.load(URL_A);
    expect(again.source).to.equal('cache');
    expect(again.error?.kind).to.equal('parse');
    expect(JSON.parse(textOf(cache.entries.get(abs(URL_A))!)).version).to.equal(1);
  });

  it('asks again after a failure instead of caching the error', async () => {
    net.route(URL_A, { error: 'network' });
    await rejection(loader.load(URL_A));
    net.route(URL_A, { json: minimalFeed() });
    expect((await loader.load(URL_A)).source).to.equal('network');
    expect(net.count(URL_A)).to.equal(2);
  });

  it('works when storage throws', async () => {
    const throwing = { get: () => Promise.reject(new Error('SecurityError')), put: () => { throw new Error('QuotaExceeded'); }, clear: () => Promise.resolve() };
    const { safeCache } = await import('./cache.js');
    loader.reset({ cache: safeCache(() => throwing as never) });
    expect((await loader.load(URL_A)).source).to.equal('network');
    net.route(URL_A, { error: 'network' });
    loader.reset();
    expect((await rejection(loader.load(URL_A))).kind).to.equal('network');
  });

  it('refresh() replaces the shared copy when the feed changed', async () => {
    await loader.load(URL_A);
    net.route(URL_A, { json: minimalFeed({ publisher: { name: 'Renamed' } }) });
    const fresh = await loader.refresh(URL_A);
    expect(fresh.feed.publisher.name).to.equal('Renamed');
    expect((await loader.load(URL_A)).feed.publisher.name).to.equal('Renamed');
    expect(net.count(URL_A)).to.equal(2);
  });

  it('watch() refreshes on its interval, skips while the page is hidden, and stops', async () => {
    await loader.load(URL_A);
    const ticks: (() => void)[] = [];
    const realSetInterval = window.setInterval;
    const realNow = Date.now;
    let now = realNow();
    window.setInterval = ((fn: () => void) => (ticks.push(fn), 1)) as typeof setInterval;
    Date.now = () => now;
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    let isHidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
    const updates: string[] = [];
    let stop = () => {};
    try {
      stop = loader.watch(URL_A, 10, (l) => updates.push(l.feed.publisher.name));
      net.route(URL_A, { json: minimalFeed({ publisher: { name: 'Live' } }) });
      now += 29_000;
      ticks[0]();
      expect(net.count(URL_A), 'the interval is at least 30 s').to.equal(1);
      now += 1_000;
      isHidden = true;
      ticks[0]();
      expect(net.count(URL_A), 'no request while hidden').to.equal(1);
      isHidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => updates.length > 0, 'the refresh once visible', { timeout: 5000 });
      // One refresh in all: neither the early tick nor the hidden one made another.
      expect(updates).to.deep.equal(['Live']);
      expect(net.count(URL_A)).to.equal(2);
    } finally {
      stop();
      window.setInterval = realSetInterval;
      Date.now = realNow;
      Object.defineProperty(document, 'hidden', hidden);
      delete (document as unknown as Record<string, unknown>).hidden;
    }
  });

  it('sends no cookies or credentials with feed requests, for the feed and its collections', async () => {
    const seen: [string, RequestCredentials][] = [];
    const spy = (json: unknown) => (req: Request) => (seen.push([new URL(req.url).pathname, req.credentials]), new Response(JSON.stringify(json)));
    net.route(URL_A, spy(minimalFeed({ locations: { href: 'locations.geojson' } })));
    net.route('/feeds/locations.geojson', spy({ type: 'FeatureCollection', features: minimalFeed().locations }));
    await loader.collection(await loader.load(URL_A), 'locations');
    await loader.refresh(URL_A);
    expect(seen).to.deep.equal([['/feeds/a.json', 'omit'], ['/feeds/locations.geojson', 'omit'], ['/feeds/a.json', 'omit']]);
  });

  it('tells the console what was skipped once per URL, however often the feed is read again', async () => {
    const bad = { type: 'Feature', id: 'bad', geometry: { type: 'Point', coordinates: [4, 95] }, properties: { name: 'x', categories: ['shop'] } };
    net.route(URL_A, { json: minimalFeed({ locations: [...(minimalFeed().locations as unknown[]), bad] }) });
    net.route('/feeds/b.json', { json: minimalFeed({ locations: [...(minimalFeed().locations as unknown[]), bad] }) });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => void warnings.push(String(m));
    try {
      await loader.load(URL_A);
      await loader.refresh(URL_A);
      await loader.refresh(URL_A);
      await loader.load(URL_A);
      await loader.load('/feeds/b.json');
    } finally {
      console.warn = warn;
    }
    expect(net.count(URL_A), 'the feed was read three times').to.equal(3);
    const about = (u: string) => warnings.filter((w) => w.startsWith(`[ess-widgets] ${abs(u)}: 1 record(s) skipped`));
    expect(about(URL_A), 'once for a.json').to.have.length(1);
    expect(about(URL_A)[0]).to.contain('$.locations[3].geometry.coordinates');
    expect(about('/feeds/b.json'), 'once for b.json').to.have.length(1);
    expect(warnings).to.have.length(2);
  });

  it('reset() forgets shared requests and counters', async () => {
    await loader.load(URL_A);
    loader.reset();
    expect(loader.requests).to.equal(0);
    await loader.load(URL_A);
    expect(net.count(URL_A)).to.equal(2);
  });
});
