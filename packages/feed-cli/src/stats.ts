/**
 * `ess-feed stats`: the counts the sector counter derives from the directory
 * (count="locations" with category / material / region / organization / label),
 * and the stat records `--write` adds to the feed.
 */
import type { Feed, Location, Text } from '@ess-widgets/core/data';

export const DIMENSIONS = ['categories', 'materials', 'regions', 'organizations', 'labels'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Counts = { total: number } & Record<Dimension, Record<string, number>>;

/** The same rules as the counter: a location counts once in each of its categories, materials and labels. */
export function countLocations(locations: readonly Location[]): Counts {
  const c: Counts = { total: locations.length, categories: {}, materials: {}, regions: {}, organizations: {}, labels: {} };
  const add = (m: Record<string, number>, k: string | undefined) => {
    if (k) m[k] = (m[k] ?? 0) + 1;
  };
  for (const l of locations) {
    l.categories.forEach((k) => add(c.categories, k));
    l.materials.forEach((k) => add(c.materials, k));
    l.labels.forEach((k) => add(c.labels, k));
    add(c.regions, l.address?.region);
    add(c.organizations, l.organization);
  }
  // Byte order, not the locale's: the same output on every machine.
  for (const k of DIMENSIONS) c[k] = Object.fromEntries(Object.entries(c[k]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return c;
}

/** Today in the local time zone, as the person running the command sees the calendar. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Ids of the stats `--write` owns: they are replaced on every run. */
export const OWNED = /^count-/;

const TOTAL_LABEL: Text = { fr: 'lieux dans l’annuaire', nl: 'plaatsen in de gids', de: 'Orte im Verzeichnis', en: 'places in the directory' };
const SINGULAR: Record<Dimension, string> = { categories: 'category', materials: 'material', regions: 'region', organizations: 'organization', labels: 'label' };

/**
 * Stat records for the feed: the total, then one per category, material,
 * region, organization and label found, each dated `asOf`. Ids longer than
 * the feed allows (128 characters) are left out and returned in `skipped`.
 */
export function statsRecords(counts: Counts, asOf: string, feed?: Pick<Feed, 'categories' | 'materials' | 'labels' | 'organizations'>): { records: Record<string, unknown>[]; skipped: string[] } {
  const names = new Map<string, Text>();
  for (const x of feed?.categories ?? []) names.set(`categories:${x.id}`, x.label);
  for (const x of feed?.materials ?? []) names.set(`materials:${x.id}`, x.label);
  for (const x of feed?.labels ?? []) names.set(`labels:${x.id}`, x.label);
  for (const x of feed?.organizations ?? []) names.set(`organizations:${x.id}`, x.name);
  const records: Record<string, unknown>[] = [{ id: 'count-locations', value: counts.total, label: TOTAL_LABEL, asOf }];
  const skipped: string[] = [];
  for (const dim of DIMENSIONS) {
    for (const [key, value] of Object.entries(counts[dim])) {
      const id = `count-${SINGULAR[dim]}-${key}`;
      if (id.length > 128) {
        skipped.push(id);
        continue;
      }
      records.push(dim === 'regions'
        ? { id, value, label: TOTAL_LABEL, region: key, asOf }
        : { id, value, label: names.get(`${dim}:${key}`) ?? key, asOf });
    }
  }
  return { records, skipped };
}

export function formatTable(counts: Counts): string {
  const lines = [`total  ${counts.total}`];
  for (const k of DIMENSIONS) {
    const entries = Object.entries(counts[k]);
    if (!entries.length) continue;
    const w = Math.max(...entries.map(([id]) => id.length));
    lines.push('', k, ...entries.map(([id, n]) => `  ${id.padEnd(w)}  ${String(n).padStart(7)}`));
  }
  return lines.join('\n');
}
