/**
 * Nearby points' search over records on the page (nearby-search.ts loads it
 * only then): inline locations, a small linked file, records another element
 * read, or a page where no worker can start.
 */
import { locationMatches, PlaceIndex, validateCollection, type FeedIds, type Location, type Problem } from '@ess-widgets/core';
import { buildNearest } from './nearest-build.js';
import type { Searcher } from './nearby-search.js';

/** The records, searchable: the tree built (in a worker from 2,000 points: nearest.ts), answers given at once. */
export async function onPage(items: Location[]): Promise<Searcher> {
  const index = await buildNearest(items);
  let places: PlaceIndex | undefined;
  return {
    addresses: () => (places ??= new PlaceIndex(items)),
    nearest: ({ lat, lon, limit, maxMeters, filter }) => index.nearest(lat, lon, limit, maxMeters, (l) => locationMatches(l, filter)),
  };
}

/** A validation's result, its records made searchable. */
export async function searchable<R extends { value: Location[]; problems: Problem[]; skipped: number }>({ value, ...rest }: R): Promise<{ value: Searcher; problems: Problem[]; skipped: number }> {
  return { ...rest, value: await onPage(value) };
}

/** A parsed locations file validated and made searchable. */
export function validated(raw: unknown, options: { baseUrl: string; ids: FeedIds }): Promise<{ value: Searcher; problems: Problem[]; skipped: number }> {
  return searchable(validateCollection('locations', raw, options));
}
