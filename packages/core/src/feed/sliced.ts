/**
 * Parsing and validating a large document on the page's main thread without
 * a long task. JSON.parse cannot be paused, so the text is first scanned (in
 * slices) for the one big list, the locations; the rest of the document is
 * parsed at once (it is small), and the list in chunks of a few thousand
 * records, each chunk validated before the next, the browser free between
 * them. The result is the same as `validateFeed(JSON.parse(text))`; when the
 * text is not what the scanner expects, it falls back to exactly that.
 * The loader imports this module dynamically, only for a document of at
 * least SLICE_ABOVE characters (yield.ts).
 */
import type { Feed, Location, Problem } from './types.js';
import { SLICE_ABOVE, yieldToPage } from './yield.js';
import { feedIds, validateCollectionWith, validateFeedWith, type FeedIds, type ValidateOptions, type Validated } from './validate-core.js';
import { bulkAdvice, placeChecks } from './validate-places.js';

// The public validator (validate.ts) is validate-core.ts with these checks; imported apart, so that
// this lazy chunk does not pull validate.ts into the code every page loads.
const validateFeed = (raw: unknown, options: ValidateOptions): Validated<Feed> => validateFeedWith(raw, options, placeChecks);
const validateCollection = (name: 'locations', raw: unknown, options: ValidateOptions & { ids: FeedIds; bulk?: boolean }): Validated<Location[]> =>
  validateCollectionWith(name, raw, options, placeChecks) as Validated<Location[]>;

export { SLICE_ABOVE, yieldToPage };

const CHUNK = 2000;
const SCAN_SLICE = 2_000_000;

/** Decodes UTF-8 bytes in slices. */
export async function decodeSliced(bytes: ArrayBuffer): Promise<string> {
  if (bytes.byteLength <= SCAN_SLICE * 2) return new TextDecoder().decode(bytes);
  const d = new TextDecoder();
  const view = new Uint8Array(bytes);
  const parts: string[] = [];
  for (let at = 0; at < view.length; at += SCAN_SLICE * 2) {
    parts.push(d.decode(view.subarray(at, at + SCAN_SLICE * 2), { stream: at + SCAN_SLICE * 2 < view.length }));
    await yieldToPage();
  }
  return parts.join('');
}

interface Span {
  /** Index of the list's "[" and "]". */
  open: number;
  close: number;
  /** [start, end) of each element's text. */
  items: [number, number][];
  /** The JSON path of the list: "$.locations", "$.locations.features", "$.features" or "$". */
  path: string;
}

/**
 * Finds the list of locations in `text`: under the top-level key
 * "locations" (a list, or a FeatureCollection's "features"), or, for a
 * locations file, the root list or the root's "features". Undefined when
 * there is none or the text is not shaped as expected (the caller then parses
 * it whole, and gets JSON.parse's own verdict).
 */
export async function findLocations(text: string, file: boolean): Promise<Span | undefined> {
  const n = text.length;
  // Containers open around the current position: '{' or '[' and, for objects, the last key read.
  const kinds: number[] = [];
  const keys: (string | undefined)[] = [];
  let i = 0;
  let nextPause = SCAN_SLICE;
  let target: { depth: number; path: string } | undefined;
  let span: Span | undefined;
  let itemStart = -1;
  const keyPath = () => keys.slice(0, kinds.length).map((k, d) => (kinds[d] === 0x7b ? k : '#')).join('.');
  while (i < n) {
    if (i > nextPause) {
      nextPause += SCAN_SLICE;
      await yieldToPage();
    }
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: jump to its closing quote (one not preceded by an odd number of backslashes).
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j < 0) return undefined;
        let b = j - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((j - b) % 2 === 1) break;
      }
      const depth = kinds.length;
      if (depth && kinds[depth - 1] === 0x7b && depth <= 3) {
        // A key when a colon follows.
        let k = j + 1;
        while (k < n && text.charCodeAt(k) <= 0x20) k++;
        if (text.charCodeAt(k) === 0x3a) keys[depth - 1] = text.slice(i + 1, j);
      }
      if (span && itemStart < 0 && kinds.length === target!.depth) itemStart = i;
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (span && itemStart < 0 && kinds.length === target!.depth) itemStart = i;
      if (!span && c === 0x5b) {
        const p = keyPath();
        const path = file ? (p === '' ? '$' : p === 'features' ? '$.features' : undefined) : p === 'locations' ? '$.locations' : p === 'locations.features' ? '$.locations.features' : undefined;
        if (path !== undefined) {
          target = { depth: kinds.length + 1, path };
          span = { open: i, close: -1, items: [], path };
        }
      }
      kinds.push(c);
      keys[kinds.length - 1] = undefined;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      if (span && kinds.length === target!.depth) {
        if (itemStart >= 0) span.items.push([itemStart, trimEnd(text, i)]);
        span.close = i;
        return span;
      }
      kinds.pop();
      i++;
      continue;
    }
    if (c === 0x2c && span && kinds.length === target!.depth) {
      if (itemStart < 0) return undefined;
      span.items.push([itemStart, trimEnd(text, i)]);
      itemStart = -1;
      i++;
      continue;
    }
    if (span && itemStart < 0 && kinds.length === target!.depth && c > 0x20) itemStart = i;
    i++;
  }
  return undefined;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && text.charCodeAt(end - 1) <= 0x20) end--;
  return end;
}

/** Validates a list of raw locations in chunks, the same as one validateCollection over it. */
async function locationsInChunks(
  text: string,
  span: Span,
  options: ValidateOptions & { ids: FeedIds },
): Promise<{ value: Location[]; problems: Problem[]; skipped: number }> {
  const value: Location[] = [];
  const problems: Problem[] = [];
  const pathOf = new Map<Location, string>();
  const seen = new Map<string, number>();
  let skipped = 0;
  for (let start = 0; start < span.items.length; start += CHUNK) {
    const part = span.items.slice(start, start + CHUNK);
    const raw = JSON.parse(`[${text.slice(part[0][0], part[part.length - 1][1])}]`) as { id?: unknown }[];
    const r = validateCollection('locations', raw, { ...options, bulk: false });
    const whole = (x: string) => x.replace(/\$\[(\d+)\]/g, (_, k) => `${span.path}[${Number(k) + start}]`);
    for (const p of r.problems) {
      // A duplicate inside this chunk of an id first used in an earlier one points at that first use.
      const first = p.code === 'duplicate-id' && p.record !== undefined ? seen.get(p.record) : undefined;
      const message = first !== undefined ? `id "${p.record}" is already used at ${span.path}[${first}]; this entry was skipped` : whole(p.message);
      problems.push({ ...p, path: whole(p.path), message });
    }
    skipped += r.skipped;
    const position = new Map<string, number>();
    raw.forEach((f, k) => {
      const id = f && typeof f === 'object' ? String(f.id) : '';
      if (!position.has(id)) position.set(id, k);
    });
    for (const loc of r.value) {
      const at = start + position.get(loc.id)!;
      const first = seen.get(loc.id);
      if (first !== undefined) {
        skipped++;
        problems.push({ path: `${span.path}[${at}].id`, code: 'duplicate-id', severity: 'error', record: loc.id, message: `id "${loc.id}" is already used at ${span.path}[${first}]; this entry was skipped` });
        continue;
      }
      seen.set(loc.id, at);
      pathOf.set(loc, `${span.path}[${at}]`);
      value.push(loc);
    }
    await yieldToPage();
  }
  problems.push(...bulkAdvice(value, (l) => pathOf.get(l)!, problems));
  return { value, problems, skipped };
}

/** validateFeed over a large feed text, in slices. */
export async function validateFeedSliced(text: string, options: ValidateOptions): Promise<Validated<Feed>> {
  const span = await findLocations(text, false);
  if (!span) return validateFeed(JSON.parse(text), options);
  const skeleton = JSON.parse(`${text.slice(0, span.open)}[]${text.slice(span.close + 1)}`);
  await yieldToPage();
  const feed = validateFeed(skeleton, options);
  const locs = await locationsInChunks(text, span, { ...options, ids: feedIds(feed.value) });
  feed.value.locations = locs.value;
  // The feed's problems in document order: everything before the locations, theirs, then the rest.
  const before = feed.problems.filter((p) => !p.path.startsWith('$.campaigns') && !p.path.startsWith('$.stats'));
  const after = feed.problems.filter((p) => p.path.startsWith('$.campaigns') || p.path.startsWith('$.stats'));
  return { value: feed.value, problems: [...before, ...locs.problems, ...after], skipped: feed.skipped + locs.skipped };
}

/** validateCollection('locations') over a large locations file's text, in slices. */
export async function validateLocationsSliced(text: string, options: ValidateOptions & { ids: FeedIds }): Promise<Validated<Location[]>> {
  const span = await findLocations(text, true);
  if (!span) return validateCollection('locations', JSON.parse(text), options);
  // The file's own shape (a FeatureCollection around the list) is checked as the validator says it.
  validateCollection('locations', JSON.parse(`${text.slice(0, span.open)}[]${text.slice(span.close + 1)}`), options);
  return locationsInChunks(text, span, options);
}
