/**
 * Opening hours in OpenStreetMap's `opening_hours` syntax, evaluated with the
 * `opening_hours` library. The library is large (≈160 KB gzip with its
 * holidays), so it is imported only when a location's hours are about to be
 * shown; until then, and when a value does not parse, hours are "unknown" —
 * never "closed".
 */
import { dateFormat, type Location } from '@ess-widgets/core';

export interface HoursStatus {
  state: 'open' | 'closed' | 'unknown';
  /** The next change of state (closing time when open, opening time when closed). */
  change?: Date;
}

type OpeningHoursCtor = typeof import('opening_hours').default;
type OpeningHours = InstanceType<OpeningHoursCtor>;

let loading: Promise<OpeningHoursCtor> | undefined;
let ctor: OpeningHoursCtor | undefined;

/** Imports the library once (a separate chunk in the bundle). */
export function loadOpeningHours(): Promise<OpeningHoursCtor> {
  loading ??= import('opening_hours').then((m) => (ctor = m.default));
  return loading;
}

/** True once the library is loaded, so callers can evaluate synchronously. */
export function openingHoursReady(): boolean {
  return ctor !== undefined;
}

// Public holidays depend on the country (and for some, the region); the
// library takes them from a Nominatim-style address.
const STATES: Record<string, string> = { 'BE-WAL': 'Wallonie', 'BE-BRU': 'Bruxelles-Capitale', 'BE-VLG': 'Vlaanderen', 'FR-HDF': 'Hauts-de-France' };
const parsed = new Map<string, OpeningHours | null>();

function parse(value: string, loc: Pick<Location, 'lat' | 'lon' | 'address'>): OpeningHours | null {
  if (!ctor) return null;
  const country = (loc.address?.country ?? loc.address?.region?.slice(0, 2) ?? 'BE').toLowerCase();
  const state = loc.address?.region ? STATES[loc.address.region] : undefined;
  const key = `${country}|${state ?? ''}|${value}`;
  let oh = parsed.get(key);
  if (oh === undefined) {
    const attempts = state ? [{ country_code: country, state }, { country_code: country }] : [{ country_code: country }];
    oh = null;
    for (const address of attempts) {
      try {
        oh = new ctor(value, { lat: loc.lat, lon: loc.lon, address } as never, { mode: 0, tag_key: 'opening_hours', locale: 'en' } as never);
        break;
      } catch {
        /* bad syntax or unknown region: try without the region, then give up (unknown) */
      }
    }
    parsed.set(key, oh);
  }
  return oh;
}

/**
 * The state at `now`. Unknown when the location has no hours, the library is
 * not loaded yet, the value does not parse, or the value itself says unknown.
 */
export function hoursStatus(loc: Pick<Location, 'lat' | 'lon' | 'address' | 'openingHours'>, now: Date = new Date()): HoursStatus {
  if (!loc.openingHours) return { state: 'unknown' };
  // Lists re-render often and share a few schedules: one evaluation per schedule, place and minute.
  const key = `${Math.floor(now.getTime() / 60_000)}|${loc.address?.country ?? ''}|${loc.address?.region ?? ''}|${loc.openingHours}`;
  const hit = statuses.get(key);
  if (hit) return hit;
  const status = evaluate(loc, now);
  if (ctor) {
    if (statuses.size > 500) statuses.clear();
    statuses.set(key, status);
  }
  return status;
}

const statuses = new Map<string, HoursStatus>();

function evaluate(loc: Pick<Location, 'lat' | 'lon' | 'address' | 'openingHours'>, now: Date): HoursStatus {
  const oh = parse(loc.openingHours!, loc);
  if (!oh) return { state: 'unknown' };
  try {
    if (oh.getUnknown(now)) return { state: 'unknown' };
    const change = oh.getNextChange(now) ?? undefined;
    return { state: oh.getState(now) ? 'open' : 'closed', change };
  } catch {
    return { state: 'unknown' };
  }
}

/** The parsed schedule (null when it does not parse or the library is not loaded): for the weekly table. */
export function parseHours(value: string, loc: Pick<Location, 'lat' | 'lon' | 'address'>): OpeningHours | null {
  return parse(value, loc);
}

/** True when the value parses; for the CLI and for warnings. */
export function hoursValid(value: string, loc: Pick<Location, 'lat' | 'lon' | 'address'>): boolean {
  return parse(value, loc) !== null;
}

/**
 * Times as the locale writes them: "09:00" where the day has 24 hours (fr, nl, de, en-GB),
 * "9:00 AM" where it has two halves (en-US), never "06:00 PM".
 */
export function timeFormat(locale: string): Intl.DateTimeFormat {
  const h12 = ['h11', 'h12'].includes(dateFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle ?? '');
  return dateFormat(locale, { hour: h12 ? 'numeric' : '2-digit', minute: '2-digit' });
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * "Open now · closes at 18:00", "Closed now · opens Monday at 10:00",
 * "Opening hours unknown", in the reader's language.
 */
export function describeHours(status: HoursStatus, t: Translate, locale: string, now: Date = new Date()): string {
  if (status.state === 'unknown') return t('hoursUnknown');
  const time = (d: Date) => timeFormat(locale).format(d);
  if (status.state === 'open') {
    // "24/7" has no next change; a change more than a week away reads as plain "open".
    if (!status.change || status.change.getTime() - now.getTime() > 7 * 864e5) return t('openNow');
    return `${t('openNow')} · ${t('closesAt', { time: time(status.change) })}`;
  }
  if (!status.change) return t('closedNow');
  const day = dateFormat(locale, { weekday: 'long' }).format(status.change);
  return `${t('closedNow')} · ${t('opensAt', { day, time: time(status.change) })}`;
}
