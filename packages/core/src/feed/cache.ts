/**
 * Keeps the last good copy of each feed document so a widget can still show
 * something when the network fails. Cache API on secure pages, IndexedDB
 * elsewhere (caches is undefined on http://), never localStorage (the host's
 * 5 MiB quota is shared with the site). Every call is wrapped: storage that
 * throws (private browsing, sandboxed iframes, blocked third-party storage)
 * just means no copy.
 */
export interface CachedCopy {
  /** The document as fetched: text, or its bytes (UTF-8). */
  body: string | ArrayBuffer;
  /** Epoch milliseconds when the copy was fetched. */
  fetchedAt: number;
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

class CacheApiStore implements FeedCache {
  async get(url: string) {
    const res = await (await caches.open(CACHE_NAME)).match(url);
    if (!res) return undefined;
    return { body: await res.arrayBuffer(), fetchedAt: Number(res.headers.get(FETCHED_AT)) || 0 };
  }
  async put(url: string, copy: CachedCopy) {
    const res = new Response(copy.body, { headers: { 'content-type': 'application/json', [FETCHED_AT]: String(copy.fetchedAt) } });
    await (await caches.open(CACHE_NAME)).put(url, res);
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
    return (await request((await this.store('readonly')).get(url))) as CachedCopy | undefined;
  }
  async put(url: string, copy: CachedCopy) {
    await request((await this.store('readwrite')).put(copy, url));
  }
  async clear() {
    await request((await this.store('readwrite')).clear());
  }
}

/** Wraps a store so that no call can throw or reject. */
export function safeCache(inner: () => FeedCache | undefined): FeedCache {
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
      try {
        await get()?.put(url, copy);
      } catch {
        /* no copy kept: storage is blocked or full */
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
export function browserCache(): FeedCache {
  return safeCache(() => {
    if (typeof caches !== 'undefined' && globalThis.isSecureContext) return new CacheApiStore();
    if (typeof indexedDB !== 'undefined') return new IndexedDbStore();
    return undefined;
  });
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
