/**
 * A Nominatim-compatible search service, for full street addresses the feed's gazetteer does not
 * know. Asked only when the site owner sets one (the finder's `geocoder` attribute).
 */
import { safeUrl } from '@ess-widgets/core';
import type { Origin } from './geocoder.js';

export async function nominatim(service: string, q: string): Promise<Origin[]> {
  const base = safeUrl(service, document.baseURI, ['https:', 'http:']);
  if (!base) return [];
  try {
    const url = new URL(base);
    url.searchParams.set('q', q);
    url.searchParams.set('format', 'jsonv2');
    url.searchParams.set('limit', '5');
    const res = await fetch(url, { credentials: 'omit' });
    const hits = (await res.json()) as { lat?: unknown; lon?: unknown; display_name?: unknown }[];
    // The geocoder's answer is outside data too: numbers checked, labels kept as short text.
    return (Array.isArray(hits) ? hits : [])
      .map((h): Origin => ({ lat: Number(h?.lat), lon: Number(h?.lon), label: String(h?.display_name ?? q).slice(0, 120) }))
      .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180);
  } catch {
    return []; // the service is optional: the gazetteer's answer stands
  }
}
