/**
 * Nearest-point search over a static set of locations: a KD-tree (kdbush)
 * queried with great-circle distances (geokdbush). Built once per data set
 * (in a worker for a large one: NearestIndex.build); a query at 100,000
 * points takes well under a millisecond (see the nearby-points benchmark).
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMeters, type Location } from '@ess-widgets/core';
import { startWorker } from '@ess-widgets/core/worker-start';

/**
 * From this many points the tree is built in a worker (nearest.worker.ts) where one can start:
 * kdbush's sort of the sample's 5,869 points is one task of about 100 ms on Lighthouse's mobile
 * preset (the CPU four times slower); starting the worker costs a few milliseconds.
 */
export const BUILD_OFF_THREAD_FROM = 2_000;

/** The literal form bundlers recognise and rewrite (core's worker-start.ts). */
function startTreeWorker(): Worker {
  return new Worker(new URL('./nearest.worker.js', import.meta.url), { type: 'module' });
}

/** The tree's buffer, built by a worker from the points' coordinates; undefined when no worker can start. */
async function treeOffThread(items: readonly Pick<Location, 'lat' | 'lon'>[]): Promise<KDBush | undefined> {
  const started = await startWorker(startTreeWorker);
  if (!started) return undefined;
  const coords = new Float64Array(items.length * 2);
  items.forEach((it, i) => {
    coords[2 * i] = it.lon;
    coords[2 * i + 1] = it.lat;
  });
  const w = started.worker;
  try {
    const data = await new Promise<ArrayBuffer>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<ArrayBuffer>) => resolve(e.data);
      w.onerror = (e) => (e.preventDefault(), reject(new Error(e.message)));
      w.postMessage(coords, [coords.buffer]);
    });
    return KDBush.from(data);
  } catch {
    return undefined;
  } finally {
    w.terminate();
  }
}

export interface NearestHit<T> {
  item: T;
  /** Great-circle distance in metres. */
  distance: number;
}

export class NearestIndex<T extends Pick<Location, 'lat' | 'lon'>> {
  private readonly index?: KDBush;

  /** Builds the tree here, on the calling thread; `tree`: one built already (by build()). */
  constructor(
    readonly items: readonly T[],
    tree?: KDBush,
  ) {
    if (!items.length) return;
    if (tree) {
      this.index = tree;
      return;
    }
    this.index = new KDBush(items.length);
    for (const it of items) this.index.add(it.lon, it.lat);
    this.index.finish();
  }

  /** The index, its tree built in a worker from BUILD_OFF_THREAD_FROM points (here when no worker can start). */
  static async build<T extends Pick<Location, 'lat' | 'lon'>>(items: readonly T[]): Promise<NearestIndex<T>> {
    return new NearestIndex(items, items.length >= BUILD_OFF_THREAD_FROM ? await treeOffThread(items) : undefined);
  }

  /**
   * Up to `limit` items nearest to (lat, lon), closest first, within
   * `maxMeters` when given, keeping only those `filter` accepts.
   */
  nearest(lat: number, lon: number, limit: number, maxMeters = Infinity, filter?: (item: T) => boolean): NearestHit<T>[] {
    if (!this.index || limit <= 0) return [];
    const ids: number[] = around(this.index, lon, lat, limit, maxMeters / 1000, filter ? (i: number) => filter(this.items[i]) : undefined);
    return ids.map((i) => ({ item: this.items[i], distance: distanceMeters(lat, lon, this.items[i].lat, this.items[i].lon) }));
  }
}
