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
  // Points in a grid of cells larger than the distance, per name: each point is compared with
  // the same name in its cell and the eight around it, not with every point of that name.
  const step = (withinMetres / 111_000) * 2 || 1e-9;
  const byName = new Map<string, Map<number, Point[]>>();
  const out: [number, number, number][] = [];
  for (const p of points) {
    if (!p.name) continue;
    const cy = Math.floor(p.lat / step);
    const cx = Math.floor((p.lon * Math.cos((p.lat * Math.PI) / 180)) / step);
    let cells = byName.get(p.name);
    if (!cells) byName.set(p.name, (cells = new Map()));
    let found: [number, number] | undefined;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const list = cells.get((cx + dx) * 4_194_304 + cy + dy);
        if (!list) continue;
        for (const q of list) {
          const d = metresBetween(q, p);
          if (d <= withinMetres && (!found || q.index < found[0])) found = [q.index, d];
        }
      }
    }
    if (found) out.push([found[0], p.index, found[1]]);
    const k = cx * 4_194_304 + cy;
    const list = cells.get(k);
    if (list) list.push(p);
    else cells.set(k, [p]);
  }
  return out.sort((a, b) => a[1] - b[1]);
}
