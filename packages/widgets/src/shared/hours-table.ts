/**
 * A location's week in words: for each of the next seven days, its opening
 * times, "open 24 hours", "closed", or "closed (public holiday)", in the
 * reader's language and time convention. Computed from the OSM
 * `opening_hours` value with the library (loaded by the caller), so public
 * holidays of the location's country and region are those of the calendar.
 * The raw value is never shown.
 */
import { dateFormat, type Location } from '@ess-widgets/core';
import { parseHours, timeFormat } from './hours.js';

export interface DaySchedule {
  date: Date;
  /** Weekday in the reader's language: "lundi", "Montag". */
  weekday: string;
  today: boolean;
  /** Open the whole day. */
  allDay: boolean;
  /** Opening times as the reader reads them: "10:00 – 12:30", with the publisher's comment if any. */
  times: string[];
  /** Closed because of a public holiday the schedule closes on. */
  holiday: boolean;
  /** The schedule says the day's hours are unknown (and gives no times). */
  unknown: boolean;
}

export interface WeekSchedule {
  /** Monday first (Sunday first where the locale's week starts then is not asked of us: Belgium and France start on Monday). */
  days: DaySchedule[];
  /** Every day open around the clock ("24/7"). */
  always: boolean;
  /** The schedule closes on public holidays (`PH off`). */
  closedOnHolidays: boolean;
}

type Loc = Pick<Location, 'lat' | 'lon' | 'address' | 'openingHours'>;

/** The rules of a schedule without those about public holidays: what a day would be on a working day. */
function withoutHolidays(value: string): string | undefined {
  const rules = value.split(';').map((r) => r.trim()).filter(Boolean);
  const kept = rules.filter((r) => !/\bPH\b/.test(r));
  return kept.length && kept.length < rules.length ? kept.join('; ') : undefined;
}

/** The seven days from today, or undefined when the hours are unknown, do not parse, or the library is not loaded. */
export function weekSchedule(loc: Loc, locale: string, now: Date = new Date()): WeekSchedule | undefined {
  const value = loc.openingHours;
  if (!value) return undefined;
  const oh = parseHours(value, loc);
  if (!oh) return undefined;
  const plain = withoutHolidays(value);
  const ohPlain = plain ? parseHours(plain, loc) : null;
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7);
  let intervals: [Date, Date, boolean, string | undefined][];
  let plainIntervals: [Date, Date, boolean, string | undefined][] = [];
  try {
    intervals = oh.getOpenIntervals(start, end) as never;
    if (ohPlain) plainIntervals = ohPlain.getOpenIntervals(start, end) as never;
  } catch {
    return undefined;
  }
  const time = timeFormat(locale);
  const weekday = dateFormat(locale, { weekday: 'long' });
  const days: DaySchedule[] = [];
  for (let i = 0; i < 7; i++) {
    const from = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i);
    const to = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i + 1);
    const within = (list: typeof intervals) => list.filter(([a]) => a >= from && a < to);
    const allDay = intervals.some(([a, b, u]) => !u && a <= from && b >= to);
    const mine = within(intervals);
    const unknown = !allDay && mine.length > 0 && mine.every(([a, b, u, c]) => u && !c && a <= from && b >= to);
    const times = allDay || unknown ? [] : mine.map(([a, b, , c]) => `${time.format(a)} – ${time.format(b)}${c ? ` (${c})` : ''}`);
    // Closed this day, but open on an ordinary one: a public holiday.
    const holiday = !allDay && !mine.length && within(plainIntervals).length > 0;
    const name = weekday.format(from);
    // A row heading starts with a capital in every language ("lundi" → "Lundi").
    days.push({ date: from, weekday: name.charAt(0).toLocaleUpperCase(locale) + name.slice(1), today: i === 0, allDay, times, holiday, unknown });
  }
  days.sort((a, b) => ((a.date.getDay() + 6) % 7) - ((b.date.getDay() + 6) % 7));
  return { days, always: days.every((d) => d.allDay), closedOnHolidays: /\bPH\s+off\b/.test(value) };
}
