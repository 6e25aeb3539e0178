/**
 * What the filters of `locationMatches` (filter.ts) read of each location,
 * packed, for counters: built by the validation worker or by tally.ts, counted
 * on the page. Loaded only where a counter counts locations.
 */
import type { Location } from './types.js';
import type { LocationFilter } from './filter.js';

/**
 * What `locationMatches` reads of each location, packed for any filter to be
 * counted later: the distinct facet values once (`keys`), and each location's
 * values as indexes into them (location i's are `tokens[offsets[i]…offsets[i+1]]`).
 * The validation worker sends this, not the records, to a counter: for 100,000
 * locations two typed arrays moved in one message, where the records are
 * thousands of messages and a garbage collector's long tasks on the page.
 */
export interface PackedFacets {
  keys: string[];
  offsets: Uint32Array;
  tokens: Uint32Array;
}

/** Each facet a filter reads: its letter in `keys`, its filter field, and its values on a location. */
const FACETS: readonly (readonly [string, keyof LocationFilter, (l: Location) => readonly string[] | string | undefined])[] = [
  ['c', 'categories', (l) => l.categories],
  ['m', 'materials', (l) => l.materials],
  ['l', 'labels', (l) => l.labels],
  ['r', 'regions', (l) => l.address?.region],
  ['o', 'organizations', (l) => l.organization],
];

export function packFacets(locations: readonly Location[]): PackedFacets {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const offsets = new Uint32Array(locations.length + 1);
  const tokens: number[] = [];
  const add = (key: string) => {
    let i = index.get(key);
    if (i === undefined) index.set(key, (i = keys.push(key) - 1));
    tokens.push(i);
  };
  locations.forEach((l, i) => {
    for (const [letter, , values] of FACETS) {
      const v = values(l);
      if (typeof v === 'string') add(`${letter} ${v}`);
      else if (v) for (const x of v) add(`${letter} ${x}`);
    }
    offsets[i + 1] = tokens.length;
  });
  return { keys, offsets, tokens: Uint32Array.from(tokens) };
}

/** How many packed locations pass `f`: the same answer as counting with `locationMatches`. */
export function countPacked(p: PackedFacets, f: LocationFilter): number {
  // Each wanted value's facet bit; a location passes when it has a wanted value in every filtered facet.
  const want = new Uint8Array(p.keys.length);
  let need = 0;
  FACETS.forEach(([letter, facet], bit) => {
    const wanted = f[facet];
    if (!wanted?.length) return;
    need |= 1 << bit;
    p.keys.forEach((k, i) => {
      if (k.startsWith(`${letter} `) && wanted.includes(k.slice(2))) want[i] |= 1 << bit;
    });
  });
  if (!need) return p.offsets.length - 1;
  let n = 0;
  for (let i = 0; i + 1 < p.offsets.length; i++) {
    let got = 0;
    for (let j = p.offsets[i]; j < p.offsets[i + 1]; j++) got |= want[p.tokens[j]];
    if ((got & need) === need) n++;
  }
  return n;
}
