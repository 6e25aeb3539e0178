/**
 * The same place listed twice in one build: the same name (case, accents and
 * punctuation aside) within about 50 metres — a row copied with a new id, a
 * fill-down. Each pair is found once, the later row named with the earlier.
 */
export interface Point {
  index: number;
  /** The normalised name. */
  name: string;
  lon: number;
  lat: number;
}

/** Metres between two points (haversine; good to a few centimetres at this range). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/** Pairs [earlier index, later index, metres], in the order of the later one. */
export function findDuplicates(points: Point[], withinMetres = 50): [number, number, number][] {
  const byName = new Map<string, Point[]>();
  for (const p of points) {
    if (!p.name) continue;
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  }
  const out: [number, number, number][] = [];
  for (const list of byName.values()) {
    for (let j = 1; j < list.length; j++) {
      for (let i = 0; i < j; i++) {
        const d = metresBetween(list[i], list[j]);
        if (d <= withinMetres) {
          out.push([list[i].index, list[j].index, d]);
          break;
        }
      }
    }
  }
  return out.sort((a, b) => a[1] - b[1]);
}
