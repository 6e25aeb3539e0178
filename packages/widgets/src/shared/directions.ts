/**
 * Directions links. The default provider is OpenStreetMap; a site may choose
 * another by name, or give its own https template with {lat}, {lon} and
 * {name} placeholders. Nothing is requested from the provider: it is a link.
 */
export const DIRECTIONS_PROVIDERS: Record<string, string> = {
  osm: 'https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}#map=16/{lat}/{lon}',
  google: 'https://www.google.com/maps/dir/?api=1&destination={lat}%2C{lon}',
  apple: 'https://maps.apple.com/?daddr={lat},{lon}&q={name}',
};

/**
 * The directions URL for a point, or undefined when the template is not a
 * known provider nor an https URL (a `javascript:` template gives no link).
 */
export function directionsUrl(provider: string | null | undefined, point: { lat: number; lon: number }, name = ''): string | undefined {
  const template = DIRECTIONS_PROVIDERS[(provider ?? 'osm').trim() || 'osm'] ?? provider ?? '';
  const url = template
    .replace(/\{lat\}/g, point.lat.toFixed(6))
    .replace(/\{lon\}/g, point.lon.toFixed(6))
    .replace(/\{name\}/g, encodeURIComponent(name));
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
