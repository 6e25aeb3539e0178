import type { Text } from './types.js';

/**
 * Picks the string for `lang` from a translatable text: the exact tag, then its
 * primary subtag (fr-BE → fr), then each fallback language in order, then the
 * first string given. Never returns undefined for a valid Text.
 */
export function resolveText(text: Text | undefined, lang: string, fallbacks: readonly string[] = []): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const primary = lang.split('-')[0];
  for (const tag of [lang, primary, ...fallbacks]) {
    const hit = text[tag] ?? text[tag.split('-')[0]];
    if (hit !== undefined) return hit;
  }
  for (const key of Object.keys(text)) if (key.split('-')[0] === primary) return text[key];
  return Object.values(text)[0] ?? '';
}
