/**
 * Intl formatters, cached per locale. Output is for people only: the exact
 * characters (narrow no-break spaces in French) depend on the browser's ICU,
 * so nothing in the code parses a formatted string back.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): Intl.DateTimeFormat {
  return cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** "350 m" under 1 km, "2,4 km" (one decimal) above, in the reader's locale. */
export function formatDistance(meters: number, locale: string): string {
  if (meters < 1000) {
    return numberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.round(meters / 10) * 10 || Math.round(meters));
  }
  return numberFormat(locale, { style: 'unit', unit: 'kilometer', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(meters / 1000);
}

/** A date (Date, epoch ms, or ISO string) as "24 novembre 2026". */
export function formatDate(value: Date | number | string, locale: string, options?: Intl.DateTimeFormatOptions): string {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(locale, options).format(d);
}
