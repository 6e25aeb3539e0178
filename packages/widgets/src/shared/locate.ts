/**
 * The visitor's position, asked only when they press "use my location".
 * Each way it can fail has its own reason, so the element can say what to do.
 */
export type LocateFailure = 'insecure' | 'unsupported' | 'denied' | 'unavailable';

export class LocateError extends Error {
  constructor(readonly reason: LocateFailure) {
    super(`Geolocation ${reason}`);
  }
}

export type GeolocationLike = Pick<Geolocation, 'getCurrentPosition'>;

export function locateVisitor(geolocation: GeolocationLike | undefined, timeout = 15_000): Promise<{ lat: number; lon: number }> {
  // Browsers only share a position with secure pages (https or localhost).
  if (!globalThis.isSecureContext) return Promise.reject(new LocateError('insecure'));
  if (!geolocation) return Promise.reject(new LocateError('unsupported'));
  return new Promise((resolve, reject) => {
    geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      (e) => reject(new LocateError(e.code === 1 ? 'denied' : 'unavailable')),
      { enableHighAccuracy: false, maximumAge: 300_000, timeout },
    );
  });
}

/**
 * The visitor's position, or the translated sentence that says why there is
 * none (refused, http page, no geolocation…) and what to do instead.
 */
export async function locateOrExplain(geolocation: GeolocationLike | undefined, t: (key: string) => string): Promise<{ point: { lat: number; lon: number } } | { message: string }> {
  try {
    return { point: await locateVisitor(geolocation) };
  } catch (e) {
    return { message: t(`geo.${e instanceof LocateError ? e.reason : 'unavailable'}`) };
  }
}
