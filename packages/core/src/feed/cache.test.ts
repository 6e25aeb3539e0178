// The real stores behind the last good copy of each feed: the Cache API on a secure page (the
// test page is served from localhost, a secure context in Chromium), IndexedDB elsewhere. Each
// copy is read back as put, a new copy replaces the old, and it is really in the browser's
// storage (read here with the storage's own API), where a later page load finds it.
import { expect } from '@open-wc/testing';
import { browserCache, textOf, type FeedCache } from './cache.js';
import { FeedLoader } from './loader.js';
import { fakeFetch } from '../testing/fake-fetch.js';
import { minimalFeed } from '../testing/feeds.js';

const CACHE_NAME = 'ess-widgets-feeds-v1';
const url = (name: string) => new URL(`/cache-test/${name}`, location.href).href;
const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

/** The IndexedDB record for `key`, read with IndexedDB itself. */
async function idbRecord(key: string): Promise<{ body: string | ArrayBuffer; fetchedAt: number } | undefined> {
  // Opening a database that does not exist would create it, empty: look first.
  if (!(await indexedDB.databases()).some((d) => d.name === 'ess-widgets')) return undefined;
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('ess-widgets');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('feeds')) return resolve((db.close(), undefined));
      const get = db.transaction('feeds', 'readonly').objectStore('feeds').get(key);
      get.onsuccess = () => resolve((db.close(), get.result));
      get.onerror = () => reject(get.error);
    };
  });
}

/** Round trip, replacement, separate URLs and clear(), through the FeedCache interface. */
async function roundTrip(cache: FeedCache): Promise<void> {
  expect(await cache.get(url('none.json')), 'nothing kept yet').to.equal(undefined);
  await cache.put(url('a.json'), { body: '{"v":"Bruxelles–Liège"}', fetchedAt: 1_700_000_000_000 });
  await cache.put(url('b.json'), { body: bytes('{"v":"b"}'), fetchedAt: 1_700_000_000_001 });
  const a = await cache.get(url('a.json'));
  expect(a && textOf(a), 'text read back as put, accents and all').to.equal('{"v":"Bruxelles–Liège"}');
  expect(a!.fetchedAt).to.equal(1_700_000_000_000);
  const b = await cache.get(url('b.json'));
  expect(b && textOf(b), 'bytes read back as put').to.equal('{"v":"b"}');
  expect(b!.fetchedAt).to.equal(1_700_000_000_001);
  // A new copy replaces the old one, and only for its URL.
  await cache.put(url('a.json'), { body: bytes('{"v":2}'), fetchedAt: 1_800_000_000_000 });
  const again = await cache.get(url('a.json'));
  expect([textOf(again!), again!.fetchedAt]).to.deep.equal(['{"v":2}', 1_800_000_000_000]);
  expect(textOf((await cache.get(url('b.json')))!)).to.equal('{"v":"b"}');
}

const deleteDb = () =>
  new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase('ess-widgets');
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });

describe('the feed cache in the browser', () => {
  before(deleteDb);

  describe('Cache API (secure page)', () => {
    beforeEach(() => caches.delete(CACHE_NAME));
    after(() => caches.delete(CACHE_NAME));

    it('keeps, replaces and clears copies, in the Cache API itself', async () => {
      expect(window.isSecureContext, 'the test page is a secure context').to.equal(true);
      const cache = browserCache();
      await roundTrip(cache);
      // Really stored in the Cache API, with its date, and found by another instance (a later page).
      const stored = await (await caches.open(CACHE_NAME)).match(url('a.json'));
      expect(await stored!.text()).to.equal('{"v":2}');
      expect(stored!.headers.get('x-ess-fetched-at')).to.equal('1800000000000');
      expect(textOf((await browserCache().get(url('b.json')))!), 'a new page finds it').to.equal('{"v":"b"}');
      expect(await idbRecord(url('a.json')), 'not in IndexedDB').to.equal(undefined);
      await cache.clear();
      expect(await cache.get(url('a.json'))).to.equal(undefined);
      expect(await (await caches.open(CACHE_NAME)).match(url('b.json'))).to.equal(undefined);
    });

    it('gives the loader its last good copy when the network fails', async () => {
      const net = fakeFetch({ '/cache-test/feed.json': { json: minimalFeed() } });
      const first = new FeedLoader({ fetch: net.fetch, cache: browserCache() });
      expect((await first.load('/cache-test/feed.json')).source).to.equal('network');
      // The copy is written without waiting: read it back once it is there.
      const cache = await caches.open(CACHE_NAME);
      for (let i = 0; i < 100 && !(await cache.match(url('feed.json'))); i++) await cache.keys();
      net.route('/cache-test/feed.json', { error: 'network' });
      const later = new FeedLoader({ fetch: net.fetch, cache: browserCache() });
      const warn = console.warn;
      console.warn = () => {};
      try {
        const loaded = await later.load('/cache-test/feed.json');
        expect(loaded.source).to.equal('cache');
        expect(loaded.feed.publisher.name).to.equal('Test federation');
      } finally {
        console.warn = warn;
      }
    });
  });

  describe('IndexedDB (a page that is not a secure context)', () => {
    let own: PropertyDescriptor | undefined;
    beforeEach(async () => {
      own = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
      Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
      await caches.delete(CACHE_NAME);
      await browserCache().clear();
    });
    afterEach(async () => {
      await browserCache().clear();
      if (own) Object.defineProperty(window, 'isSecureContext', own);
      else delete (window as { isSecureContext?: boolean }).isSecureContext;
    });

    it('keeps, replaces and clears copies, in IndexedDB itself', async () => {
      const cache = browserCache();
      await roundTrip(cache);
      const record = await idbRecord(url('a.json'));
      expect(record && textOf(record), 'the record in IndexedDB').to.equal('{"v":2}');
      expect(record!.fetchedAt).to.equal(1_800_000_000_000);
      expect(textOf((await browserCache().get(url('b.json')))!), 'a new page finds it').to.equal('{"v":"b"}');
      expect(await caches.has(CACHE_NAME), 'the Cache API is not used').to.equal(false);
      await cache.clear();
      expect(await cache.get(url('b.json'))).to.equal(undefined);
      expect(await idbRecord(url('b.json'))).to.equal(undefined);
    });
  });
});
