/**
 * Opening hours in OpenStreetMap's `opening_hours` syntax, evaluated with the
 * `opening_hours` library. The library is large (≈160 KB gzip with its
 * holidays), so it is imported only when a location's hours are about to be
 * shown; until then, and when a value does not parse, hours are "unknown" —
 * never "closed". Without the library, a status comes from a table the
 * finder's worker computed (`provideHours`) or, for a plain weekly schedule,
 * from `simpleSchedule` (see hours-week.ts).
 */
import { dateFormat, type Location } from '@ess-widgets/core';
import { compileHours, scheduleCountry, scheduleKey, simpleSchedule, simpleStatus, tableStatus, type HoursStatus, type HoursTable, type SimpleSchedule } from './hours-week.js';

export type { HoursStatus, HoursTable } from './hours-week.js';

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

const parsed = new Map<string, OpeningHours | null>();

function parse(value: string, loc: Pick<Location, 'lat' | 'lon' | 'address'>): OpeningHours | null {
  if (!ctor) return null;
  // Public holidays depend on the country and region: one compiled object per value and place.
  const key = scheduleKey({ ...loc, openingHours: value })!;
  let oh = parsed.get(key);
  if (oh === undefined) parsed.set(key, (oh = compileHours(ctor, value, loc)));
  return oh;
}

/** Tables of open intervals computed elsewhere (the finder's worker), by schedule key. */
const tables = new Map<string, HoursTable>();
const simple = new Map<string, SimpleSchedule | null>();

/** Registers tables of open intervals (from the finder's worker): statuses then need no library here. */
export function provideHours(list: readonly HoursTable[]): void {
  for (const t of list) tables.set(t.key, t);
}

/** A status without the library, when a table covers `now` or the value is a plain weekly schedule. */
function statusWithoutLibrary(loc: Pick<Location, 'address' | 'openingHours'>, now: Date): HoursStatus | undefined {
  const place = { lat: 0, lon: 0, ...loc };
  const key = scheduleKey(place)!;
  let plain = simple.get(key);
  if (plain === undefined) simple.set(key, (plain = simpleSchedule(loc.openingHours!, scheduleCountry(place))));
  if (plain) return simpleStatus(plain, now);
  const t = tables.get(key);
  return t && tableStatus(t, now.getTime());
}

/**
 * True when every value can be said without the opening-hours library (a plain weekly schedule, or a
 * table provided for it): a caller then needs not download it.
 */
export function hoursKnownWithoutLibrary(locs: readonly Pick<Location, 'address' | 'openingHours'>[], now: Date = new Date()): boolean {
  return locs.every((l) => !l.openingHours || statusWithoutLibrary(l, now) !== undefined);
}

/**
 * The state at `now`. Unknown when the location has no hours, the library is
 * not loaded yet, the value does not parse, or the value itself says unknown.
 */
export function hoursStatus(loc: Pick<Location, 'lat' | 'lon' | 'address' | 'openingHours'>, now: Date = new Date()): HoursStatus {
  if (!loc.openingHours) return { state: 'unknown' };
  const known = statusWithoutLibrary(loc, now);
  if (known) return known;
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
