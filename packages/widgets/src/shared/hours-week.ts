/**
 * Opening hours as compact tables of open intervals, so that "open now" and
 * "closes at 18:00" can be answered by a binary search instead of the
 * `opening_hours` library. The shop finder's worker compiles each distinct
 * schedule once with the library and sends the main thread these tables (a
 * few numbers each); the main thread then never loads nor runs the library
 * for the list. Simple weekly schedules ("24/7", "Mo-Fr 09:00-18:00; Sa 10:00-13:00;
 * PH off" in Belgium or France) are read here without the library at
 * all (`simpleSchedule`). No DOM and no import: safe in a worker.
 */

export interface HoursStatus {
  state: 'open' | 'closed' | 'unknown';
  /** The next change of state (closing time when open, opening time when closed). */
  change?: Date;
}

/**
 * One schedule (for one country and region) between `from` and `to`, in minutes since the epoch:
 * `spans` holds [start, end, unknown] triples, sorted, each an interval where the place is open
 * (unknown = 1: the schedule says "unknown" there). Outside the spans it is closed. `invalid`: the
 * value does not parse; the state is then unknown.
 */
export interface HoursTable {
  key: string;
  from: number;
  to: number;
  spans: number[];
  invalid?: true;
}

/** Holidays depend on the country (and for some, the region); the library takes them from a Nominatim-style address. */
const STATES: Record<string, string> = { 'BE-WAL': 'Wallonie', 'BE-BRU': 'Bruxelles-Capitale', 'BE-VLG': 'Vlaanderen', 'FR-HDF': 'Hauts-de-France' };

export interface HoursPlace {
  lat: number;
  lon: number;
  address?: { country?: string; region?: string };
}

/** Locations sharing hours, country and region are open or closed together: one key per such schedule. */
export function scheduleKey(loc: HoursPlace & { openingHours?: string }): string | undefined {
  return loc.openingHours ? `${loc.address?.country ?? ''}|${loc.address?.region ?? ''}|${loc.openingHours}` : undefined;
}

interface Compiled {
  getOpenIntervals(from: Date, to: Date): [Date, Date, boolean, string | undefined][];
}

/** The library's object for a value at a place, or null when it does not parse (with the region, else without). */
export function compileHours<T extends Compiled>(ctor: new (value: string, nominatim: never, options: never) => T, value: string, loc: HoursPlace): T | null {
  const country = scheduleCountry(loc).toLowerCase();
  const state = loc.address?.region ? STATES[loc.address.region] : undefined;
  const attempts = state ? [{ country_code: country, state }, { country_code: country }] : [{ country_code: country }];
  for (const address of attempts) {
    try {
      return new ctor(value, { lat: loc.lat, lon: loc.lon, address } as never, { mode: 0, tag_key: 'opening_hours', locale: 'en' } as never);
    } catch {
      /* bad syntax or unknown region: try without the region, then give up (unknown) */
    }
  }
  return null;
}

const MINUTE = 60_000;
/** Tables cover from the start of the previous day to 8 days ahead: a "next change" up to a week away is known. */
export const TABLE_DAYS = 8;

export function tableWindow(now: number): { from: number; to: number } {
  const from = Math.floor(now / MINUTE) - 24 * 60;
  return { from, to: from + (TABLE_DAYS + 1) * 24 * 60 };
}

/** The table of a compiled schedule over the window around `now`. */
export function weekTable(key: string, oh: Compiled | null, now: number): HoursTable {
  const { from, to } = tableWindow(now);
  if (!oh) return { key, from, to, spans: [], invalid: true };
  try {
    const spans: number[] = [];
    for (const [a, b, unknown] of oh.getOpenIntervals(new Date(from * MINUTE), new Date(to * MINUTE))) spans.push(Math.round(a.getTime() / MINUTE), Math.round(b.getTime() / MINUTE), unknown ? 1 : 0);
    return { key, from, to, spans };
  } catch {
    return { key, from, to, spans: [], invalid: true };
  }
}

/**
 * The state at `now` from a table, or undefined when `now` is outside the window the table covers
 * (a new table is then needed). A span reaching the window's end has no known change.
 */
export function tableStatus(t: HoursTable, now: number): HoursStatus | undefined {
  const m = now / MINUTE;
  if (m < t.from || m >= t.to - 24 * 60 * (TABLE_DAYS - 7)) return t.invalid ? { state: 'unknown' } : undefined;
  if (t.invalid) return { state: 'unknown' };
  const s = t.spans;
  // The last span starting at or before now.
  let lo = 0;
  let hi = s.length / 3 - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid * 3] <= m) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (at >= 0 && m < s[at * 3 + 1]) {
    if (s[at * 3 + 2]) return { state: 'unknown' };
    // Touching spans (e.g. 24/7 cut at midnight) are one opening.
    let end = s[at * 3 + 1];
    for (let k = at + 1; k * 3 < s.length && s[k * 3] === end && !s[k * 3 + 2]; k++) end = s[k * 3 + 1];
    return { state: 'open', change: end >= t.to ? undefined : new Date(end * MINUTE) };
  }
  const next = at + 1;
  return { state: 'closed', change: next * 3 < s.length ? new Date(s[next * 3] * MINUTE) : undefined };
}

/** Whether a table says open at `now` (false when closed or unknown, or outside its window). */
export function openAt(t: HoursTable, now: number): boolean {
  return tableStatus(t, now)?.state === 'open';
}

// ---------- simple schedules, read without the library ----------

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const DAY_RANGE = /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$/;
const TIME_RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/**
 * National public holidays as the opening_hours library counts them (its data for Belgium and
 * France; the French ones only for some overseas or Alsace-Moselle départements are not among
 * them): fixed [month, day] dates, and days after Easter Sunday.
 */
const HOLIDAYS: Record<string, { fixed: [number, number][]; easter: number[] }> = {
  BE: { fixed: [[1, 1], [5, 1], [7, 21], [8, 15], [11, 1], [11, 11], [12, 25]], easter: [1, 39, 50] },
  FR: { fixed: [[1, 1], [5, 1], [5, 8], [7, 14], [8, 15], [11, 1], [11, 11], [12, 25]], easter: [1, 39, 50] },
};

/** Easter Sunday of a year (Gregorian calendar; the anonymous "Meeus/Jones/Butcher" computus). */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((8 * b + 13) / 25)) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month, ((h + l - 7 * m + 114) % 31) + 1];
}

const holidayCache = new Map<string, Set<string>>();
/** Whether a local date is a public holiday in a country of HOLIDAYS. */
export function isPublicHoliday(d: Date, country: string): boolean {
  const y = d.getFullYear();
  const cacheKey = `${country}${y}`;
  let set = holidayCache.get(cacheKey);
  if (!set) {
    const h = HOLIDAYS[country];
    const [em, ed] = easter(y);
    set = new Set([...h.fixed.map(([m, day]) => `${m}-${day}`), ...h.easter.map((n) => {
      const x = new Date(y, em - 1, ed + n);
      return `${x.getMonth() + 1}-${x.getDate()}`;
    })]);
    holidayCache.set(cacheKey, set);
  }
  return set.has(`${d.getMonth() + 1}-${d.getDate()}`);
}

/** A week of opening minutes (per weekday, Monday first: [start, end] pairs in minutes of the day), closed on public holidays of `holidays` when set. */
export interface SimpleSchedule {
  week: number[][];
  holidays?: string;
}

/**
 * A schedule in the plain subset of the syntax — "24/7", or rules "Mo-Fr,Su 09:00-12:00,13:00-18:00"
 * and "Sa off" separated by "; ", a later rule replacing the days it names, and optionally a last rule
 * "PH off" for a place in Belgium or France — else null (months, weeks, school holidays, times past
 * midnight, comments…: the library's job). For such values the library gives the same answers (see
 * hours-week.node.test.ts): nothing in them depends on the date beyond the weekday and the holidays.
 * `country` is the location's ISO code (as for the library: the address's country, else its region's).
 */
export function simpleSchedule(value: string, country = 'BE'): SimpleSchedule | null {
  const v = value.trim();
  if (v === '24/7') return { week: DAYS.map(() => [0, 24 * 60]) };
  const week: number[][] = DAYS.map(() => []);
  const rules = v.split(/\s*;\s*/);
  let holidays: string | undefined;
  if (/^PH (off|closed)$/.test(rules[rules.length - 1])) {
    const c = country.toUpperCase();
    if (!HOLIDAYS[c]) return null;
    holidays = c;
    rules.pop();
  }
  if (!rules.length) return null;
  for (const rule of rules) {
    const m = /^([A-Za-z,-]+) (.+)$/.exec(rule);
    if (!m) return null;
    const days = new Set<number>();
    for (const part of m[1].split(',')) {
      const d = DAY_RANGE.exec(part);
      if (!d) return null;
      const a = DAYS.indexOf(d[1]);
      const b = d[2] ? DAYS.indexOf(d[2]) : a;
      for (let i = a; ; i = (i + 1) % 7) {
        days.add(i);
        if (i === b) break;
      }
    }
    const times: number[] = [];
    if (m[2] !== 'off' && m[2] !== 'closed') {
      for (const part of m[2].split(',')) {
        const t = TIME_RANGE.exec(part.trim());
        if (!t) return null;
        const start = Number(t[1]) * 60 + Number(t[2]);
        const end = Number(t[3]) * 60 + Number(t[4]);
        if (end <= start) return null;
        // Sorted and apart: anything else is left to the library.
        if (times.length && start <= times[times.length - 1]) return null;
        times.push(start, end);
      }
    }
    for (const d of days) week[d] = times;
  }
  return holidays ? { week, holidays } : { week };
}

/** The country a schedule's holidays are those of, as the library takes it. */
export function scheduleCountry(loc: HoursPlace): string {
  return (loc.address?.country ?? loc.address?.region?.slice(0, 2) ?? 'BE').toUpperCase();
}

/** The state at `now` (in the browser's time zone, as the library counts) of a schedule from `simpleSchedule`. */
export function simpleStatus(s: SimpleSchedule, now: Date): HoursStatus {
  const day = (offset: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  const timesOf = (offset: number) => {
    const d = day(offset);
    return s.holidays && isPublicHoliday(d, s.holidays) ? [] : s.week[(d.getDay() + 6) % 7];
  };
  const at = (offset: number, minute: number) => {
    const d = day(offset);
    d.setHours(Math.floor(minute / 60), minute % 60, 0, 0);
    return d;
  };
  const m = now.getHours() * 60 + now.getMinutes();
  const today = timesOf(0);
  for (let i = 0; i < today.length; i += 2) {
    if (m >= today[i] && m < today[i + 1]) {
      // Open: until this opening ends, across midnights (a day open until 24:00 going on at 00:00).
      let offset = 0;
      let end = today[i + 1];
      while (end === 24 * 60 && offset < 8) {
        const next = timesOf(offset + 1);
        if (next[0] !== 0) break;
        offset++;
        end = next[1];
      }
      if (offset >= 8) return { state: 'open' };
      return { state: 'open', change: end === 24 * 60 ? at(offset + 1, 0) : at(offset, end) };
    }
  }
  // Closed: the next start, today or in the next three weeks (a weekly day falling on Christmas and on New Year's Day).
  for (let offset = 0; offset <= 22; offset++) {
    const list = timesOf(offset);
    for (let i = 0; i < list.length; i += 2) if (offset > 0 || list[i] > m) return { state: 'closed', change: at(offset, list[i]) };
  }
  return { state: 'closed' };
}
