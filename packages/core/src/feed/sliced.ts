/**
 * Parsing and validating a large document on the page's main thread without
 * a long task. JSON.parse cannot be paused, and decoding 70 MB of UTF-8 takes
 * this Chromium over a second, so the bytes are scanned (in slices) for the
 * one big list, the locations, and never decoded whole: the rest of the
 * document is decoded and parsed at once (it is small), the list in groups of
 * a few hundred records, each decoded, parsed and validated before the next,
 * the browser given the thread back every SLICE_MS (yield.ts). The result is the same
 * as `validateFeed(JSON.parse(text))`; when the document is not what the
 * scanner expects, it falls back to exactly that. The loader imports this
 * module dynamically, only for a document of at least SLICE_ABOVE bytes
 * (yield.ts).
 */
import type { Feed, Location, Problem } from './types.js';
import { slicer, yieldToPage } from './yield.js';
import { copyInParts } from './body.js';
import { feedIds, validateCollectionWith, validateFeedWith, type FeedIds, type ValidateOptions, type Validated } from './validate-core.js';
import { adviceSteps, bulkAdvice, placeChecks } from './validate-places.js';

// The public validator (validate.ts) is validate-core.ts with these checks; imported apart, so that
// this lazy chunk does not pull validate.ts into the code every page loads.
const validateFeed = (raw: unknown, options: ValidateOptions): Validated<Feed> => validateFeedWith(raw, options, placeChecks);
const validateCollection = (name: 'locations', raw: unknown, options: ValidateOptions & { ids: FeedIds; bulk?: boolean }): Validated<Location[]> =>
  validateCollectionWith(name, raw, options, placeChecks) as Validated<Location[]>;

/** Records parsed and validated at a time; the page gets the thread back every SLICE_MS or so. */
const GROUP = 250;

/** UTF-8 bytes of a document given as text (tests) or as the bytes that arrived. */
const bytesOf = (doc: string | ArrayBuffer | Uint8Array): Uint8Array =>
  typeof doc === 'string' ? new TextEncoder().encode(doc) : doc instanceof Uint8Array ? doc : new Uint8Array(doc);

/** Decodes UTF-8 bytes in slices (a whole document, for an error message that needs its text). */
export async function decodeSliced(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const step = 256 * 1024;
  if (bytes.byteLength <= step * 4) return new TextDecoder().decode(bytes);
  const d = new TextDecoder();
  const view = bytesOf(bytes);
  const parts: string[] = [];
  const pause = slicer();
  for (let at = 0; at < view.length; at += step) {
    parts.push(d.decode(view.subarray(at, at + step), { stream: at + step < view.length }));
    await pause();
  }
  return parts.join('');
}

interface Span {
  /** Byte offsets of the list's "[" and "]". */
  open: number;
  close: number;
  /** [start, end) of each element's bytes. */
  items: [number, number][];
  /** The JSON path of the list: "$.locations", "$.locations.features", "$.features" or "$". */
  path: string;
}

/**
 * Finds the list of locations in a document's UTF-8 bytes (JSON's structural
 * characters are ASCII, and no byte of a multi-byte character is): under the
 * top-level key "locations" (a list, or a FeatureCollection's "features"),
 * or, for a locations file, the root list or the root's "features". Undefined
 * when there is none or the text is not shaped as expected (the caller then
 * parses it whole, and gets JSON.parse's own verdict). The document is never
 * decoded whole: each record is, with the others of its group.
 */
export async function findLocations(doc: string | ArrayBuffer | Uint8Array, file: boolean): Promise<Span | undefined> {
  const text = bytesOf(doc);
  const n = text.length;
  const keyText = new TextDecoder();
  // Containers open around the current position: '{' or '[' and, for objects, the last key read.
  const kinds: number[] = [];
  const keys: (string | undefined)[] = [];
  let i = 0;
  let steps = 0;
  const pause = slicer();
  let target: { depth: number; path: string } | undefined;
  let span: Span | undefined;
  let itemStart = -1;
  const keyPath = () => keys.slice(0, kinds.length).map((k, d) => (kinds[d] === 0x7b ? k : '#')).join('.');
  while (i < n) {
    if (++steps === 4096) {
      steps = 0;
      const p = pause();
      if (p) await p;
    }
    const c = text[i];
    if (c === 0x22) {
      // A string: jump to its closing quote (one not preceded by an odd number of backslashes).
      let j = i;
      for (;;) {
        j = text.indexOf(0x22, j + 1);
        if (j < 0) return undefined;
        let b = j - 1;
        while (text[b] === 0x5c) b--;
        if ((j - b) % 2 === 1) break;
      }
      const depth = kinds.length;
      if (depth && kinds[depth - 1] === 0x7b && depth <= 3) {
        // A key when a colon follows.
        let k = j + 1;
        while (k < n && text[k] <= 0x20) k++;
        if (text[k] === 0x3a) keys[depth - 1] = keyText.decode(text.subarray(i + 1, j));
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

function trimEnd(text: Uint8Array, end: number): number {
  while (end > 0 && text[end - 1] <= 0x20) end--;
  return end;
}

/** The document without its list of locations (an empty list in its place), parsed. */
function skeleton(text: Uint8Array, span: Span): unknown {
  const d = new TextDecoder();
  return JSON.parse(`${d.decode(text.subarray(0, span.open))}[]${d.decode(text.subarray(span.close + 1))}`);
}

/**
 * The validator over a list of locations met a group at a time (the groups in
 * order), with the same result as one validateCollection over the whole list:
 * problems keep their paths in the whole document, an id used in two groups
 * is caught, and the advice on the whole list (points far from the others)
 * comes once, at the end.
 */
export class LocationsInGroups {
  readonly value: Location[] = [];
  readonly problems: Problem[] = [];
  skipped = 0;
  private pathOf = new Map<Location, string>();
  private seen = new Map<string, number>();

  /** `path`: the list's path in its document ("$.features", "$.locations", "$"…). */
  constructor(private path: string, private options: ValidateOptions & { ids: FeedIds }) {}

  /** The next group: `raw` are the records from position `start` of the list. */
  add(raw: readonly unknown[], start: number): void {
    const { path, seen } = this;
    const r = validateCollection('locations', raw as unknown[], { ...this.options, bulk: false });
    const whole = (x: string) => x.replace(/\$\[(\d+)\]/g, (_, k) => `${path}[${Number(k) + start}]`);
    for (const p of r.problems) {
      // A duplicate inside this group of an id first used in an earlier one points at that first use.
      const first = p.code === 'duplicate-id' && p.record !== undefined ? seen.get(p.record) : undefined;
      const message = first !== undefined ? `id "${p.record}" is already used at ${path}[${first}]; this entry was skipped` : whole(p.message);
      this.problems.push({ ...p, path: whole(p.path), message });
    }
    this.skipped += r.skipped;
    const position = new Map<string, number>();
    raw.forEach((f, k) => {
      const id = f && typeof f === 'object' ? String((f as { id?: unknown }).id) : '';
      if (!position.has(id)) position.set(id, k);
    });
    for (const loc of r.value) {
      const at = start + position.get(loc.id)!;
      const first = seen.get(loc.id);
      if (first !== undefined) {
        this.skipped++;
        this.problems.push({ path: `${path}[${at}].id`, code: 'duplicate-id', severity: 'error', record: loc.id, message: `id "${loc.id}" is already used at ${path}[${first}]; this entry was skipped` });
        continue;
      }
      seen.set(loc.id, at);
      this.pathOf.set(loc, `${path}[${at}]`);
      this.value.push(loc);
    }
  }

  /** Every group added: the result, with the advice on the whole list. */
  finish(): Validated<Location[]> {
    this.problems.push(...bulkAdvice(this.value, (l) => this.pathOf.get(l)!, this.problems));
    return { value: this.value, problems: this.problems, skipped: this.skipped };
  }

  /** finish(), with the page given the thread back during the advice on the whole list. */
  async finishSliced(pause: () => Promise<void> | undefined): Promise<Validated<Location[]>> {
    const advice: Problem[] = [];
    for (const _ of adviceSteps(this.value, (l) => this.pathOf.get(l)!, this.problems, advice)) await pause();
    this.problems.push(...advice);
    return { value: this.value, problems: this.problems, skipped: this.skipped };
  }
}

/** Validates the list of raw locations found in the bytes, a group at a time. */
async function locationsInChunks(text: Uint8Array, span: Span, options: ValidateOptions & { ids: FeedIds }): Promise<Validated<Location[]>> {
  const groups = new LocationsInGroups(span.path, options);
  const decoder = new TextDecoder();
  const pause = slicer();
  for (let start = 0; start < span.items.length; start += GROUP) {
    const part = span.items.slice(start, start + GROUP);
    groups.add(JSON.parse(`[${decoder.decode(text.subarray(part[0][0], part[part.length - 1][1]))}]`) as unknown[], start);
    await pause();
  }
  return groups.finishSliced(pause);
}

/** A feed's inline list of locations left to be read like a linked file (see validateFeedSliced's `defer`). */
export interface DeferredLocations {
  /** The name the loader gives the list: the feed's URL with a fragment, never requested. */
  href: string;
  /** Its JSON path in the feed ("$.locations", "$.locations.features"). */
  path: string;
  /** The list's bytes: a JSON list of Features. */
  bytes: ArrayBuffer;
}

/**
 * validateFeed over a large feed (its bytes, or its text), in slices. With `defer`, an inline list of
 * locations of at least `defer.from` bytes is not validated here: the feed's `locations` become a
 * reference to it (`inline` set to its path) and `defer.take` receives its bytes, for the loader to
 * hand them to whichever reader asks, as a linked file's (no record of it then reaches the page).
 */
export async function validateFeedSliced(doc: string | ArrayBuffer | Uint8Array, options: ValidateOptions, defer?: { from: number; take: (list: DeferredLocations) => void }): Promise<Validated<Feed>> {
  const text = bytesOf(doc);
  const span = await findLocations(text, false);
  if (!span) return validateFeed(JSON.parse(await decodeSliced(text)), options);
  const rest = skeleton(text, span);
  await yieldToPage();
  const feed = validateFeed(rest, options);
  if (defer && span.close - span.open >= defer.from) {
    const href = new URL('#ess-inline-locations', options.baseUrl).href;
    defer.take({ href, path: span.path, bytes: await copyInParts(text.subarray(span.open, span.close + 1), slicer()) });
    feed.value.locations = { href, inline: span.path };
    return feed;
  }
  const locs = await locationsInChunks(text, span, { ...options, ids: feedIds(feed.value) });
  feed.value.locations = locs.value;
  // The feed's problems in document order: everything before the locations, theirs, then the rest.
  const before = feed.problems.filter((p) => !p.path.startsWith('$.campaigns') && !p.path.startsWith('$.stats'));
  const after = feed.problems.filter((p) => p.path.startsWith('$.campaigns') || p.path.startsWith('$.stats'));
  return { value: feed.value, problems: [...before, ...locs.problems, ...after], skipped: feed.skipped + locs.skipped };
}

/** validateCollection('locations') over a large locations file (its bytes, or its text), in slices. */
export async function validateLocationsSliced(doc: string | ArrayBuffer | Uint8Array, options: ValidateOptions & { ids: FeedIds }): Promise<Validated<Location[]>> {
  const text = bytesOf(doc);
  const span = await findLocations(text, true);
  if (!span) return validateCollection('locations', JSON.parse(await decodeSliced(text)), options);
  // The file's own shape (a FeatureCollection around the list) is checked as the validator says it.
  validateCollection('locations', skeleton(text, span), options);
  return locationsInChunks(text, span, options);
}
