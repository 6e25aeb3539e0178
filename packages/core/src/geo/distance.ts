/** Mean Earth radius in metres (IUGG), the value great-circle formulas use. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = Math.PI / 180;

/** Great-circle distance in metres between two WGS84 points (haversine). */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Parses "lat,lon" as written in an attribute (`near="50.4669,4.8675"`).
 * Returns undefined for anything that is not two numbers on the Earth.
 */
export function parseLatLon(value: string | null | undefined): LatLon | undefined {
  if (!value) return undefined;
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return undefined;
  const [lat, lon] = parts.map(Number);
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return undefined;
  return { lat, lon };
}
