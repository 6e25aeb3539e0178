import type { Location } from '../feed/types.js';
import { foldText } from './search.js';

/** A postcode or locality found in the feed's own addresses, at the mean of its points. */
export interface Place {
  /** What to show: "5000 Namur" or "Namur". */
  label: string;
  postcode?: string;
  locality?: string;
  lat: number;
  lon: number;
  /** How many locations carry this place. */
  count: number;
}

/**
 * A gazetteer built from the feed's own addresses, so a visitor can type a
 * postcode or a locality without any outside geocoding service.
 */
export class PlaceIndex {
  private readonly places: Place[];
  private readonly folded: string[];

  constructor(locations: readonly Location[]) {
    const acc = new Map<string, { postcode?: string; locality?: string; lat: number; lon: number; count: number }>();
    const add = (key: string, postcode: string | undefined, locality: string | undefined, l: Location) => {
      const e = acc.get(key) ?? { postcode, locality, lat: 0, lon: 0, count: 0 };
      e.lat += l.lat;
      e.lon += l.lon;
      e.count++;
      acc.set(key, e);
    };
    for (const l of locations) {
      const a = l.address;
      if (!a) continue;
      if (a.postcode) add(`p:${a.postcode}:${a.locality ?? ''}`, a.postcode, a.locality, l);
      if (a.locality) add(`l:${foldText(a.locality)}`, undefined, a.locality, l);
    }
    this.places = [...acc.values()].map((e) => ({
      label: [e.postcode, e.locality].filter(Boolean).join(' '),
      postcode: e.postcode,
      locality: e.locality,
      lat: e.lat / e.count,
      lon: e.lon / e.count,
      count: e.count,
    }));
    this.folded = this.places.map((p) => foldText(p.label));
  }

  get size(): number {
    return this.places.length;
  }

  /**
   * Places matching `query`, best first: an exact postcode, then localities
   * that start with the query, then those that contain it.
   */
  search(query: string, limit = 8): Place[] {
    const q = foldText(query);
    if (!q) return [];
    const scored: [number, Place][] = [];
    this.places.forEach((p, i) => {
      const f = this.folded[i];
      let score = -1;
      if (p.postcode && p.postcode === q) score = 0;
      else if (p.locality && foldText(p.locality) === q) score = 1;
      else if (p.postcode?.startsWith(q)) score = 2;
      else if (f.split(' ').some((w) => w.startsWith(q)) || f.startsWith(q)) score = 3;
      else if (f.includes(q)) score = 4;
      if (score >= 0) scored.push([score * 1e6 - p.count, p]);
    });
    return scored.sort((a, b) => a[0] - b[0]).slice(0, limit).map(([, p]) => p);
  }

  /** The single best place for a query, or undefined when nothing matches. */
  find(query: string): Place | undefined {
    return this.search(query, 1)[0];
  }
}
