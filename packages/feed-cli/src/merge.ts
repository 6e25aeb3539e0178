/**
 * `ess-feed merge`: one feed from several publishers. Location, organization,
 * campaign and stat ids get a namespace per publisher ("ressources:shop-0001");
 * every publisher is kept (the first leads, all are listed in "sources");
 * categories, materials and labels are reconciled by id (translations are
 * combined); every conflict is reported, and the first definition wins.
 */
import type { Campaign, Feed, Location, Stat, Text } from '@ess-widgets/core/data';
import { byId } from './build.js';

export interface MergeInput {
  feed: Feed;
  locations: Location[];
  campaigns?: Campaign[];
  stats?: Stat[];
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

/** Two translations of one text: languages combined; a language that says two different things is a conflict. */
function mergeText(a: Text, b: Text): { value: Text; differ: string[] } {
  if (same(a, b)) return { value: a, differ: [] };
  if (typeof a === 'string' || typeof b === 'string') return { value: a, differ: ['text'] };
  const value: Record<string, string> = { ...a };
  const differ: string[] = [];
  for (const [lang, s] of Object.entries(b)) {
    if (value[lang] === undefined) value[lang] = s;
    else if (value[lang] !== s) differ.push(lang);
  }
  return { value, differ };
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

export function merge(inputs: MergeInput[]): MergeResult {
  const conflicts: string[] = [];
  const prefixes = new Set<string>();
  for (const i of inputs) {
    if (prefixes.has(i.prefix)) conflicts.push(`two feeds share the namespace "${i.prefix}"; give each publisher its own (--prefix)`);
    prefixes.add(i.prefix);
  }

  /** Definitions by id in first-seen order; later ones fill gaps, differences are conflicts. */
  const reconcile = <T extends { id: string }>(kind: string, pick: (f: Feed) => T[]) => {
    const out = new Map<string, { value: Record<string, unknown>; from: string }>();
    for (const { feed, prefix } of inputs) {
      for (const item of pick(feed)) {
        const prev = out.get(item.id);
        if (!prev) {
          out.set(item.id, { value: { ...item }, from: prefix });
          continue;
        }
        for (const [field, v] of Object.entries(item)) {
          const old = prev.value[field];
          if (v === undefined || same(old, v)) continue;
          if (old === undefined) prev.value[field] = v;
          else if (field === 'label') {
            const m = mergeText(old as Text, v as Text);
            prev.value.label = m.value;
            if (m.differ.length) {
              const langs = m.differ[0] === 'text' ? '' : ` (${m.differ.join(', ')})`;
              conflicts.push(`${kind} "${item.id}": ${prefix} labels it ${show(v)}${langs}, ${prev.from} ${show(old)}; ${prev.from}'s was kept`);
            }
          } else conflicts.push(`${kind} "${item.id}": ${prefix} gives ${field} ${show(v)}, ${prev.from} ${show(old)}; ${prev.from}'s was kept`);
        }
      }
    }
    return [...out.values()].map((x) => x.value);
  };
  const categories = reconcile('category', (f) => f.categories);
  const materials = reconcile('material', (f) => f.materials);
  const labels = reconcile('label', (f) => f.labels);

  const organizations = inputs
    .flatMap(({ feed, prefix }) => feed.organizations.map((o) => compact({ ...o, id: `${prefix}:${o.id}`, labels: o.labels })))
    .sort(byId);
  const features = inputs.flatMap(({ locations, prefix }) => locations.map((l) => toFeature(l, prefix))).sort(byId);
  conflicts.push(...possibleDuplicates(inputs));

  const first = inputs[0].feed;
  const feed: Record<string, unknown> = {
    version: 1,
    publisher: first.publisher,
    sources: inputs.map((i) => ({ ...i.feed.publisher, namespace: i.prefix })),
    languages: [...new Set(inputs.flatMap((i) => i.feed.languages))],
    categories,
    materials,
    labels,
    organizations,
    locations: { href: 'locations.geojson' },
    campaigns: inputs.flatMap(({ campaigns, prefix }) => (campaigns ?? []).map((c) => toCampaign(c, prefix))).sort(byId),
    stats: inputs.flatMap(({ stats, prefix }) => (stats ?? []).map((s) => toStat(s, prefix))).sort(byId),
  };
  return { feed, locations: { type: 'FeatureCollection', features }, conflicts };
}

/** A validated location back to the GeoJSON Feature the feed publishes, its ids namespaced. */
function toFeature(l: Location, prefix: string): Record<string, unknown> {
  const { id, lon, lat, organization, ...props } = l;
  return {
    type: 'Feature', id: `${prefix}:${id}`, geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: compact({
      name: props.name, organization: organization ? `${prefix}:${organization}` : undefined, categories: props.categories, materials: props.materials,
      labels: props.labels, services: props.services, address: props.address, openingHours: props.openingHours, phone: props.phone, email: props.email,
      website: props.website, report: props.report, accessibility: props.accessibility, description: props.description,
    }),
  };
}

function toCampaign(c: Campaign, prefix: string): Record<string, unknown> {
  const { startMs: _s, endMs: _e, priority, withdrawn, ...rest } = c;
  return compact({ ...rest, id: `${prefix}:${c.id}`, priority: priority || undefined, withdrawn: withdrawn || undefined });
}

/** The validator reads "region" into "regions"; the feed publishes "region" (one code or a list). */
function toStat(s: Stat, prefix: string): Record<string, unknown> {
  const { regions, approximate, ...rest } = s;
  return compact({
    ...rest, id: `${prefix}:${s.id}`, approximate: approximate || undefined,
    region: regions.length === 1 ? regions[0] : regions.length ? regions : undefined,
  });
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)));
}

const fold = (t: Text) => (typeof t === 'string' ? t : Object.values(t)[0] ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The same place published by two publishers: the same name within about 100 m. */
function possibleDuplicates(inputs: MergeInput[]): string[] {
  if (inputs.length < 2) return [];
  const cell = (l: Location) => `${Math.round(l.lat * 1000)}:${Math.round(l.lon * 1000)}:${fold(l.name)}`;
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const { locations, prefix } of inputs) {
    for (const l of locations) {
      const key = cell(l);
      const other = seen.get(key);
      if (other && !other.startsWith(`${prefix}:`)) out.push(`location "${prefix}:${l.id}" looks like "${other}" (same name, same place); keep it in one feed only`);
      if (!other) seen.set(key, `${prefix}:${l.id}`);
    }
  }
  return out;
}
