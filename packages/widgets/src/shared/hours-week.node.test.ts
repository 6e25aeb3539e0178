import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpeningHours from 'opening_hours';
import { compileHours, isPublicHoliday, scheduleCountry, simpleSchedule, simpleStatus, tableStatus, weekTable, type HoursPlace } from './hours-week.js';

// The sample generator's schedules, and edge cases of the subset read without the library.
const VALUES = [
  'Tu-Sa 10:00-18:00; PH off',
  'Mo-Fr 09:30-17:30; Sa 10:00-17:00; PH off',
  'We,Sa 10:00-17:00; PH off',
  'Tu-Fr 10:00-12:30,13:30-18:00; Sa 10:00-17:00; PH off',
  'Sa 09:30-12:30',
  'Th 10:00-12:00; PH off',
  '24/7',
  'Mo-Su 00:00-24:00',
  'Mo-Fr 09:00-24:00; Sa 00:00-12:00',
  'Fr-Mo 10:00-14:00; PH closed',
  'Mo-Fr 08:00-12:00,13:00-17:00; We off; PH off',
  'Mo-Sa 10:00-18:00; Sa 10:00-13:00',
];
const PLACES: HoursPlace[] = [
  { lat: 50.47, lon: 4.87, address: { country: 'BE', region: 'BE-WAL' } },
  { lat: 50.85, lon: 4.35, address: { country: 'BE', region: 'BE-BRU' } },
  { lat: 50.63, lon: 3.06, address: { country: 'FR', region: 'FR-HDF' } },
  { lat: 50.85, lon: 4.35, address: { region: 'BE-VLG' } },
];

const compiled = new Map<string, OpeningHours>();
/** The library's answer, as hours.ts reads it. */
function library(value: string, place: HoursPlace, at: Date) {
  const key = `${JSON.stringify(place)}${value}`;
  let oh = compiled.get(key);
  if (!oh) compiled.set(key, (oh = compileHours(OpeningHours, value, place)!));
  const open = oh.getState(at);
  const change = oh.getNextChange(at);
  return { state: open ? 'open' : 'closed', change: change?.getTime() };
}

function compare(value: string, place: HoursPlace, from: Date, days: number, stepMinutes: number): number {
  const simple = simpleSchedule(value, scheduleCountry(place));
  assert.ok(simple, `${value} is read without the library`);
  let n = 0;
  for (let t = from.getTime(); t < from.getTime() + days * 864e5; t += stepMinutes * 60_000) {
    const at = new Date(t);
    const got = simpleStatus(simple, at);
    const want = library(value, place, at);
    // A change more than a week away reads as no change (describeHours says plain "open"); the library may still give one.
    const wantChange = want.state === 'open' && want.change !== undefined && want.change - t > 8 * 864e5 ? undefined : want.change;
    const gotChange = got.state === 'open' && got.change !== undefined && got.change.getTime() - t > 8 * 864e5 ? undefined : got.change?.getTime();
    assert.deepEqual({ state: got.state, change: gotChange }, { state: want.state, change: wantChange }, `${value} at ${at.toISOString()} in ${JSON.stringify(place.address)}`);
    n++;
  }
  return n;
}

test('plain schedules read without the library say what the library says, holidays included', () => {
  let n = 0;
  for (const value of VALUES) for (const place of PLACES) n += compare(value, place, new Date(2026, 11, 20), 20, 97); // Christmas and New Year
  for (const value of VALUES.slice(0, 4)) for (const place of PLACES) n += compare(value, place, new Date(2027, 2, 20), 80, 331); // Easter to Whit Monday 2027
  assert.ok(n > 5000);
});

test('in a time zone with daylight saving time too (Brussels, the March and October changes)', () => {
  const tz = process.env.TZ;
  process.env.TZ = 'Europe/Brussels';
  try {
    assert.equal(new Date(2026, 6, 1).getTimezoneOffset(), -120, 'the time zone took effect');
    for (const value of VALUES) {
      compare(value, PLACES[0], new Date(2026, 2, 26), 5, 29);
      compare(value, PLACES[2], new Date(2026, 9, 22), 5, 29);
    }
  } finally {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  }
});

test('public holidays: Belgian and French national days, Easter-based ones computed', () => {
  assert.ok(isPublicHoliday(new Date(2026, 6, 21), 'BE'));
  assert.ok(!isPublicHoliday(new Date(2026, 6, 21), 'FR'));
  assert.ok(isPublicHoliday(new Date(2026, 6, 14), 'FR'));
  assert.ok(isPublicHoliday(new Date(2026, 3, 6), 'BE'), 'Easter Monday 2026 is 6 April');
  assert.ok(isPublicHoliday(new Date(2027, 2, 29), 'FR'), 'Easter Monday 2027 is 29 March');
  assert.ok(isPublicHoliday(new Date(2027, 4, 6), 'BE'), 'Ascension 2027 is 6 May');
  assert.ok(!isPublicHoliday(new Date(2027, 4, 7), 'BE'));
});

test('anything beyond the plain subset is left to the library', () => {
  for (const v of ['Mo-Fr 09:00-18:00; PH 10:00-12:00', 'PH off; Mo-Fr 09:00-18:00', 'Jan-Mar Mo 10:00-12:00', 'Mo 22:00-02:00', 'Mo 10:00-12:00 "by appointment"', 'SH off', 'Mo 10:00-12:00,11:00-13:00', 'whenever', 'off', 'Mo-Fr 09:00-18:00; week 1-10 off']) {
    assert.equal(simpleSchedule(v, 'BE'), null, v);
  }
  assert.equal(simpleSchedule('Mo-Fr 09:00-18:00; PH off', 'DE'), null, 'holidays of a country not listed here');
  assert.ok(simpleSchedule('Mo-Fr 09:00-18:00', 'DE'), 'no holidays involved: any country');
});

test('tables of open intervals from the library answer as the library does', () => {
  const place = PLACES[1];
  const value = 'Mo-Fr 09:00-12:00,13:00-17:00; Su[1] 10:00-12:00; PH off';
  assert.equal(simpleSchedule(value, 'BE'), null, 'a value the library must read');
  const oh = compileHours(OpeningHours, value, place);
  const now = new Date(2026, 11, 23, 8, 0).getTime();
  const table = weekTable('k', oh, now);
  for (let t = now; t < now + 6 * 864e5; t += 37 * 60_000) {
    const want = library(value, place, new Date(t));
    const got = tableStatus(table, t)!;
    assert.equal(got.state, want.state, new Date(t).toString());
    if (want.change !== undefined && want.change < table.to * 60_000) assert.equal(got.change?.getTime(), want.change, new Date(t).toString());
  }
  assert.equal(tableStatus(table, now + 8 * 864e5), undefined, 'outside its window: a new table is needed');
  assert.deepEqual(tableStatus(weekTable('bad', null, now), now), { state: 'unknown' });
});
