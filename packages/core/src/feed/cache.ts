/**
 * Keeps the last good copy of each feed document so a widget can still show
 * something when the network fails. Cache API on secure pages, IndexedDB
 * elsewhere (caches is undefined on http://), never localStorage (the host's
 * 5 MiB quota is shared with the site). Every call is wrapped: storage that
 * throws (private browsing, sandboxed iframes, blocked third-party storage)
 * just means no copy.
 */
import { COMPRESS_ABOVE, gzip, MAX_SAVED_BYTES } from './body.js';

export interface CachedCopy {
  /** The document as fetched: text, or its bytes (UTF-8). */
  body: string | ArrayBuffer;
  /** Epoch milliseconds when the copy was fetched. */
  fetchedAt: number;
  /**
   * The same bytes gzipped off the main thread (by the worker that downloaded them), when that
   * was done: the stores keep these instead of compressing on the page (a 4 MB file is tasks of
   * 100 ms and more on a phone). Undefined, or resolving to undefined, when not.
   */
  gzipped?: Promise<ArrayBuffer | undefined>;
}

/** The text of a cached copy. */
export function textOf(copy: CachedCopy): string {
  return typeof copy.body === 'string' ? copy.body : new TextDecoder().decode(copy.body);
}

export interface FeedCache {
  get(url: string): Promise<CachedCopy | undefined>;
  put(url: string, copy: CachedCopy): Promise<void>;
  clear(): Promise<void>;
}

const CACHE_NAME = 'ess-widgets-feeds-v1';
const DB_NAME = 'ess-widgets';
const STORE = 'feeds';
const FETCHED_AT = 'x-ess-fetched-at';
const ENCODING = 'x-ess-encoding';

export { MAX_SAVED_BYTES };

const bytesOf = (body: string | ArrayBuffer): Uint8Array => (typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body));


export async function gunzip(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}


/** A copy as stored: gzipped where the browser can (and the copy is worth it), with a flag saying so. */
async function pack(copy: CachedCopy): Promise<{ body: ArrayBuffer | string; fetchedAt: number; encoding?: 'gzip' }> {
  const plain = { body: copy.body, fetchedAt: copy.fetchedAt };
  // Compressed already, in the worker that downloaded it.
  const done = await copy.gzipped?.catch(() => undefined);
  if (done) return { body: done, fetchedAt: copy.fetchedAt, encoding: 'gzip' };
  const bytes = bytesOf(copy.body);
  if (bytes.byteLength < COMPRESS_ABOVE) return plain;
  const z = await gzip(bytes).catch(() => undefined);
  return z ? { body: z, fetchedAt: copy.fetchedAt, encoding: 'gzip' } : plain;
}

class CacheApiStore implements FeedCache {
  async get(url: string) {
    const res = await (await caches.open(CACHE_NAME)).match(url);
    if (!res) return undefined;
    const raw = await res.arrayBuffer();
    return { body: res.headers.get(ENCODING) === 'gzip' ? await gunzip(raw) : raw, fetchedAt: Number(res.headers.get(FETCHED_AT)) || 0 };
  }
  async put(url: string, copy: CachedCopy) {
    const packed = await pack(copy);
    const headers: Record<string, string> = { 'content-type': 'application/json', [FETCHED_AT]: String(copy.fetchedAt) };
    if (packed.encoding) headers[ENCODING] = packed.encoding;
    await (await caches.open(CACHE_NAME)).put(url, new Response(packed.body, { headers }));
  }
  async clear() {
    await caches.delete(CACHE_NAME);
  }
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

class IndexedDbStore implements FeedCache {
  private db?: Promise<IDBDatabase>;
  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const r = indexedDB.open(DB_NAME, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      this.db = request(r);
      this.db.catch(() => (this.db = undefined));
    }
    return this.db;
  }
  private async store(mode: IDBTransactionMode) {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
  }
  async get(url: string) {
    const row = (await request((await this.store('readonly')).get(url))) as (CachedCopy & { encoding?: string }) | undefined;
    if (!row) return undefined;
    return row.encoding === 'gzip' && typeof row.body !== 'string' ? { body: await gunzip(row.body), fetchedAt: row.fetchedAt } : { body: row.body, fetchedAt: row.fetchedAt };
  }
  async put(url: string, copy: CachedCopy) {
    // Compressed before the transaction opens: a transaction closes when its task ends.
    const packed = await pack(copy);
    await request((await this.store('readwrite')).put(packed, url));
  }
  async clear() {
    await request((await this.store('readwrite')).clear());
  }
}

/** Wraps a store so that no call can throw or reject. */
export function safeCache(inner: () => FeedCache | undefined, maxBytes = MAX_SAVED_BYTES): FeedCache {
  let store: FeedCache | undefined | null = null;
  const get = () => {
    if (store === null) {
      try {
        store = inner();
      } catch {
        store = undefined;
      }
    }
    return store;
  };
  return {
    async get(url) {
      try {
        return await get()?.get(url);
      } catch {
        return undefined;
      }
    },
    async put(url, copy) {
      const size = typeof copy.body === 'string' ? copy.body.length * 3 : copy.body.byteLength;
      if (size > maxBytes && bytesOf(copy.body).byteLength > maxBytes) {
        console.warn(`[ess-widgets] ${url} is larger than ${+(maxBytes / 1024 / 1024).toFixed(2)} MiB: no copy of it is kept for offline use.`);
        return;
      }
      try {
        await get()?.put(url, copy);
      } catch (e) {
        /* no copy kept: storage is blocked or full (QuotaExceededError); the page works on without it */
        if (e instanceof DOMException && e.name === 'QuotaExceededError') console.warn(`[ess-widgets] No room to keep a copy of ${url} for offline use.`);
      }
    },
    async clear() {
      try {
        await get()?.clear();
      } catch {
        /* nothing to clear */
      }
    },
  };
}

/** The best store this page allows, chosen on first use (never at import). */
export function browserCache(maxBytes = MAX_SAVED_BYTES): FeedCache {
  return safeCache(() => {
    if (typeof caches !== 'undefined' && globalThis.isSecureContext) return new CacheApiStore();
    if (typeof indexedDB !== 'undefined') return new IndexedDbStore();
    return undefined;
  }, maxBytes);
}

/** The Cache API store alone (secure pages), wrapped; for tests and diagnostics. */
export function cacheApiStore(maxBytes = MAX_SAVED_BYTES): FeedCache {
  return safeCache(() => (typeof caches !== 'undefined' ? new CacheApiStore() : undefined), maxBytes);
}

/** The IndexedDB store alone, wrapped; for tests and diagnostics. */
export function indexedDbStore(maxBytes = MAX_SAVED_BYTES): FeedCache {
  return safeCache(() => (typeof indexedDB !== 'undefined' ? new IndexedDbStore() : undefined), maxBytes);
}

/** An in-memory store, for tests and for Node. */
export function memoryCache(): FeedCache & { entries: Map<string, CachedCopy> } {
  const entries = new Map<string, CachedCopy>();
  return {
    entries,
    async get(url) {
      return entries.get(url);
    },
    async put(url, copy) {
      entries.set(url, copy);
    },
    async clear() {
      entries.clear();
    },
  };
}
