/**
 * What nearby points search: the feed's locations, wherever they are held.
 *
 * A linked locations file of VALIDATE_OFF_THREAD_FROM bytes or more is parsed,
 * validated and indexed by a worker that keeps the records
 * (nearby-search.worker.ts): the page asks it for the N nearest and receives
 * those N records. At 100,000 locations, taking every record in on the page cost
 * nearby points 4–8 main-thread tasks of 120–180 ms (the garbage collector, as
 * the records piled up). Smaller and inline files, and pages where no worker can
 * start, are searched on the page (nearby-local.ts, a lazy chunk), as before.
 *
 * One search serves every nearby-points element of a feed; when another element
 * has already read the records (a `collection()` of the loader), those are
 * searched instead of reading the file again.
 */
import { feedIds, isRef, PlaceIndex, VALIDATE_OFF_THREAD_FROM, type FeedIds, type FeedLoader, type Loaded, type LoadedCollection, type LoadedFeed, type Location, type LocationFilter, type PlaceEntry, type Problem } from '@ess-widgets/core';
import { startWorker } from '@ess-widgets/core/worker-start';
import type { NearestHit } from './nearest.js';

/** A question: the `limit` nearest to (lat, lon) within `maxMeters` (Infinity: no limit) that pass `filter`. */
export interface NearestQuery {
  lat: number;
  lon: number;
  limit: number;
  maxMeters: number;
  filter: LocationFilter;
}

/** The locations of a feed as nearby points search them, with their problems and where they came from. */
export interface NearbySearch extends Loaded {
  /** The nearest, closest first: at once where the records are on the page, from the worker otherwise. */
  nearest(q: NearestQuery): NearestHit<Location>[] | Promise<NearestHit<Location>[]>;
  /** The postcodes and localities of the locations' addresses: the gazetteer of a feed without `places`. */
  addresses(): PlaceIndex;
}

/** To the worker: the file (its bytes, moved), then questions. */
export type SearchJob =
  | { type: 'load'; bytes: ArrayBuffer; baseUrl: string; ids: FeedIds }
  | ({ type: 'nearest' } & NearestQuery);

/** From the worker. */
export type SearchReply =
  | { type: 'ready' }
  | { type: 'done'; problems: Problem[]; skipped: number; places: PlaceEntry[]; bytes: ArrayBuffer }
  | { type: 'failed'; bytes?: ArrayBuffer }
  | { type: 'hits'; hits: NearestHit<Location>[] };

type Validated<T> = { value: T; problems: Problem[]; skipped: number };
/** A search without its file's provenance. */
export type Searcher = Omit<NearbySearch, keyof Loaded>;

/** The literal form bundlers recognise and rewrite (core's worker-start.ts). */
function startSearchWorker(): Worker {
  return new Worker(new URL('./nearby-search.worker.js', import.meta.url), { type: 'module' });
}

/** A worker that stops once nothing on the page holds its search any more. */
const stopWhenDropped = typeof FinalizationRegistry === 'undefined' ? undefined : new FinalizationRegistry<Worker>((w) => w.terminate());

/** The search held by a worker that validated `bytes`; undefined when no worker starts (the bytes are then untouched). */
async function inWorker(bytes: ArrayBuffer, baseUrl: string, ids: FeedIds): Promise<{ bytes?: ArrayBuffer; result?: Validated<Searcher> } | undefined> {
  const w = (await startWorker(startSearchWorker).catch(() => undefined))?.worker;
  if (!w) return undefined;
  // The worker answers in the order it is asked.
  const waiting: { resolve: (hits: NearestHit<Location>[]) => void; reject: (e: Error) => void }[] = [];
  let broken: Error | undefined;
  const m = await new Promise<Extract<SearchReply, { type: 'done' | 'failed' }>>((resolve) => {
    w.onmessage = (e: MessageEvent<Exclude<SearchReply, { type: 'ready' }>>) => (e.data.type === 'hits' ? waiting.shift()?.resolve(e.data.hits) : resolve(e.data));
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      broken = new Error(`The nearby points' search stopped: ${e.message || 'worker error'}.`);
      for (const q of waiting.splice(0)) q.reject(broken);
      resolve({ type: 'failed' });
    };
    w.postMessage({ type: 'load', bytes, baseUrl, ids } satisfies SearchJob, [bytes]);
  });
  if (m.type === 'failed') {
    w.terminate();
    return { bytes: m.bytes };
  }
  const places = PlaceIndex.of(m.places);
  const nearest = (q: NearestQuery) =>
    new Promise<NearestHit<Location>[]>((resolve, reject) => {
      if (broken) return reject(broken);
      waiting.push({ resolve, reject });
      w.postMessage({ type: 'nearest', ...q } satisfies SearchJob);
    });
  // Copies of the search (each element's data) share this one function: the worker lives as long as it.
  stopWhenDropped?.register(nearest, w);
  return { bytes: m.bytes, result: { value: { addresses: () => places, nearest }, problems: m.problems, skipped: m.skipped } };
}

const local = () => import('./nearby-local.js');

/** The feed's locations, ready to search; shared by the nearby-points elements of the page. */
export function nearbySearch(loader: FeedLoader, loaded: LoadedFeed): Promise<NearbySearch> {
  const value = loaded.feed.locations;
  const fromRecords = async ({ items, ...rest }: LoadedCollection<Location>): Promise<NearbySearch> => ({ ...rest, ...(await (await local()).onPage(items)) });
  if (!isRef(value) || value.format === 'flatgeobuf') return loader.collection(loaded, 'locations').then(fromRecords);
  const records = loader.collections.get(`${loaded.url} locations ${value.href}`) as Promise<LoadedCollection<Location>> | undefined;
  if (records) return records.then(fromRecords);
  return loader.reading(loaded, 'search', value.href, () => {
    const opts = { baseUrl: value.href, ids: feedIds(loaded.feed) };
    const validate = async (raw: unknown) => (await local()).validated(raw, opts);
    const sliced: Parameters<FeedLoader['fetchValidated']>[4] = async (mod, bytes) => (await local()).searchable(await mod.validateLocationsSliced(bytes, opts));
    const offThread = (bytes: ArrayBuffer) => (bytes.byteLength >= VALIDATE_OFF_THREAD_FROM ? inWorker(bytes, opts.baseUrl, opts.ids) : Promise.resolve(undefined));
    return loader.fetchValidated<Searcher>(value.href, 'default', validate, 'locations', sliced as never, offThread).then(({ value: s, ...rest }): NearbySearch => ({ ...rest, ...s }));
  });
}
