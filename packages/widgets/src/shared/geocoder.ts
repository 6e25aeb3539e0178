/**
 * Where the visitor says they are: a postcode or a town, in any of its
 * languages, found in the feed's own gazetteer (its `places`, else its
 * addresses) — and, only when the site owner gives one, a Nominatim-compatible
 * service for full street addresses. Shared by the finder and nearby points.
 */
import { PlaceIndex, type Location, type PlaceRecord } from '@ess-widgets/core';

/** A point the visitor chose, with what to call it. */
export interface Origin {
  label: string;
  lat: number;
  lon: number;
}

export interface GeocoderOptions {
  /** The feed's gazetteer rows (`places`); empty when the feed has none. */
  places: readonly PlaceRecord[];
  /** The feed's locations: their addresses serve as the gazetteer when there is no `places`. */
  locations?: readonly Location[];
  /** The places of the locations' addresses, gathered where the locations are (nearby points' search worker). */
  addresses?: PlaceIndex;
  /**
   * Looks a query up elsewhere when neither is at hand on this thread (the
   * finder's addresses live in its worker).
   */
  fallback?: (q: string) => Promise<Origin | null>;
  /** An outside service (shared/nominatim.ts), asked for what the gazetteer does not know (none by default). */
  service?: (q: string) => Promise<Origin[]>;
}

export class Geocoder {
  private readonly index?: PlaceIndex;

  constructor(private readonly o: GeocoderOptions) {
    this.index = o.places.length || o.locations ? new PlaceIndex(o.locations ?? [], o.places) : o.addresses;
  }

  /** True when places come from the feed's gazetteer (names in every language, suggestions as you type). */
  get hasGazetteer(): boolean {
    return this.o.places.length > 0;
  }

  /** Places whose names start with (or contain) what is typed, best first, without asking any service. */
  suggest(q: string, lang: string, limit = 6): Origin[] {
    return this.index ? this.index.search(q, limit, lang).map(({ label, lat, lon }) => ({ label, lat, lon })) : [];
  }

  /** The feed's own best place for a query, at once (no fallback, no service), or undefined. */
  lookup(q: string, lang: string): Origin | undefined {
    const p = this.index?.find(q, lang);
    return p && { label: p.label, lat: p.lat, lon: p.lon };
  }

  /**
   * The places a query names (labels in `lang`), best first: the gazetteer's answer, else the
   * fallback's, else the outside geocoder's (up to 5). Empty when none knows it.
   */
  async resolve(q: string, lang: string): Promise<Origin[]> {
    if (!q.trim()) return [];
    const own = this.lookup(q, lang);
    if (own) return [own];
    const other = this.o.fallback ? await this.o.fallback(q) : null;
    if (other) return [other];
    return this.o.service ? this.o.service(q) : [];
  }
}
