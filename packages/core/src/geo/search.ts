/**
 * Folds text for searching: lower case, accents removed, punctuation turned
 * into spaces, so "Réparation" and "reparation" match, and so do
 * "Saint-Gilles" and "saint gilles".
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when every word of the folded query starts a word of, or occurs in, the folded haystack. */
export function matchesQuery(foldedHaystack: string, foldedQuery: string): boolean {
  if (!foldedQuery) return true;
  return foldedQuery.split(' ').every((word) => foldedHaystack.includes(word));
}
