/**
 * Category, material and label cells as people fill them: the id ("shop") or
 * the label in any of the feed's languages ("Boutique de seconde main",
 * "kringwinkel"), in any case, with or without accents. One message per
 * mistake, listing the valid values and the separator.
 */
import { normalizeName } from './gazetteer.js';

export interface Term {
  id: string;
  label?: unknown;
}

export interface Vocabulary {
  /** "categories", "materials", "labels": what the message calls them. */
  kind: string;
  /** normalised id or label → id */
  lookup: Map<string, string>;
  /** "shop (Boutique de seconde main)", for messages. */
  listing: string;
}

const labelsOf = (label: unknown): string[] =>
  typeof label === 'string' ? [label] : label && typeof label === 'object' ? Object.values(label as Record<string, unknown>).filter((v): v is string => typeof v === 'string') : [];

export function vocabulary(kind: string, terms: unknown[] | undefined, lang?: string): Vocabulary {
  const lookup = new Map<string, string>();
  const shown: string[] = [];
  for (const t of terms ?? []) {
    if (!t || typeof t !== 'object' || typeof (t as Term).id !== 'string') continue;
    const { id, label } = t as Term;
    lookup.set(normalizeName(id), id);
    for (const l of labelsOf(label)) if (!lookup.has(normalizeName(l))) lookup.set(normalizeName(l), id);
    const first = typeof label === 'string' ? label : label && typeof label === 'object' ? ((label as Record<string, string>)[lang ?? ''] ?? labelsOf(label)[0]) : undefined;
    shown.push(first && first !== id ? `${id} (${first})` : id);
  }
  return { kind, lookup, listing: shown.join(', ') };
}

export interface Resolved {
  ids: string[];
  /** Values that are neither an id nor a label. */
  unknown: string[];
  /** The cell used "," where the separator is "|" (or ";"), and splitting on it gave known values. */
  commaSplit: boolean;
}

/**
 * Splits a cell on the list separator and maps each value to its id. A cell
 * that holds "shop, repair" (a comma, where the separator is "|") is read as
 * two values when both are known, and said so.
 */
export function resolveList(cell: string | undefined, vocab: Vocabulary, sep: string | RegExp): Resolved {
  const split = (s: string, on: string | RegExp) => [...new Set(s.split(on).map((x) => x.trim()).filter(Boolean))];
  const parts = split(cell ?? '', sep);
  const ids: string[] = [];
  const unknown: string[] = [];
  let commaSplit = false;
  for (const p of parts) {
    const id = vocab.lookup.get(normalizeName(p));
    if (id) {
      if (!ids.includes(id)) ids.push(id);
      continue;
    }
    const sub = p.includes(',') ? split(p, ',') : [];
    const subIds = sub.map((s) => vocab.lookup.get(normalizeName(s)));
    if (sub.length > 1 && subIds.every(Boolean)) {
      commaSplit = true;
      for (const s of subIds) if (!ids.includes(s!)) ids.push(s!);
    } else unknown.push(p);
  }
  return { ids, unknown, commaSplit };
}

const sepName = (sep: string | RegExp) => (typeof sep === 'string' ? `"${sep}"` : '"|"');

/** One sentence for values that are not in the feed's list. */
export function unknownMessage(values: string[], vocab: Vocabulary, sep: string | RegExp, skipped: boolean): string {
  const singular = vocab.kind.replace(/ies$/, 'y').replace(/s$/, '');
  const what = values.length === 1 ? `unknown ${singular} "${values[0]}"` : `unknown ${vocab.kind} ${values.map((v) => `"${v}"`).join(', ')}`;
  const comma = values.some((v) => v.includes(',')) && sepName(sep) !== '","' ? `; to give several, separate them with ${sepName(sep)}, not ","` : `; separate several with ${sepName(sep)}`;
  const valid = vocab.listing ? ` (the ${vocab.kind} are: ${vocab.listing}, by id or by label, in any case)` : ` (the config lists no ${vocab.kind})`;
  return `${what}${valid}${comma}; ${skipped ? 'the row was skipped: it has no other category' : values.length === 1 ? 'it was left out' : 'they were left out'}`;
}
