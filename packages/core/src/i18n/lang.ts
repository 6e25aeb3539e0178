/** The languages every message exists in. Belgium needs fr, nl and de; en for everyone else. */
export const LANGUAGES = ['fr', 'nl', 'de', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The supported language for a BCP 47 tag (fr-BE → fr), or undefined. */
export function supportedLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Lang) : undefined;
}

/**
 * The language tag in force for an element: its own `lang`, then the closest
 * ancestor with one (crossing shadow roots), then the document's. Returns the
 * full tag (e.g. "fr-BE") or '' when none is set.
 */
export function inheritedLangTag(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return '';
}

/**
 * Resolves the language: the element's inherited tag when supported, then the
 * feed's languages in order, then English. Also returns the locale for Intl:
 * the full tag when it was supported (fr-BE), else the bare language.
 */
export function resolveLang(tag: string, feedLanguages: readonly string[] = []): { lang: Lang; locale: string } {
  const own = supportedLang(tag);
  if (own) return { lang: own, locale: tag.includes('-') ? tag : own };
  for (const l of feedLanguages) {
    const s = supportedLang(l);
    if (s) return { lang: s, locale: l };
  }
  return { lang: 'en', locale: 'en' };
}
