/**
 * Nearest-point search over a static set of locations: a KD-tree (kdbush)
 * queried with great-circle distances (geokdbush). Built once per data set
 * (its tree in a worker for a large one: nearest-build.ts); a query at 100,000
 * points takes well under a millisecond (see the nearby-points benchmark).
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMeters, type Location } from '@ess-widgets/core/data';

export interface NearestHit<T> {
  item: T;
  /** Great-circle distance in metres. */
  distance: number;
}

export class NearestIndex<T extends Pick<Location, 'lat' | 'lon'>> {
  private readonly index?: KDBush;

  /** Builds the tree here, on the calling thread; `tree`: one built already (by buildNearest()). */
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
