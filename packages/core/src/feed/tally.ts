/**
 * What `<ess-sector-counter count="locations">` counts from, for the loader's
 * `countLocations`, which loads this module with a dynamic import only then
 * (a lazy chunk: a page with no such counter never downloads it).
 *
 * A large linked locations file is validated in the worker (validate.worker.ts),
 * which sends back what the filters read of each location (facets.ts), not the
 * records: a counter of 100,000 locations took the page's main thread 229 ms and
 * seven more long tasks to take the records in and let them go. Counters of one
 * feed with different filters share one request and one validation. When
 * another element of the page reads the records, they are counted instead.
 */
import { countPacked, packFacets, type PackedFacets } from './facets.js';
import { locationMatches, type LocationFilter } from './filter.js';
import type { FeedLoader, Loaded, LoadedCollection, LoadedFeed } from './loader.js';
import { inWorker, placeChecks, type Sliced } from './lazy.js';
import type { Location } from './types.js';
import { isRef } from './types.js';
import { feedIds, validateCollectionWith, type Validated } from './validate-core.js';
import type { OffThread } from './validate-off-thread.js';

/** The locations of a feed as a counter counts them, for any filter. */
export interface Tally extends Loaded {
  count: (filter: LocationFilter) => number;
}

const fromRecords = ({ items, ...rest }: LoadedCollection<Location>): Tally => ({ ...rest, count: (f) => items.filter((l) => locationMatches(l, f)).length });

export function tally(loader: FeedLoader, loaded: LoadedFeed): Promise<Tally> {
  const value = loaded.feed.locations;
  if (!isRef(value) || value.format === 'flatgeobuf') return loader.collection(loaded, 'locations').then(fromRecords);
  // The records another element of the page reads, if one asked for them.
  const records = () => loader.collections.get(`${loaded.url} locations ${value.href}`) as Promise<LoadedCollection<Location>> | undefined;
  const already = records();
  if (already) return already.then(fromRecords);
  return loader.reading(loaded, 'tally', value.href, () => {
    const opts = { baseUrl: value.href, ids: feedIds(loaded.feed) };
    const pack = (r: Validated<Location[]>): Validated<PackedFacets> => ({ value: packFacets(r.value), problems: r.problems, skipped: r.skipped });
    const validate = async (raw: unknown) => pack(validateCollectionWith('locations', raw, opts, await placeChecks()) as Validated<Location[]>);
    const sliced = async (mod: Sliced, bytes: ArrayBuffer) => pack(await mod.validateLocationsSliced(bytes, opts));
    const offThread = async (bytes: ArrayBuffer): Promise<OffThread<PackedFacets> | undefined> => {
      // Another element asked for the records while the file was on its way: count theirs.
      const col = await records()?.catch(() => undefined);
      if (col?.source === 'network') return { bytes, result: { value: packFacets(col.items), problems: col.problems, skipped: col.skipped } };
      return inWorker(async () => (await import('./validate-off-thread.js')).tallyOffThread({ name: 'locations', ...opts, tally: true, bytes }));
    };
    return loader.fetchValidated(value.href, 'default', validate, 'locations', sliced, offThread).then(({ value: facets, ...rest }): Tally => ({ ...rest, count: (f: LocationFilter) => countPacked(facets, f) }));
  });
}
