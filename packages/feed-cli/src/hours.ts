/**
 * Opening hours checked with the grammar the widgets use (the `opening_hours`
 * library), and the ways people type them in a spreadsheet — "du mardi au
 * samedi de 10h à 18h", "Ma-Sa 10u-17u", "Mo-Fr 9-17 Uhr" — turned into the
 * OpenStreetMap value they mean ("Tu-Sa 10:00-18:00"). A suggestion is only
 * made when every word is understood and the result parses; otherwise none.
 */
import OpeningHours from 'opening_hours';

type Day = 'Mo' | 'Tu' | 'We' | 'Th' | 'Fr' | 'Sa' | 'Su';
type Lang = 'fr' | 'nl' | 'de' | 'en';

const DAYS: Record<Lang, Record<string, Day>> = {
  fr: {
    lundi: 'Mo', lun: 'Mo', lu: 'Mo', mardi: 'Tu', mar: 'Tu', ma: 'Tu', mercredi: 'We', mer: 'We', me: 'We',
    jeudi: 'Th', jeu: 'Th', je: 'Th', vendredi: 'Fr', ven: 'Fr', ve: 'Fr', samedi: 'Sa', sam: 'Sa', sa: 'Sa',
    dimanche: 'Su', dim: 'Su', di: 'Su',
  },
  nl: {
    maandag: 'Mo', maa: 'Mo', ma: 'Mo', dinsdag: 'Tu', din: 'Tu', di: 'Tu', woensdag: 'We', woe: 'We', wo: 'We',
    donderdag: 'Th', don: 'Th', do: 'Th', vrijdag: 'Fr', vrij: 'Fr', vr: 'Fr', zaterdag: 'Sa', zat: 'Sa', za: 'Sa',
    zondag: 'Su', zon: 'Su', zo: 'Su',
  },
  de: {
    montag: 'Mo', mo: 'Mo', dienstag: 'Tu', di: 'Tu', mittwoch: 'We', mi: 'We', donnerstag: 'Th', do: 'Th',
    freitag: 'Fr', fr: 'Fr', samstag: 'Sa', sonnabend: 'Sa', sa: 'Sa', sonntag: 'Su', so: 'Su',
  },
  en: {
    monday: 'Mo', mon: 'Mo', mo: 'Mo', tuesday: 'Tu', tue: 'Tu', tu: 'Tu', wednesday: 'We', wed: 'We', we: 'We',
    thursday: 'Th', thu: 'Th', th: 'Th', friday: 'Fr', fri: 'Fr', fr: 'Fr', saturday: 'Sa', sat: 'Sa', sa: 'Sa',
    sunday: 'Su', sun: 'Su', su: 'Su',
  },
};
/** Words that say which language a value is in, when its day names fit several. */
const HINTS: Record<Lang, string[]> = {
  fr: ['du', 'au', 'de', 'a', 'et', 'h', 'ferme', 'le', 'les'],
  nl: ['van', 'tot', 'en', 'u', 'uur', 'gesloten', 'tm'],
  de: ['von', 'bis', 'und', 'uhr', 'geschlossen'],
  en: ['from', 'to', 'and', 'closed'],
};
const RANGE = new Set(['-', 'au', 'a', 'tot', 'tm', 'bis', 'to', 'through', 'till', 'until', 'jusqu', 'jusque']);
const LIST = new Set([',', '/', '+', '&', 'et', 'en', 'und', 'and']);
const OFF = new Set(['ferme', 'fermee', 'fermes', 'fermeture', 'gesloten', 'dicht', 'geschlossen', 'zu', 'closed', 'off']);
const FILLER = new Set([
  'du', 'de', 'le', 'les', 'la', 'des', 'van', 'von', 'vom', 'from', 'open', 'ouvert', 'ouverte', 'geopend', 'geoffnet', 'offen',
  'uur', 'uhr', 'heures', 'heure', 'h', 'u', 'chaque', 'tous', 'elke', 'iedere', 'jeden', 'jede', 'every', 'each', 'on', 'the', 'op',
  'mois', 'maand', 'monat', 'month', 'of', 'im', 'in', 'van de', 'der', 'des', 'et', 'also', 'aussi', 'ook', 'auch', 'am', 'le matin',
]);
const DAY_SETS: Record<string, string> = {
  jours: 'Mo-Su', dagelijks: 'Mo-Su', taglich: 'Mo-Su', daily: 'Mo-Su', everyday: 'Mo-Su',
  weekend: 'Sa-Su', semaine: 'Mo-Fr', werkdagen: 'Mo-Fr', weekdagen: 'Mo-Fr', werktags: 'Mo-Fr', weekdays: 'Mo-Fr',
};
const ORDINAL: Record<string, number> = {
  premier: 1, premiere: 1, '1er': 1, '1re': 1, '1e': 1, '1ste': 1, '1st': 1, '1': 1, eerste: 1, ersten: 1, erster: 1, erste: 1, first: 1,
  deuxieme: 2, second: 2, seconde: 2, '2e': 2, '2eme': 2, '2de': 2, '2nd': 2, tweede: 2, zweiten: 2, zweite: 2,
  troisieme: 3, '3e': 3, '3eme': 3, '3de': 3, '3rd': 3, derde: 3, dritten: 3, dritte: 3, third: 3,
  quatrieme: 4, '4e': 4, '4eme': 4, '4de': 4, '4th': 4, vierde: 4, vierten: 4, vierte: 4, fourth: 4,
  dernier: -1, derniere: -1, laatste: -1, letzten: -1, letzte: -1, last: -1,
};
const ORDER: Day[] = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function tokens(value: string): string[] {
  const out: string[] = [];
  const re = /(\d{1,2})\s*(?:h|u|:|\.)\s*(\d{2})|(\d{1,2})\s*(?:h|u|uur|uhr)\b|(\d)(?:er|re|e|eme|ste|de|st|nd|rd|th)\b|(\d{1,2})|midi|minuit|middag|mittag|noon|[a-z]+|[-–—,;/+&\n]/g;
  const text = fold(value).replace(/\bt\/m\b/g, 'tm').replace(/\bjusqu'/g, 'jusqu ').replace(/7\s*j\s*\/\s*7|7\s*\/\s*7/g, 'jours').replace(/week-?end/g, 'weekend');
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push(`@${m[1].padStart(2, '0')}:${m[2]}`);
    else if (m[3] !== undefined) out.push(`@${m[3].padStart(2, '0')}:00`);
    else if (m[4] !== undefined) out.push(`${m[4]}e`);
    else if (m[5] !== undefined) out.push(`#${m[5]}`);
    else if (['midi', 'middag', 'mittag', 'noon'].includes(m[0])) out.push('@12:00');
    else if (m[0] === 'minuit') out.push('@24:00');
    else out.push(m[0] === '–' || m[0] === '—' ? '-' : m[0]);
  }
  return out;
}

interface Group {
  days: string[];
  times: string[];
  off: boolean;
}

/** The OSM value a free-form text means, or undefined when some word is not understood. */
export function suggestHours(value: string): string | undefined {
  const toks = tokens(value);
  const dayWords = toks.filter((t) => Object.values(DAYS).some((d) => t in d));
  const langs = (['fr', 'nl', 'de', 'en'] as Lang[]).filter((l) => dayWords.every((t) => t in DAYS[l]));
  if (!langs.length) return undefined;
  const hinted = langs.map((l) => [l, toks.filter((t) => HINTS[l].includes(t)).length] as const).sort((a, b) => b[1] - a[1]);
  const lang = hinted[0][0];
  const dict = DAYS[lang];

  const groups: Group[] = [];
  let g: Group = { days: [], times: [], off: false };
  let pendingDayRange = false;
  let pendingTime: string | undefined;
  let pendingTimeRange = false;
  let nth: number | undefined;
  const flush = () => {
    if (g.days.length || g.times.length || g.off) groups.push(g);
    g = { days: [], times: [], off: false };
  };
  const bareHour = (t: string) => (t.startsWith('#') ? `@${t.slice(1).padStart(2, '0')}:00` : t);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const next = toks[i + 1];
    if (t in dict) {
      if (g.times.length || (g.off && g.days.length && !pendingDayRange && !LIST.has(toks[i - 1] ?? ''))) flush();
      const day = dict[t];
      const spec = nth !== undefined ? `${day}[${nth}]` : day;
      nth = undefined;
      if (pendingDayRange && g.days.length) {
        const from = g.days.pop()!;
        if (from.includes('[')) return undefined;
        g.days.push(`${from}-${day}`);
        pendingDayRange = false;
      } else g.days.push(spec);
      continue;
    }
    if (t in ORDINAL && next && next in dict) {
      nth = ORDINAL[t];
      continue;
    }
    if (t in DAY_SETS) {
      if (g.times.length || (g.off && g.days.length)) flush();
      g.days.push(DAY_SETS[t]);
      continue;
    }
    // A bare number is an hour when a time range is being read ("9-17 Uhr", "de 9 à 12h").
    const isTime = t.startsWith('@') || (t.startsWith('#') && (pendingTimeRange || (next !== undefined && (RANGE.has(next) || next === 'h' || next === 'u'))));
    if (isTime) {
      const time = bareHour(t);
      if (pendingTimeRange && pendingTime) {
        g.times.push(`${pendingTime.slice(1)}-${time.slice(1)}`);
        pendingTime = undefined;
        pendingTimeRange = false;
      } else if (pendingTime) return undefined;
      else pendingTime = time;
      continue;
    }
    if (RANGE.has(t)) {
      if (pendingTime) pendingTimeRange = true;
      else if (g.days.length && !g.times.length) pendingDayRange = true;
      else if (t !== 'a' && t !== 'au') return undefined;
      continue;
    }
    if (OFF.has(t)) {
      // "Su off", or "fermé le dimanche": the days before, or the days that follow.
      if (g.times.length || pendingTime) flush();
      g.off = true;
      continue;
    }
    if (t === ';' || t === '\n') {
      if (pendingTime) return undefined;
      flush();
      continue;
    }
    if (LIST.has(t) || FILLER.has(t)) continue;
    return undefined;
  }
  if (pendingTime || pendingDayRange) return undefined;
  flush();
  if (!groups.length || groups.some((x) => !x.days.length || (!x.times.length && !x.off))) return undefined;
  const text = groups.map((x) => `${x.days.join(',')} ${x.off ? 'off' : x.times.join(',')}`).join('; ');
  return parses(text) ? text : undefined;
}

/** Whether the widgets' grammar reads a value (the same library and mode as the finder). */
export function parses(value: string): boolean {
  try {
    new OpeningHours(value, { lat: 50.5, lon: 4.5, address: { country_code: 'be', state: '' } } as never, { mode: 0, tag_key: 'opening_hours', locale: 'en' } as never);
    return true;
  } catch {
    return false;
  }
}

export interface HoursCheck {
  /** Written in OpenStreetMap's syntax: the widgets read it as it is. */
  ok: boolean;
  /** Not written in the syntax, but the widgets' library guesses a reading: this one. */
  readAs?: string;
  /** The OSM value it probably means. */
  suggestion?: string;
}

function reading(value: string): { parsed: boolean; warnings: number; pretty?: string } {
  try {
    const oh = new OpeningHours(value, { lat: 50.5, lon: 4.5, address: { country_code: 'be', state: '' } } as never, { mode: 0, tag_key: 'opening_hours', locale: 'en' } as never);
    return { parsed: true, warnings: oh.getWarnings().length, pretty: oh.prettifyValue() };
  } catch {
    return { parsed: false, warnings: 0 };
  }
}

/**
 * A value in OpenStreetMap's syntax is ok. Otherwise: what the widgets' library
 * makes of it, if anything (it guesses at some free forms, not always rightly:
 * "sur rendez-vous" becomes a comment, shown as closed), and the OSM value it
 * probably means — this module's reading first, else the library's.
 */
export function checkHours(value: string): HoursCheck {
  const r = reading(value);
  if (r.parsed && !r.warnings) return { ok: true };
  const mine = suggestHours(value);
  const libraryGuess = r.parsed && r.pretty && !r.pretty.startsWith('"') && r.pretty !== value ? r.pretty : undefined;
  return { ok: false, ...(r.parsed && r.pretty ? { readAs: r.pretty } : {}), ...(mine ?? libraryGuess ? { suggestion: mine ?? libraryGuess } : {}) };
}

export { ORDER as WEEK };
