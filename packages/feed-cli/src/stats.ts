/**
 * `ess-feed stats`: the counts the sector counter derives from the directory,
 * by category, material, region and organization.
 */
import type { Location } from '@ess-widgets/core/data';

export type Counts = Record<'total', number> & Record<'categories' | 'materials' | 'regions' | 'organizations', Record<string, number>>;

export function countLocations(locations: readonly Location[]): Counts {
  const c: Counts = { total: locations.length, categories: {}, materials: {}, regions: {}, organizations: {} };
  const add = (m: Record<string, number>, k: string | undefined) => k && (m[k] = (m[k] ?? 0) + 1);
  for (const l of locations) {
    l.categories.forEach((k) => add(c.categories, k));
    l.materials.forEach((k) => add(c.materials, k));
    add(c.regions, l.address?.region);
    add(c.organizations, l.organization);
  }
  for (const k of ['categories', 'materials', 'regions', 'organizations'] as const) c[k] = Object.fromEntries(Object.entries(c[k]).sort(([a], [b]) => a.localeCompare(b)));
  return c;
}

/** Stats records for the feed: one per category, plus the total, dated today. */
export function statsRecords(counts: Counts, today: string, labels: ReadonlyMap<string, unknown> = new Map()): Record<string, unknown>[] {
  return [
    { id: 'count-locations', value: counts.total, unit: 'establishments', label: { fr: 'lieux dans l’annuaire', nl: 'plaatsen in de gids', de: 'Orte im Verzeichnis', en: 'places in the directory' }, asOf: today },
    ...Object.entries(counts.categories).map(([id, n]) => ({ id: `count-${id}`, value: n, unit: 'establishments', label: labels.get(id) ?? id, asOf: today })),
  ];
}

export function formatTable(counts: Counts): string {
  const lines = [`total  ${counts.total}`];
  for (const k of ['categories', 'materials', 'regions', 'organizations'] as const) {
    const entries = Object.entries(counts[k]);
    if (!entries.length) continue;
    const w = Math.max(...entries.map(([id]) => id.length));
    lines.push('', k, ...entries.map(([id, n]) => `  ${id.padEnd(w)}  ${String(n).padStart(6)}`));
  }
  return lines.join('\n');
}
