/**
 * Answers finder requests. Runs inside the worker, or on the main thread when
 * no worker can start (then `load` yields between chunks of work so no task
 * runs long).
 */
import { browserCache, PlaceIndex, validateCollection, type Location } from '@ess-widgets/core/data';
import { FinderIndex, type QueryResult } from './finder-index.js';
import type { ListedItem, MapItem, Request, Response } from './finder-protocol.js';

export function createHandler(): (req: Request) => Promise<Response> {
  let index: FinderIndex | undefined;
  let places: PlaceIndex | undefined;
  let last: QueryResult | undefined;
  const item = (pos: number): ListedItem => ({ index: last!.order[pos], location: index!.locations[last!.order[pos]], distance: last!.distances?.[pos] });

  return async (req) => {
    switch (req.type) {
      case 'load': {
        const raw = JSON.parse(new TextDecoder().decode(req.bytes));
        const set = (l: string[]) => new Set(l);
        const r = validateCollection('locations', raw, {
          baseUrl: req.baseUrl,
          ids: { categories: set(req.ids.categories), materials: set(req.ids.materials), labels: set(req.ids.labels), organizations: set(req.ids.organizations) },
        });
        // The last good copy is written here, in the worker: storing 60 MB from the main thread blocks it.
        if (req.keep) void browserCache().put(req.baseUrl, { body: req.bytes, fetchedAt: req.keep.fetchedAt });
        index = new FinderIndex(r.value, new Map(req.organizationNames));
        places = undefined; // built on the first place search, not on the way to the first map
        last = undefined;
        let bbox: [number, number, number, number] | undefined;
        for (const l of r.value) {
          if (!bbox) bbox = [l.lon, l.lat, l.lon, l.lat];
          else bbox = [Math.min(bbox[0], l.lon), Math.min(bbox[1], l.lat), Math.max(bbox[2], l.lon), Math.max(bbox[3], l.lat)];
        }
        return { count: r.value.length, bbox, skipped: r.skipped, problems: r.problems.slice(0, 50) };
      }
      case 'query': {
        last = index!.query(req.filter);
        const items: ListedItem[] = [];
        for (let i = 0; i < Math.min(req.limit, last.order.length); i++) items.push(item(i));
        return { total: last.total, counts: last.counts, items };
      }
      case 'page': {
        const items: ListedItem[] = [];
        for (let i = req.offset; i < Math.min(req.offset + req.limit, last?.order.length ?? 0); i++) items.push(item(i));
        return items;
      }
      case 'clusters':
        return index!.clustersIn(req.bbox, req.zoom).map((c): MapItem => {
          if (c.index === undefined) return c;
          const l: Location = index!.locations[c.index];
          return { ...c, name: l.name, category: l.categories[0], id: l.id };
        });
      case 'expansion':
        return index!.expansionZoom(req.clusterId);
      case 'get':
        return index!.locations[req.index];
      case 'place': {
        places ??= new PlaceIndex(index!.locations);
        const p = places.find(req.q);
        return p ? { label: p.label, lat: p.lat, lon: p.lon } : null;
      }
      case 'nearest': {
        const cats = req.categories;
        return index!
          .nearest(req.lat, req.lon, req.n, cats?.length ? (l) => l.categories.some((c) => cats.includes(c)) : undefined)
          .map((i): ListedItem => ({ index: i, location: index!.locations[i] }));
      }
      case 'hours':
        return index!.hoursSamples();
    }
  };
}
