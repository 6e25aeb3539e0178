import type { Lang } from './lang.js';

/**
 * A catalog: every message in every language. Declared as
 * `{ en: {...}, fr: {...}, ... } satisfies Catalog<keyof typeof en>` so the
 * compiler refuses a missing key, and `missingMessages` lets a test say which.
 *
 * Templates use `{name}` placeholders. A key with `_one` / `_other` (and any
 * other Intl.PluralRules category) variants is chosen by the `count` parameter.
 */
export type Catalog<K extends string = string> = Record<Lang, Record<K, string>>;

export type Params = Record<string, string | number>;

type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/**
 * The ids `t()` accepts for catalog keys `K`: each key, and for plural keys
 * (`results_one`, `results_other`) their stem (`results`), chosen by `count`.
 */
export type MessageId<K extends string> = K | (K extends `${infer Stem}_${PluralCategory}` ? Stem : never);

/** The keys of a catalog value (`typeof finderMessages`): those of its English table. */
export type MessageKeys<C> = C extends { en: infer E } ? Extract<keyof E, string> : never;

/**
 * A site's own wording: for some languages, some messages, each replacing the
 * built-in text (same `{placeholders}`).
 */
export type MessageOverrides<K extends string = string> = { [L in Lang]?: { [Key in K]?: string } };

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** Looks `key` up in `catalog` for `lang`, handling plurals by `params.count`. */
export function translate<K extends string>(catalog: Catalog<K>, lang: Lang, key: string, params?: Params, locale: string = lang): string {
  const table = catalog[lang] as Record<string, string>;
  let template = table[key];
  if (template === undefined && params && typeof params.count === 'number') {
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    template = table[`${key}_${rules.select(params.count)}`] ?? table[`${key}_other`];
  }
  return template === undefined ? key : interpolate(template, params);
}

/** Keys present in one language and missing (or empty) in another: `{ fr: ['x'] }`. */
export function missingMessages(catalog: Catalog): Partial<Record<Lang, string[]>> {
  const langs = Object.keys(catalog) as Lang[];
  const all = new Set(langs.flatMap((l) => Object.keys(catalog[l])));
  const out: Partial<Record<Lang, string[]>> = {};
  for (const l of langs) {
    const missing = [...all].filter((k) => !catalog[l][k]?.trim());
    if (missing.length) out[l] = missing;
  }
  return out;
}

/** Placeholders must match across languages: a translation that drops {count} is a bug. */
export function placeholderMismatches(catalog: Catalog): string[] {
  const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const out: string[] = [];
  for (const key of Object.keys(catalog.en)) {
    const ref = names(catalog.en[key]);
    for (const l of Object.keys(catalog) as Lang[]) {
      if (catalog[l][key] !== undefined && names(catalog[l][key]) !== ref) out.push(`${l}.${key}`);
    }
  }
  return out;
}
