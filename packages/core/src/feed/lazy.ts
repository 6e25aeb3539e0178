/**
 * How the loader (loader.ts) and the counters' tally (tally.ts) reach the
 * parts they load only when needed. Internal: not exported by the package.
 */
import type { PlaceChecks } from './validate-core.js';

/** What `start` gives (work handed to a worker), or undefined where workers do not exist or its module fails to load. */
export async function inWorker<T>(start: () => Promise<T | undefined>): Promise<T | undefined> {
  if (typeof Worker === 'undefined') return undefined;
  try {
    return await start();
  } catch {
    return undefined;
  }
}

/** The checks of locations and places (validate-places.ts), loaded only for a document that holds some. */
export const placeChecks = (): Promise<PlaceChecks> => import('./validate-places.js').then((m) => m.placeChecks);

/** The sliced parser (sliced.ts), loaded only for a large document. */
export type Sliced = typeof import('./sliced.js');
