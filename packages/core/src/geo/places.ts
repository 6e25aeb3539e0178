import type { Location, PlaceRecord, Text } from '../feed/types.js';
import { resolveText } from '../feed/text.js';
import { foldText } from './search.js';

/** A postcode or locality a visitor can name: from the feed's gazetteer (`places`), else from its own addresses. */
export interface Place {
  /** What to show, in the language asked for: "5000 Namur", "4000 Luik", or "Namur". */
  label: string;
  postcode?: string;
  /** The locality's name in the language asked for. */
  locality?: string;
  /** The municipality it belongs to (gazetteer places only), as officially named. */
  municipality?: string;
  lat: number;
  lon: number;
  /** How many locations carry this place (addresses), 0 for a gazetteer place. */
  count: number;
}

/** One place a visitor can name, as the index keeps it (plain data: it may come from a worker, `addressPlaces`). */
export interface PlaceEntry {
  postcode?: string;
  name: Text;
  municipality?: string;
  lat: number;
  lon: number;
  count: number;
  /** Every distinct folded name, in every language ("liege", "luik", "luttich"). */
  names: string[];
  /** The municipality's own locality (Namur in 5000 Namur, not Jambes): first among equals. */
  main: boolean;
}

/**
 * The places a visitor may type to say where they are, found by any of their
 * names in any language, without accents or case ("Luik", "luttich", "LIEGE"
 * and "4000" are all Liège). Built from the feed's gazetteer when it has one;
 * otherwise from the postcodes and localities of the feed's own addresses, at
 * the mean of their points. No outside service is asked.
 */
export class PlaceIndex {
  private entries: readonly PlaceEntry[];

  /**
   * @param locations the feed's locations (their addresses serve when there is no gazetteer)
   * @param places the feed's `places` collection; when it has any, only they are used
   */
  constructor(locations: readonly Location[], places: readonly PlaceRecord[] = []) {
    this.entries = places.length ? fromGazetteer(places) : addressPlaces(locations);
  }

  /** The index of places already gathered (by `addressPlaces`, in a worker that holds the locations). */
  static of(entries: readonly PlaceEntry[]): PlaceIndex {
    const index = new PlaceIndex([]);
    index.entries = entries;
    return index;
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Places matching `query`, best first: an exact postcode, then a place
   * whose name (in any language) is the query, then names starting with it,
   * then names containing it. Labels are in `lang` (else the first language
   * the place has).
   */
  search(query: string, limit = 8, lang = 'fr'): Place[] {
    const q = foldText(query);
    if (!q) return [];
    const digits = /^\d+$/.test(q);
    const scored: { score: number; e: PlaceEntry }[] = [];
    for (const e of this.entries) {
      let score = -1;
      if (e.postcode === q) score = 0;
      else if (digits) score = e.postcode?.startsWith(q) ? 2 : -1;
      else {
        for (const n of e.names) {
          const full = e.postcode ? `${e.postcode} ${n}` : n;
          const s = n === q || full === q || `${n} ${e.postcode}` === q ? 1 : n.startsWith(q) || full.startsWith(q) ? 3 : n.split(' ').some((w) => w.startsWith(q)) ? 4 : n.includes(q) ? 5 : -1;
          if (s >= 0 && (score < 0 || s < score)) score = s;
        }
      }
      if (score >= 0) scored.push({ score, e });
    }
    // Postcodes read in order; among names, the municipality's own locality first.
    scored.sort((a, b) => a.score - b.score || (digits ? 0 : Number(b.e.main) - Number(a.e.main)) || b.e.count - a.e.count || Number(b.e.postcode !== undefined) - Number(a.e.postcode !== undefined) || (a.e.postcode ?? '').localeCompare(b.e.postcode ?? ''));
    const out: Place[] = [];
    const labels = new Set<string>();
    for (const { e } of scored) {
      const p = toPlace(e, lang);
      if (labels.has(p.label)) continue;
      labels.add(p.label);
      out.push(p);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** The single best place for a query, or undefined when nothing matches. */
  find(query: string, lang = 'fr'): Place | undefined {
    return this.search(query, 1, lang)[0];
  }
}

function toPlace(e: PlaceEntry, lang: string): Place {
  const locality = resolveText(e.name, lang, ['fr', 'nl', 'de', 'en']) || undefined;
  const p: Place = { label: [e.postcode, locality].filter(Boolean).join(' '), lat: e.lat, lon: e.lon, count: e.count };
  if (e.postcode) p.postcode = e.postcode;
  if (locality) p.locality = locality;
  if (e.municipality) p.municipality = e.municipality;
  return p;
}

function namesOf(name: Text): string[] {
  return [...new Set((typeof name === 'string' ? [name] : Object.values(name)).map(foldText).filter(Boolean))];
}

function fromGazetteer(places: readonly PlaceRecord[]): PlaceEntry[] {
  return places.map((r) => {
    const names = namesOf(r.name);
    // The municipality's name is a name of its main locality too ("Namur" for 5000 Namur).
    const main = r.municipality !== undefined && names.includes(foldText(r.municipality));
    return { postcode: r.postcode, name: r.name, municipality: r.municipality, lat: r.lat, lon: r.lon, count: 0, names, main };
  });
}

/** The postcodes and localities of the locations' addresses, each at the mean of its points. */
export function addressPlaces(locations: readonly Location[]): PlaceEntry[] {
  const acc = new Map<string, { postcode?: string; locality?: string; lat: number; lon: number; count: number }>();
  const add = (key: string, postcode: string | undefined, locality: string | undefined, l: Location) => {
    const e = acc.get(key) ?? { postcode, locality, lat: 0, lon: 0, count: 0 };
    e.lat += l.lat;
    e.lon += l.lon;
    e.count++;
    acc.set(key, e);
  };
  // Folded once per spelling: a directory names the same few thousand localities over and over
  // (at 100,000 points, folding each address took most of a 70 ms task on the page).
  const folded = new Map<string, string>();
  for (const l of locations) {
    const a = l.address;
    if (!a) continue;
    if (a.postcode) add(`p:${a.postcode}:${a.locality ?? ''}`, a.postcode, a.locality, l);
    if (a.locality) {
      let f = folded.get(a.locality);
      if (f === undefined) folded.set(a.locality, (f = foldText(a.locality)));
      add(`l:${f}`, undefined, a.locality, l);
    }
  }
  return [...acc.values()].map((e) => ({
    postcode: e.postcode,
    name: e.locality ?? '',
    lat: e.lat / e.count,
    lon: e.lon / e.count,
    count: e.count,
    names: e.locality ? namesOf(e.locality) : [],
    // Ties go to the place with more locations: the town as a whole before one of its postcodes.
    main: false,
  }));
}
