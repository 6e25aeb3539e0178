/**
 * `ess-feed merge`: one feed from several publishers. Location and
 * organization ids are namespaced by publisher ("ressources:shop-0001"), the
 * publishers are kept (the first leads, all are listed in "sources"),
 * categories, materials and labels are reconciled by id, and every conflict is
 * reported.
 */
import type { Category, Feed, Label, Location, Material, Text } from '@ess-widgets/core/data';

export interface MergeInput {
  feed: Feed;
  locations: Location[];
  /** Namespace for this publisher's ids. */
  prefix: string;
}

export interface MergeResult {
  feed: Record<string, unknown>;
  locations: { type: 'FeatureCollection'; features: Record<string, unknown>[] };
  conflicts: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'feed';
}

export function merge(inputs: MergeInput[]): MergeResult {
  const conflicts: string[] = [];
  const byId = <T extends { id: string }>(kind: string, pick: (f: Feed) => T[]) => {
    const out = new Map<string, T>();
    for (const { feed, prefix } of inputs) {
      for (const item of pick(feed)) {
        const prev = out.get(item.id);
        if (!prev) out.set(item.id, item);
        else if (!same(prev, item)) conflicts.push(`${kind} "${item.id}" differs in ${prefix}; the first definition was kept (${JSON.stringify(prev)} vs ${JSON.stringify(item)})`);
      }
    }
    return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
  };
  const categories = byId<Category>('category', (f) => f.categories);
  const materials = byId<Material>('material', (f) => f.materials);
  const labels = byId<Label>('label', (f) => f.labels);
  const prefixes = new Set<string>();
  for (const i of inputs) {
    if (prefixes.has(i.prefix)) conflicts.push(`two feeds share the namespace "${i.prefix}"; give each publisher its own`);
    prefixes.add(i.prefix);
  }
  const organizations = inputs.flatMap(({ feed, prefix }) => feed.organizations.map((o) => ({ ...o, id: `${prefix}:${o.id}` }))).sort((a, b) => a.id.localeCompare(b.id));
  const features = inputs
    .flatMap(({ locations, prefix }) =>
      locations.map((l) => {
        const { id, lon, lat, organization, ...props } = l;
        return { type: 'Feature', id: `${prefix}:${id}`, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { ...props, ...(organization ? { organization: `${prefix}:${organization}` } : {}) } };
      }),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  const languages = [...new Set(inputs.flatMap((i) => i.feed.languages))];
  const first = inputs[0].feed;
  const feed: Record<string, unknown> = {
    version: 1,
    publisher: first.publisher,
    sources: inputs.map((i) => ({ ...i.feed.publisher, namespace: i.prefix })),
    languages,
    categories,
    materials,
    labels,
    organizations,
    locations: { href: 'locations.geojson' },
    campaigns: inputs.flatMap(({ feed, prefix }) => (Array.isArray(feed.campaigns) ? feed.campaigns.map((c) => ({ ...strip(c as unknown as Record<string, unknown>), id: `${prefix}:${c.id}` })) : [])),
    stats: [],
  };
  return { feed, locations: { type: 'FeatureCollection', features }, conflicts };
}

/** Campaigns come out of the validator with parsed instants; the feed keeps only what was published. */
function strip(c: Record<string, unknown>): Record<string, unknown> {
  const { startMs: _s, endMs: _e, ...rest } = c;
  return rest;
}

export type { Text };
