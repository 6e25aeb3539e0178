/**
 * Which locations an element shows, by the same rules everywhere: the
 * counter's count, nearby points, the finder's presets and `ess-feed stats`.
 * Within a facet any listed id matches (a location in any of the categories);
 * across facets every facet must match. An empty or absent facet keeps all.
 */
import type { Location } from './types.js';

export interface LocationFilter {
  categories?: readonly string[];
  materials?: readonly string[];
  labels?: readonly string[];
  /** ISO 3166-2 codes, e.g. BE-BRU. */
  regions?: readonly string[];
  organizations?: readonly string[];
}

/** An attribute listing ids: "shop, repair" → ["shop", "repair"]; absent or blank → []. */
export function idList(value?: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const any = (wanted: readonly string[] | undefined, has: readonly string[]) => !wanted?.length || has.some((x) => wanted.includes(x));
const one = (wanted: readonly string[] | undefined, has: string | undefined) => !wanted?.length || (has !== undefined && wanted.includes(has));

/** Whether a location passes the filter. */
export function locationMatches(l: Location, f: LocationFilter): boolean {
  return any(f.categories, l.categories) && any(f.materials, l.materials) && any(f.labels, l.labels) && one(f.regions, l.address?.region) && one(f.organizations, l.organization);
}
