/**
 * The one loader every element reads feeds through. It makes one request per
 * feed URL per page however many elements ask, times out, types its errors,
 * keeps the last good copy, and fetches `{"href": …}` collections only when an
 * element asks for them.
 *
 * Rare paths load on first use, with a dynamic import (a lazy chunk in the CDN
 * build): the JSON error locator (json-error.ts) when a body is not JSON, the
 * sliced parser (sliced.ts) for a document of SLICE_ABOVE bytes or more, the
 * checks of locations and places (validate-places.ts) for a document that
 * holds some (a feed with inline ones, a locations or places file), the
 * no-cors probe (probe.ts) when a request to another origin failed, the
 * download worker (fetch-off-thread.ts) for a locations file, the validation
 * worker (validate-off-thread.ts) for a locations or places file of
 * VALIDATE_OFF_THREAD_FROM bytes or more.
 */
import { browserCache, MAX_SAVED_BYTES, textOf, type FeedCache } from './cache.js';
import type { Campaign, CollectionName, Feed, Location, PlaceRecord, Problem, Stat } from './types.js';
import { isRef } from './types.js';
import { SLICE_ABOVE, slicer } from './yield.js';
import { announcedTotal, copyInParts, joinParts, MAX_DOCUMENT_BYTES, readParts, refuseTooLarge, TooLarge } from './body.js';
import type { DeferredLocations } from './sliced.js';

import type { DownloadWorker } from './fetch-off-thread.js';
import type { OffThread, ValidateJob } from './validate-off-thread.js';
import { locationMatches, type LocationFilter } from './filter.js';
import type { Tally } from './tally.js';

/**
 * From this size (the size from which the page would read it in slices) a
 * locations or places file is parsed and validated in a worker
 * (validate.worker.ts): on a phone (Lighthouse's mobile preset: the CPU four
 * times slower), even in slices, the 3.9 MB sample is seconds of the page's time.
 */
export const VALIDATE_OFF_THREAD_FROM = SLICE_ABOVE;

/**
 * A body as fetched: its bytes and, when the download worker holds a copy, `gzip()` for that copy
 * gzipped there (for the saved copy) and `drop()` when no saved copy is made from it.
 */
interface Body {
  bytes: ArrayBuffer;
  fetchedAt: number;
  gzip?(): Promise<ArrayBuffer | undefined>;
  drop?(): void;
  /** A copy of the body was sent, as it arrived, to the `parts` port its download was given. */
  streamed?: boolean;
}

import { FeedShapeError, feedIds, needsPlaceChecks, summarize, validateCollectionWith, validateFeedWith, type Validated } from './validate-core.js';
import { inWorker, placeChecks, type Sliced } from './lazy.js';

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
  | 'config'
  /** Larger than a browser can read as one document (MAX_DOCUMENT_BYTES): to publish range-readable. */
  | 'size'
  /** Something else went wrong while preparing the data (not the publisher's nor the site's doing). */
  | 'unexpected';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly url = '',
    readonly status?: number,
    readonly path?: string,
    /** Set when the failing document is a linked collection file, not the feed itself. */
    public file?: CollectionName,
  ) {
    super(message);
  }
}

export interface Loaded {
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

/** How many locations pass a filter, with the locations' own problems (`countLocations`). */
export interface LoadedCount extends Loaded {
  count: number;
}

type CollectionItem = { locations: Location; campaigns: Campaign; stats: Stat; places: PlaceRecord };

/** A download under way, as `progress` events report it. */
export interface DownloadProgress {
  url: string;
  /** Bytes received so far (after decompression by the browser). */
  loaded: number;
  /** Bytes announced by Content-Length when the body is not compressed; undefined when unknown. */
  total?: number;
  /** Epoch ms when the request started. */
  startedAt: number;
  done: boolean;
}

export interface LoaderOptions {
  /** Milliseconds without a byte (before the headers, or between two parts of the body) before a request is abandoned. */
  timeout?: number;
  /** Where last good copies go. */
  cache?: FeedCache;
  /** The fetch to use; tests pass a fake. */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT = 10_000;
const ACCEPT = 'application/json, application/geo+json';
/** Live refresh never runs more often than this. */
export const MIN_REFRESH_SECONDS = 30;
/** Where the links of a feed (its collections' hrefs) are remembered, to start them with the feed next time. */
const linksKey = (url: string) => `https://ess-widgets.invalid/links?feed=${encodeURIComponent(url)}`;

export class FeedLoader {
  timeout: number;
  cache: FeedCache;
  /** Dispatches `progress` events (CustomEvent<DownloadProgress>) for every download. */
  readonly progress: EventTarget = new EventTarget();
  private fetchImpl?: typeof fetch;
  private feeds = new Map<string, Promise<LoadedFeed>>();
  /**
   * @internal What is read of each linked file, by feed, reader and file (`<feed> <reader> <href>`):
   * its records (the reader is the collection's name), what counters count a locations file from
   * ("tally", tally.ts), nearby points' search ("search"). Started and shared by `reading()`.
   */
  readonly collections = new Map<string, Promise<unknown>>();
  private inflight = new Map<string, Promise<LoadedFeed>>();
  /**
   * Bodies being downloaded, shared by their readers. An entry is dropped as
   * soon as it has been read (the bytes are not held twice); a failed one stays
   * until the next load of its feed so that a stalled file costs one timeout.
   */
  private bodies = new Map<string, Promise<Body>>();
  /**
   * The inline locations of large feeds, by the name their reference carries (sliced.ts, `defer`):
   * each reader gets its own copy of the bytes, read like a linked file's, and none is stored apart
   * (the feed's saved copy holds them).
   */
  private inlineLists = new Map<string, { path: string; bytes: ArrayBuffer; fetchedAt: number }>();
  private failed = new Set<string>();
  /** Bodies handed whole to a collectionBody caller: the next caller of the same body gets a copy. */
  private given = new WeakSet<ArrayBuffer>();
  private reported = new Set<string>();
  /** Number of HTTP requests started, for tests and diagnostics. */
  requests = 0;

  constructor(options: LoaderOptions = {}) {
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.cache = options.cache ?? browserCache();
    this.fetchImpl = options.fetch;
  }

  /**
   * The feed at `url`, shared by every caller on the page. `wants` names the
   * linked collections the caller will read: their files are requested at
   * once, alongside the feed, when their links are known from the last visit.
   */
  load(url: string, wants: readonly CollectionName[] = []): Promise<LoadedFeed> {
    let key: string;
    try {
      key = absolute(url);
    } catch (e) {
      return Promise.reject(e);
    }
    if (wants.length) void this.prefetch(key, wants);
    return shared(this.feeds, key, () => {
      // A new attempt (a retry): files that failed last time are asked again.
      for (const u of this.failed) this.bodies.delete(u);
      this.failed.clear();
      return this.fetchFeed(key, 'default');
    });
  }

  private prefetched = new Set<string>();
  private async prefetch(feedUrl: string, wants: readonly CollectionName[]): Promise<void> {
    const todo = wants.filter((w) => !this.prefetched.has(`${feedUrl} ${w}`));
    if (!todo.length) return;
    todo.forEach((w) => this.prefetched.add(`${feedUrl} ${w}`));
    const copy = await this.cache.get(linksKey(feedUrl));
    if (!copy) return;
    try {
      const links = JSON.parse(textOf(copy)) as Partial<Record<CollectionName, string>>;
      for (const w of todo) {
        const href = links[w];
        // Any reader of the file (its records, a counter's tally, nearby points' search) has requested it already.
        const read = [...this.collections.keys()].some((k) => k.startsWith(`${feedUrl} `) && k.endsWith(` ${href}`));
        if (typeof href === 'string' && /^https?:/.test(href) && !read) void this.sharedBody(href, w).catch(() => undefined);
      }
    } catch {
      /* no usable links: the files are fetched when the feed names them */
    }
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
   * fetched on first request and shared. `skipped` and `problems` are the
   * collection's own (an inline collection's share of the feed's problems).
   */
  collection<K extends CollectionName>(loaded: LoadedFeed, name: K): Promise<LoadedCollection<CollectionItem[K]>> {
    const value = loaded.feed[name];
    if (!isRef(value)) {
      const items = value as CollectionItem[K][];
      const problems = loaded.problems.filter((p) => p.path === `$.${name}` || p.path.startsWith(`$.${name}.`) || p.path.startsWith(`$.${name}[`));
      return Promise.resolve({ ...loaded, items, problems, skipped: summarize(problems).skipped });
    }
    if (value.format === 'flatgeobuf') {
      // Read piece by piece by the shop finder (tiled-backend.ts); never downloaded whole.
      return Promise.reject(new FeedError('config', `the locations of this feed are a national directory in range-readable form ("format": "flatgeobuf"), which only <ess-shop-finder> reads; for this element, link a GeoJSON file (ess-feed build writes one)`, value.href));
    }
    return this.reading(loaded, name, value.href, () => {
      const validate = async (raw: unknown) =>
        validateCollectionWith(
          name,
          raw,
          name === 'locations' ? { baseUrl: value.href, ids: feedIds(loaded.feed) } : { baseUrl: value.href },
          name === 'locations' || name === 'places' ? await placeChecks() : undefined,
        );
      const sliced =
        name === 'locations'
          ? (mod: Sliced, bytes: ArrayBuffer) => mod.validateLocationsSliced(bytes, { baseUrl: value.href, ids: feedIds(loaded.feed) })
          : undefined;
      const offThread =
        name === 'locations' || name === 'places'
          ? (bytes: ArrayBuffer) => this.validateOffThread(bytes, { name, baseUrl: value.href, ids: name === 'locations' ? feedIds(loaded.feed) : undefined })
          : undefined;
      return this.fetchValidated(value.href, 'default', validate as (raw: unknown) => Promise<Validated<CollectionItem[K][]>>, name, sliced as never, offThread as never).then(
        (r): LoadedCollection<CollectionItem[K]> => ({ ...r, items: r.value }),
      );
    });
  }

  /**
   * @internal What `reader` reads of the file `href` of a feed, started once by `start` and shared by
   * every caller; forgotten when it fails, so that the next caller (a retry) starts again.
   */
  reading<T>(loaded: LoadedFeed, reader: string, href: string, start: () => Promise<T>): Promise<T> {
    return shared(this.collections, `${loaded.url} ${reader} ${href}`, start) as Promise<T>;
  }

  /**
   * How many of a feed's locations pass `filter`, with the same problems and
   * skipped count as `collection(loaded, 'locations')`, counted by tally.ts
   * (a lazy chunk): for a large linked file, without the records reaching the page.
   */
  countLocations(loaded: LoadedFeed, filter: LocationFilter): Promise<LoadedCount> {
    const counted = ({ count, ...rest }: Tally): LoadedCount => ({ ...rest, count: count(filter) });
    return import('./tally.js').then(
      (m) => m.tally(this, loaded).then(counted),
      // The counting chunk did not load (offline, and not in the HTTP cache): count the records.
      () => this.collection(loaded, 'locations').then(({ items, ...rest }) => ({ ...rest, count: items.filter((l) => locationMatches(l, filter)).length })),
    );
  }

  /**
   * The bytes of a `{"href": …}` collection, from the same single request
   * `collection()` uses, for code that parses and validates it elsewhere (the
   * shop finder's worker). The caller owns the returned buffer (it may
   * transfer it) and keeps its saved copy itself: the loader keeps no copy,
   * and makes no saved copy of it. Falls back to the last good copy
   * when the request fails; when the bytes arrive but cannot be used (not
   * JSON, not a FeatureCollection), the caller asks `savedBody()`.
   */
  /**
   * `parts`: where a copy of the body goes as it arrives (see FetchJob), when this call starts its
   * download in a worker; `streamed` then says the copy went there. Otherwise the port is closed.
   */
  async collectionBody(loaded: LoadedFeed, name: CollectionName, parts?: MessagePort): Promise<{ href: string; bytes: ArrayBuffer; fetchedAt: number; source: 'network' | 'cache'; error?: FeedError; streamed?: boolean }> {
    const value = loaded.feed[name];
    if (!isRef(value)) {
      parts?.close();
      throw new FeedError('config', `"${name}" is inline in the feed, not a separate file.`, loaded.url);
    }
    const started = !this.bodies.has(value.href) && !this.inlineLists.has(value.href);
    const p = this.sharedBody(value.href, name, started ? parts : undefined);
    if (!started) parts?.close();
    try {
      const r = await p;
      // Another element parses the same bytes, or was given them (and may move them to its worker,
      // which detaches them): this caller gets its own copy.
      const shared = !value.inline && (this.given.has(r.bytes) || [...this.collections.keys()].some((k) => k.endsWith(` ${value.href}`)));
      if (!shared) {
        this.given.add(r.bytes);
        // The caller keeps its own saved copy (the shop finder's worker does): the download worker's
        // is not needed, unless another reader of the same body will store it.
        r.drop?.();
      }
      if (this.bodies.get(value.href) === p) this.bodies.delete(value.href);
      return { href: value.href, bytes: shared ? r.bytes.slice(0) : r.bytes, fetchedAt: r.fetchedAt, source: 'network', streamed: started && r.streamed };
    } catch (e) {
      const error = e instanceof FeedError ? e : new FeedError('network', String(e), value.href);
      error.file ??= name;
      const copy = await this.savedBody(value.href);
      if (!copy) throw error;
      return { ...copy, href: value.href, source: 'cache', error };
    }
  }

  /** The last good copy of `url`, as bytes, if one was kept. */
  async savedBody(url: string): Promise<{ bytes: ArrayBuffer; fetchedAt: number } | undefined> {
    const copy = await this.cache.get(url);
    if (!copy) return undefined;
    const bytes = typeof copy.body === 'string' ? (new TextEncoder().encode(copy.body).buffer as ArrayBuffer) : copy.body;
    return { bytes, fetchedAt: copy.fetchedAt };
  }

  /**
   * The error to show when bytes that arrived cannot be used (`cause` is what
   * the parser or validator said), with the file it is about.
   */
  unusable(url: string, cause: unknown, file?: CollectionName): FeedError {
    if (cause instanceof FeedError) return cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    const shape = cause instanceof FeedShapeError || /FeatureCollection|expected format|must be/.test(message);
    return new FeedError(shape ? 'shape' : 'parse', shape ? `${url} is not in the expected format: ${message}` : `${url} is not valid JSON (${message}).`, url, undefined, cause instanceof FeedShapeError ? cause.path : undefined, file);
  }

  /**
   * Stores `bytes` as the last good copy of `url`, gzipped by the worker that downloaded them
   * (`gzip`) or, for a large document read on the page, by a worker they are moved to and back.
   */
  private async keep(url: string, bytes: ArrayBuffer, fetchedAt: number, gzip?: () => Promise<ArrayBuffer | undefined>): Promise<void> {
    let gzipped = gzip?.();
    // Not for a copy the store would refuse for its size (it says so): no compression for nothing.
    if (!gzipped && bytes.byteLength >= SLICE_ABOVE && bytes.byteLength <= MAX_SAVED_BYTES) {
      const off = await inWorker(async () => (await import('./fetch-off-thread.js')).gzipOffThread(bytes));
      // A worker that failed with the bytes leaves none to keep.
      if (!off && !bytes.byteLength) return;
      if (off) [bytes, gzipped] = [off.original, Promise.resolve(off.gzipped)];
    }
    await this.cache.put(url, { body: bytes, fetchedAt, gzipped });
  }

  /** Keeps the fetched body of `href` as its last good copy (after the caller validated it elsewhere). */
  async keepLastGood(href: string): Promise<void> {
    const r = await this.bodies.get(href)?.catch(() => undefined);
    if (r) await this.cache.put(href, { body: r.bytes, fetchedAt: r.fetchedAt, gzipped: r.gzip?.() });
  }

  /** Forgets every shared request and counter (tests call this between cases). */
  reset(options: LoaderOptions = {}): void {
    this.bodies.clear();
    this.inlineLists.clear();
    this.failed.clear();
    this.prefetched.clear();
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
    // A large feed's inline locations are read like a linked file: in a worker, by the readers that ask.
    const defer = { from: VALIDATE_OFF_THREAD_FROM, take: (d: DeferredLocations) => this.inlineLists.set(d.href, { ...d, fetchedAt: Date.now() }) };
    return this.fetchValidated(url, mode, async (raw) => validateFeedWith(raw, { baseUrl: url }, needsPlaceChecks(raw) ? await placeChecks() : undefined), undefined, (mod, bytes) => mod.validateFeedSliced(bytes, { baseUrl: url }, defer)).then((r) => {
      if (r.source === 'network') {
        const links: Partial<Record<CollectionName, string>> = {};
        for (const name of ['locations', 'campaigns', 'stats'] as const) {
          const v = r.value[name];
          // A range-readable file is never fetched whole, so never started ahead either.
          if (isRef(v) && v.format !== 'flatgeobuf' && !v.inline) links[name] = v.href;
        }
        void this.cache.put(linksKey(url), { body: JSON.stringify(links), fetchedAt: r.fetchedAt });
      }
      return { ...r, feed: r.value };
    });
  }

  /** @internal A document fetched once, validated (on the page, in slices or in a worker), with its saved copy as fallback (tally.ts uses it too). */
  async fetchValidated<T>(
    url: string,
    mode: RequestCache,
    validate: (raw: unknown) => Promise<Validated<T>>,
    file?: CollectionName,
    sliced?: (mod: Sliced, bytes: ArrayBuffer) => Promise<Validated<T>>,
    offThread?: (bytes: ArrayBuffer) => Promise<OffThread<T> | undefined>,
  ): Promise<Loaded & { value: T }> {
    let error: FeedError;
    const what = file ? `The ${file} file` : 'The feed';
    // The bytes as the loader holds them: a worker that validated them hands them back.
    let held: ArrayBuffer | undefined;
    // A locations or places file is parsed and validated in a worker where one can start; a large
    // document otherwise is decoded, parsed and validated in slices: no long task on the page.
    const check = async (input: ArrayBuffer): Promise<Validated<T>> => {
      let bytes = input;
      const off = offThread && bytes.byteLength >= VALIDATE_OFF_THREAD_FROM ? await offThread(bytes) : undefined;
      if (off) {
        if (!off.bytes) throw new FeedError('unexpected', `${what} ${url} could not be read: its worker stopped.`, url, undefined, undefined, file);
        held = bytes = off.bytes;
        if (off.result) return off.result;
      }
      const mod = sliced && bytes.byteLength >= SLICE_ABOVE ? await import('./sliced.js').catch(() => undefined) : undefined;
      // Small documents, or the sliced parser's chunk did not load (offline): parsed whole, the same result.
      if (!sliced || !mod) return await validate(await parse(new TextDecoder().decode(bytes), url, file));
      try {
        return await sliced(mod, bytes);
      } catch (e) {
        // Broken JSON: the whole text, for the line and column of the fault.
        if (e instanceof SyntaxError) throw new FeedError('parse', `${what} ${url} is not valid JSON (${await whereJsonBreaks(await mod.decodeSliced(bytes), e)}).`, url, undefined, undefined, file);
        throw e;
      }
    };
    try {
      const p = mode === 'default' ? this.sharedBody(url, file) : this.fetchBody(url, mode, file);
      const body = await p;
      let bytes = body.bytes;
      const { fetchedAt } = body;
      if (this.bodies.get(url) === p) this.bodies.delete(url);
      // Bytes for a worker are moved to it, so only one reader may move the ones fetched: another
      // reader of the same body (two elements, one file) works on a copy, made now, before any move.
      if (offThread && bytes.byteLength >= VALIDATE_OFF_THREAD_FROM) {
        if (this.given.has(bytes)) bytes = bytes.slice(0);
        else this.given.add(bytes);
      }
      let result: Validated<T>;
      try {
        result = await check(bytes);
      } catch (e) {
        body.drop?.();
        throw e;
      }
      const inline = this.inlineLists.get(url);
      if (inline) {
        // Read as a list of its own: its problems' paths are put back where the list is in the feed.
        const at = (x: string) => x.replace(/\$(?=\[)/g, inline.path);
        result = { ...result, problems: result.problems.map((p) => ({ ...p, path: at(p.path), message: at(p.message) })) };
      }
      this.report(url, result.problems);
      if (!inline) void this.keep(url, held ?? bytes, fetchedAt, body.gzip);
      return { url, source: 'network', fetchedAt, problems: result.problems, skipped: summarize(result.problems).skipped, value: result.value };
    } catch (e) {
      error = e instanceof FeedError ? e : e instanceof FeedShapeError ? new FeedError('shape', `${file ? `The ${file} file` : 'The feed'} ${url} is not in the expected format: ${e.message}`, url, undefined, e.path) : new FeedError('unexpected', String(e), url);
      if (file) error.file ??= file;
    }
    const copy = await this.cache.get(url);
    if (copy) {
      try {
        const result = await check(typeof copy.body === 'string' ? (new TextEncoder().encode(copy.body).buffer as ArrayBuffer) : copy.body);
        console.warn(`[ess-widgets] ${error.message} Showing the copy saved on ${new Date(copy.fetchedAt).toISOString()}.`);
        return { url, source: 'cache', fetchedAt: copy.fetchedAt, error, problems: result.problems, skipped: summarize(result.problems).skipped, value: result.value };
      } catch {
        /* the saved copy is unusable too: report the original error */
      }
    }
    console.error(`[ess-widgets] ${error.message}`);
    throw error;
  }

  /** One request per URL, shared by every reader of that file. */
  private sharedBody(url: string, file?: CollectionName, parts?: MessagePort): Promise<Body> {
    const inline = this.inlineLists.get(url);
    // Its own copy for each reader, which may move it to a worker.
    if (inline) return copyInParts(new Uint8Array(inline.bytes), slicer()).then((bytes) => ({ bytes, fetchedAt: inline.fetchedAt }));
    let p = this.bodies.get(url);
    if (!p) {
      p = this.fetchBody(url, 'default', file, parts);
      this.bodies.set(url, p);
      this.failed.delete(url);
      p.catch(() => this.bodies.get(url) === p && this.failed.add(url));
    }
    return p;
  }

  /**
   * Fetches bytes, not text: decoding a large file is left to whoever needs it,
   * where it is cheapest. The timeout runs while nothing arrives (no headers,
   * or no part of the body for `timeout` ms), not over the whole download: a
   * large file on a slow link keeps coming.
   */
  private async fetchBody(url: string, mode: RequestCache, file?: CollectionName, tap?: MessagePort): Promise<Body> {
    const what = file ? `The ${file} file` : 'The feed';
    const answered = (r: { status: number; statusText: string }) => new FeedError('http', `${what} ${url} answered ${r.status}${r.statusText ? ` ${r.statusText}` : ''}.`, url, r.status, undefined, file);
    const tooLarge = (total?: number) =>
      new FeedError(
        'size',
        `${what} ${url} is ${total ? `${Math.round(total / 1e6)} MB` : `larger than ${MAX_DOCUMENT_BYTES / 1e6} MB`}: more than a browser can read as one document (at most ${MAX_DOCUMENT_BYTES / 1e6} MB). Publish it range-readable with "ess-feed tile" (docs/feed-cli.md), which the shop finder reads piece by piece.`,
        url, undefined, undefined, file,
      );
    const cutOff = (received: number, total: number) => new FeedError('parse', `${what} ${url} was cut off: ${received} of ${total} bytes arrived.`, url, undefined, undefined, file);
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        // The abort ends a real fetch's body; a stream from elsewhere (a service worker, a test) is stopped here.
        reader?.cancel().catch(() => undefined);
      }, this.timeout);
    };
    this.requests++;
    const startedAt = Date.now();
    const f = this.fetchImpl ?? globalThis.fetch.bind(globalThis);
    // Told at most every 100 ms while it arrives (each telling re-renders the waiting elements), and at the end.
    let told = 0;
    const tell = (loaded: number, done: boolean, total: number | undefined) => {
      const now = performance.now();
      if (!done && now - told < 100) return;
      told = now;
      this.progress.dispatchEvent(new CustomEvent<DownloadProgress>('progress', { detail: { url, loaded, total, startedAt, done } }));
    };
    try {
      // The locations file, the one that grows to tens of megabytes, is downloaded by a worker where
      // one can start: read on the page, such a body costs it long tasks in the browser's own code.
      // One request, made by whichever thread reads it (a request dropped after its headers and asked
      // again could wait behind the first one's cache entry or connection).
      const offThread = file === 'locations' && !this.fetchImpl ? await this.downloadWorker() : undefined;
      if (!offThread) tap?.close();
      if (offThread) {
        const out = await offThread.fetch({ url, cache: mode, timeout: this.timeout, accept: ACCEPT, parts: tap }, (loaded, t) => tell(loaded, false, t));
        if (out.type === 'done') {
          tell(out.loaded, true, out.total);
          return { ...out, fetchedAt: Date.now(), streamed: tap !== undefined };
        }
        if (out.type === 'http') throw answered(out);
        if (out.type === 'cut') throw cutOff(out.received, out.total);
        if (out.type === 'too-large') throw tooLarge(out.total);
        if (out.type === 'timeout') timedOut = true;
        throw new TypeError(out.type === 'network' ? out.message : 'stalled');
      }
      arm();
      const res = await f(url, { signal: controller.signal, cache: mode, credentials: 'omit', headers: { accept: ACCEPT } });
      if (!res.ok) throw answered(res);
      arm();
      const total = announcedTotal(res.headers);
      refuseTooLarge(total);
      if (!res.body) {
        const bytes = await res.arrayBuffer();
        tell(bytes.byteLength, true, total);
        return { bytes, fetchedAt: Date.now() };
      }
      reader = res.body.getReader();
      const stalled = () => new DOMException('stalled', 'AbortError');
      // Parts that arrive together are read in one go: the page gets the thread back now and then.
      const pause = slicer();
      const { parts, received } = await readParts(reader, (n) => {
        if (timedOut) throw stalled();
        arm();
        tell(n, false, total);
        return pause();
      });
      if (timedOut) throw stalled();
      if (total !== undefined && received < total) throw cutOff(received, total);
      const bytes = await joinParts(parts, pause);
      tell(received, true, total);
      return { bytes, fetchedAt: Date.now() };
    } catch (e) {
      if (e instanceof FeedError) throw e;
      if (e instanceof TooLarge) {
        controller.abort();
        throw tooLarge(e.total);
      }
      if (timedOut) throw new FeedError('timeout', `${what} ${url} sent nothing for ${this.timeout / 1000} s.`, url, undefined, undefined, file);
      const crossOrigin = typeof location !== 'undefined' && new URL(url).origin !== location.origin;
      const online = typeof navigator === 'undefined' || navigator.onLine !== false;
      const why = e instanceof Error ? e.message : String(e);
      if (crossOrigin && online && (await this.reachable(url))) {
        throw new FeedError('cors', `${what} ${url} could not be read though its host answers: it must send "Access-Control-Allow-Origin" (CORS) for this site.`, url, undefined, undefined, file);
      }
      throw new FeedError('network', `${what} ${url} could not be reached (${why}).`, url, undefined, undefined, file);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A worker to download a locations file in (fetch-off-thread.ts, loaded only then), or undefined where none can start. */
  private downloadWorker(): Promise<DownloadWorker | undefined> {
    return inWorker(async () => (await import('./fetch-off-thread.js')).downloadWorker());
  }

  /** A collection validated in a worker (validate-off-thread.ts, loaded only then), or undefined where none can start. */
  private validateOffThread<T>(bytes: ArrayBuffer, job: Omit<ValidateJob, 'bytes'>): Promise<OffThread<T[]> | undefined> {
    return inWorker(async () => (await import('./validate-off-thread.js')).validateOffThread<T>({ ...job, bytes }));
  }

  /** Whether the host of `url` answers at all (probe.ts, loaded only when a request to another origin failed). */
  private async reachable(url: string): Promise<boolean> {
    try {
      return await (await import('./probe.js')).reachable(this.fetchImpl ?? globalThis.fetch.bind(globalThis), url, this.timeout);
    } catch {
      return false;
    }
  }

  /** Tells the publisher once per URL what was skipped, in the console. */
  private report(url: string, problems: Problem[]): void {
    if (!problems.length || this.reported.has(url)) return;
    this.reported.add(url);
    console.warn(
      `[ess-widgets] ${url}: ${skippedSentence(problems)}. Check it with "ess-feed check".\n` +
        problems.slice(0, 20).map((p) => `  ${p.severity} ${p.path}: ${p.message}`).join('\n') +
        (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''),
    );
  }
}

/**
 * "5 record(s) skipped (locations 3, campaigns 2), 1 warning(s)": the same
 * numbers, per collection, as the elements' notices and `ess-feed check`.
 */
export function skippedSentence(problems: readonly Problem[]): string {
  const all = summarize(problems);
  const parts = (['locations', 'campaigns', 'stats', 'categories', 'materials', 'labels', 'organizations'] as const)
    .map((name) => [name, summarize(problems, `$.${name}`).skipped] as const)
    .filter(([, n]) => n > 0);
  // A linked file's paths start at its own root: its records are all of one collection.
  const by = parts.length && parts.reduce((n, [, k]) => n + k, 0) === all.skipped ? ` (${parts.map(([name, n]) => `${name} ${n}`).join(', ')})` : '';
  return `${all.skipped} record(s) skipped${by}, ${all.warnings} warning(s)`;
}

function absolute(url: string): string {
  try {
    return new URL(url, typeof document !== 'undefined' ? document.baseURI : undefined).href;
  } catch {
    throw new FeedError('config', `"${url}" is not a valid feed URL.`, url);
  }
}

async function parse(text: string, url: string, file?: CollectionName): Promise<unknown> {
  let e: unknown;
  try {
    return JSON.parse(text);
  } catch (thrown) {
    e = thrown;
  }
  throw new FeedError('parse', `${file ? `The ${file} file` : 'The feed'} ${url} is not valid JSON (${await whereJsonBreaks(text, e)}).`, url, undefined, undefined, file);
}

/** Where a text that JSON.parse refused breaks (json-error.ts, loaded only when one does). */
async function whereJsonBreaks(text: string, e: unknown): Promise<string> {
  try {
    return (await import('./json-error.js')).jsonErrorAt(text, e);
  } catch {
    // The locator's chunk did not load (offline): JSON.parse's own message.
    return e instanceof Error ? e.message : String(e);
  }
}

/** The loader shared by every element on the page. */
export const feedLoader = new FeedLoader();

/**
 * The promise `map` holds under `key`, or the one `start` begins, kept there until it fails: a
 * failure is not remembered, so the next caller (a retry) starts again.
 */
function shared<K, T>(map: Map<K, Promise<T>>, key: K, start: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    const started = (p = start());
    map.set(key, started);
    started.catch(() => map.get(key) === started && map.delete(key));
  }
  return p;
}
