/**
 * The one loader every element reads feeds through. It makes one request per
 * feed URL per page however many elements ask, times out, types its errors,
 * keeps the last good copy, and fetches `{"href": …}` collections only when an
 * element asks for them.
 */
import { browserCache, textOf, type FeedCache } from './cache.js';
import type { Campaign, CollectionName, Feed, Location, PlaceRecord, Problem, Stat } from './types.js';
import { isRef } from './types.js';
import { FeedShapeError, feedIds, validateCollection, validateFeed, type Validated } from './validate.js';

export type FeedErrorKind =
  /** The request failed: offline, DNS, connection refused. */
  | 'network'
  /** The request to another origin failed while the browser is online: most often a missing CORS header. */
  | 'cors'
  | 'timeout'
  /** A non-2xx status. */
  | 'http'
  /** The body is not JSON. */
  | 'parse'
  /** JSON, but not a feed (no version, a collection that is not a list…). */
  | 'shape'
  /** The element itself is set up wrong (no feed URL, a bad attribute). */
  | 'config';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly url = '',
    readonly status?: number,
    readonly path?: string,
  ) {
    super(message);
  }
}

interface Loaded {
  url: string;
  /** Where this copy came from: the network, or the last good copy when the network failed. */
  source: 'network' | 'cache';
  /** Epoch ms of the fetch that produced this copy. */
  fetchedAt: number;
  /** Set when the network failed and the cached copy is shown instead. */
  error?: FeedError;
  problems: Problem[];
  skipped: number;
}

export interface LoadedFeed extends Loaded {
  feed: Feed;
}

export interface LoadedCollection<T> extends Loaded {
  items: T[];
}

type CollectionItem = { locations: Location; campaigns: Campaign; stats: Stat; places: PlaceRecord };

export interface LoaderOptions {
  /** Milliseconds before a request is abandoned. */
  timeout?: number;
  /** Where last good copies go. */
  cache?: FeedCache;
  /** The fetch to use; tests pass a fake. */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT = 10_000;
/** Live refresh never runs more often than this. */
export const MIN_REFRESH_SECONDS = 30;

export class FeedLoader {
  timeout: number;
  cache: FeedCache;
  private fetchImpl?: typeof fetch;
  private feeds = new Map<string, Promise<LoadedFeed>>();
  private collections = new Map<string, Promise<LoadedCollection<unknown>>>();
  private inflight = new Map<string, Promise<LoadedFeed>>();
  private bodies = new Map<string, Promise<{ bytes: ArrayBuffer; fetchedAt: number }>>();
  private reported = new Set<string>();
  /** Number of HTTP requests started, for tests and diagnostics. */
  requests = 0;

  constructor(options: LoaderOptions = {}) {
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.cache = options.cache ?? browserCache();
    this.fetchImpl = options.fetch;
  }

  /** The feed at `url`, shared by every caller on the page. */
  load(url: string): Promise<LoadedFeed> {
    let key: string;
    try {
      key = absolute(url);
    } catch (e) {
      return Promise.reject(e);
    }
    let p = this.feeds.get(key);
    if (!p) {
      p = this.fetchFeed(key, 'default');
      this.feeds.set(key, p);
      // A failure is not cached forever: the next caller (a retry) asks again.
      p.catch(() => this.feeds.get(key) === p && this.feeds.delete(key));
    }
    return p;
  }

  /**
   * Fetches the feed again (revalidating with the HTTP cache) and, when it
   * succeeds, makes it the copy every later `load` gets. Concurrent calls share
   * one request.
   */
  refresh(url: string): Promise<LoadedFeed> {
    let key: string;
    try {
      key = absolute(url);
    } catch (e) {
      return Promise.reject(e);
    }
    let p = this.inflight.get(key);
    if (!p) {
      p = this.fetchFeed(key, 'no-cache').finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
      p.then((r) => {
        if (r.source === 'network') {
          this.feeds.set(key, Promise.resolve(r));
          this.bodies.clear();
          for (const k of [...this.collections.keys()]) if (k.startsWith(`${key} `)) this.collections.delete(k);
        }
      }, () => undefined);
    }
    return p;
  }

  /**
   * Calls `onUpdate` with a fresh copy every `seconds` (at least 30), skipping
   * while the page is hidden and catching up when it shows again. Returns the
   * function that stops watching.
   */
  watch(url: string, seconds: number, onUpdate: (loaded: LoadedFeed) => void): () => void {
    const period = Math.max(MIN_REFRESH_SECONDS, seconds) * 1000;
    let last = Date.now();
    const tick = () => {
      if (typeof document !== 'undefined' && document.hidden) return;
      if (Date.now() - last < period - 50) return;
      last = Date.now();
      this.refresh(url).then(onUpdate, () => undefined);
    };
    const timer = setInterval(tick, period);
    const onVisible = () => tick();
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
    };
  }

  /**
   * A collection of a loaded feed: inline ones at once, `{"href": …}` ones
   * fetched on first request and shared.
   */
  collection<K extends CollectionName>(loaded: LoadedFeed, name: K): Promise<LoadedCollection<CollectionItem[K]>> {
    const value = loaded.feed[name];
    if (!isRef(value)) {
      const items = value as CollectionItem[K][];
      const problems = loaded.problems.filter((p) => p.path.startsWith(`$.${name}`));
      return Promise.resolve({ ...loaded, items, problems, skipped: problems.filter((p) => p.severity === 'error').length });
    }
    const key = `${loaded.url} ${name} ${value.href}`;
    let p = this.collections.get(key) as Promise<LoadedCollection<CollectionItem[K]>> | undefined;
    if (!p) {
      const validate = (raw: unknown) =>
        name === 'locations'
          ? validateCollection('locations', raw, { baseUrl: value.href, ids: feedIds(loaded.feed) })
          : validateCollection(name as 'stats', raw, { baseUrl: value.href });
      p = this.fetchValidated(value.href, 'default', validate as (raw: unknown) => Validated<CollectionItem[K][]>).then(
        (r) => ({ ...r, items: r.value }),
      );
      this.collections.set(key, p as Promise<LoadedCollection<unknown>>);
      p.catch(() => this.collections.get(key) === p && this.collections.delete(key));
    }
    return p;
  }

  /**
   * The bytes of a `{"href": …}` collection, from the same single request
   * `collection()` uses, for code that parses and validates it elsewhere (the
   * shop finder's worker, which takes them without a copy on the main
   * thread's clock). The caller owns the returned buffer. Falls back to the
   * last good copy.
   */
  async collectionBody(loaded: LoadedFeed, name: CollectionName): Promise<{ href: string; bytes: ArrayBuffer; fetchedAt: number; source: 'network' | 'cache' }> {
    const value = loaded.feed[name];
    if (!isRef(value)) throw new FeedError('config', `"${name}" is inline in the feed, not a separate file.`, loaded.url);
    try {
      const r = await this.sharedBody(value.href);
      return { href: value.href, bytes: r.bytes.slice(0), fetchedAt: r.fetchedAt, source: 'network' };
    } catch (e) {
      const copy = await this.cache.get(value.href);
      if (!copy) throw e;
      const bytes = typeof copy.body === 'string' ? (new TextEncoder().encode(copy.body).buffer as ArrayBuffer) : copy.body;
      return { href: value.href, bytes, fetchedAt: copy.fetchedAt, source: 'cache' };
    }
  }

  /** Keeps the fetched body of `href` as its last good copy (after the caller validated it elsewhere). */
  async keepLastGood(href: string): Promise<void> {
    const r = await this.bodies.get(href)?.catch(() => undefined);
    if (r) await this.cache.put(href, { body: r.bytes, fetchedAt: r.fetchedAt });
  }

  /** Forgets every shared request and counter (tests call this between cases). */
  reset(options: LoaderOptions = {}): void {
    this.bodies.clear();
    this.feeds.clear();
    this.collections.clear();
    this.inflight.clear();
    this.reported.clear();
    this.requests = 0;
    if (options.timeout !== undefined) this.timeout = options.timeout;
    if (options.cache) this.cache = options.cache;
    if ('fetch' in options) this.fetchImpl = options.fetch;
  }

  private fetchFeed(url: string, mode: RequestCache): Promise<LoadedFeed> {
    return this.fetchValidated(url, mode, (raw) => validateFeed(raw, { baseUrl: url })).then((r) => ({ ...r, feed: r.value }));
  }

  private async fetchValidated<T>(url: string, mode: RequestCache, validate: (raw: unknown) => Validated<T>): Promise<Loaded & { value: T }> {
    let error: FeedError;
    try {
      const { bytes, fetchedAt } = await (mode === 'default' ? this.sharedBody(url) : this.fetchBody(url, mode));
      const result = validate(parse(new TextDecoder().decode(bytes), url));
      this.report(url, result.problems);
      void this.cache.put(url, { body: bytes, fetchedAt });
      return { url, source: 'network', fetchedAt, problems: result.problems, skipped: result.skipped, value: result.value };
    } catch (e) {
      error = e instanceof FeedError ? e : e instanceof FeedShapeError ? new FeedError('shape', `The feed ${url} is not in the expected format: ${e.message}`, url, undefined, e.path) : new FeedError('network', String(e), url);
    }
    const copy = await this.cache.get(url);
    if (copy) {
      try {
        const result = validate(JSON.parse(textOf(copy)));
        console.warn(`[ess-widgets] ${error.message} Showing the copy saved on ${new Date(copy.fetchedAt).toISOString()}.`);
        return { url, source: 'cache', fetchedAt: copy.fetchedAt, error, problems: result.problems, skipped: result.skipped, value: result.value };
      } catch {
        /* the saved copy is unusable too: report the original error */
      }
    }
    console.error(`[ess-widgets] ${error.message}`);
    throw error;
  }

  /** One request per URL, shared by every reader of that file. */
  private sharedBody(url: string): Promise<{ bytes: ArrayBuffer; fetchedAt: number }> {
    let p = this.bodies.get(url);
    if (!p) {
      p = this.fetchBody(url, 'default');
      this.bodies.set(url, p);
      p.catch(() => this.bodies.get(url) === p && this.bodies.delete(url));
    }
    return p;
  }

  /** Fetches bytes, not text: decoding a large file is left to whoever needs it, where it is cheapest. */
  private async fetchBody(url: string, mode: RequestCache): Promise<{ bytes: ArrayBuffer; fetchedAt: number }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeout);
    this.requests++;
    try {
      const f = this.fetchImpl ?? globalThis.fetch.bind(globalThis);
      const res = await f(url, { signal: controller.signal, cache: mode, credentials: 'omit', headers: { accept: 'application/json, application/geo+json' } });
      if (!res.ok) throw new FeedError('http', `The feed ${url} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`, url, res.status);
      return { bytes: await res.arrayBuffer(), fetchedAt: Date.now() };
    } catch (e) {
      if (e instanceof FeedError) throw e;
      if (timedOut) throw new FeedError('timeout', `The feed ${url} did not answer within ${this.timeout / 1000} s.`, url);
      const crossOrigin = typeof location !== 'undefined' && new URL(url).origin !== location.origin;
      const online = typeof navigator === 'undefined' || navigator.onLine !== false;
      if (crossOrigin && online) {
        throw new FeedError('cors', `The feed ${url} could not be read. If it loads in a browser tab, its host must send "Access-Control-Allow-Origin" (CORS) for this site.`, url);
      }
      throw new FeedError('network', `The feed ${url} could not be reached (${e instanceof Error ? e.message : String(e)}).`, url);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tells the publisher once per URL what was skipped, in the console. */
  private report(url: string, problems: Problem[]): void {
    if (!problems.length || this.reported.has(url)) return;
    this.reported.add(url);
    const errors = problems.filter((p) => p.severity === 'error').length;
    console.warn(
      `[ess-widgets] ${url}: ${errors} record(s) skipped, ${problems.length - errors} warning(s). Check it with "ess-feed check".\n` +
        problems.slice(0, 20).map((p) => `  ${p.severity} ${p.path}: ${p.message}`).join('\n') +
        (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''),
    );
  }
}

function absolute(url: string): string {
  try {
    return new URL(url, typeof document !== 'undefined' ? document.baseURI : undefined).href;
  } catch {
    throw new FeedError('config', `"${url}" is not a valid feed URL.`, url);
  }
}

function parse(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FeedError('parse', `The feed ${url} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`, url);
  }
}

/** The loader shared by every element on the page. */
export const feedLoader = new FeedLoader();
