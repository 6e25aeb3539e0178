/**
 * The one runtime validator for feed version 1, shared by every widget and by
 * the `ess-feed` command. Validation is per record: a record that breaks the
 * contract is skipped and reported with its JSON path; a field that is merely
 * unsafe or unknown is dropped and reported as a warning; the document itself
 * is rejected (FeedShapeError) only when its own shape is wrong.
 *
 * schema/feed-v1.schema.json describes the same rules for other tools; a test
 * runs both over the same fixtures so they cannot drift apart.
 *
 * This is the part every feed needs (the document, categories…, campaigns,
 * stats); the checks of locations and places live in validate-places.ts,
 * which the loader imports dynamically only when a document holds some.
 * validate.ts puts both together: the public, synchronous validator.
 */
import type {
  Campaign, Category, CollectionName, CollectionRef, Feed, Label, Location, Material,
  Organization, PlaceRecord, Problem, Publisher, Stat, Text,
} from './types.js';


/** The highest feed version this validator understands. */
export const FEED_VERSION = 1;

/** Longest accepted string in a short field (names, ids, labels). */
export const MAX_SHORT = 300;
/** Longest accepted string in a long field (descriptions, messages, hours). */
export const MAX_LONG = 5000;
const MAX_URL = 2048;

export const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const LANG_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
export const REGION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
export const COUNTRY = /^[A-Z]{2}$/;
const COLOR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LINK_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'];
const WEB_SCHEMES = ['https:', 'http:'];

/** The document's own shape is wrong: nothing in it can be trusted. */
export class FeedShapeError extends Error {
  override name = 'FeedShapeError';
  constructor(message: string, readonly path = '$') {
    super(message);
  }
}

export interface ValidateOptions {
  /** URL of the document, used to resolve relative links. */
  baseUrl: string;
  /** Also accept `file:` links (the command line checks local files). */
  allowFileUrls?: boolean;
}

export interface Validated<T> {
  value: T;
  problems: Problem[];
  /** Number of records skipped. */
  skipped: number;
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const describe = (v: unknown): string =>
  v === null ? 'null' : v === undefined ? 'nothing' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the text "${clip(v)}"` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
export const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 37)}…` : s);

/** Thrown inside a record check: the record is skipped with this problem. */
export class Skip {
  constructor(readonly path: string, readonly code: string, readonly message: string) {}
}

/**
 * Resolves `value` against `base` and keeps it only when the scheme is allowed.
 * Returns the absolute URL, or a reason it was refused.
 */
export function resolveUrl(value: unknown, base: string, schemes: readonly string[] = LINK_SCHEMES): { url: string } | { reason: string } {
  if (typeof value !== 'string') return { reason: `a link must be text, found ${describe(value)}` };
  const trimmed = value.trim();
  if (!trimmed) return { reason: 'the link is empty' };
  if (trimmed.length > MAX_URL) return { reason: `the link is ${trimmed.length} characters long; at most ${MAX_URL}` };
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return { reason: `"${clip(trimmed)}" is not a valid link` };
  }
  if (!schemes.includes(url.protocol)) {
    return { reason: `links starting with "${url.protocol}" are not allowed (only ${schemes.map((s) => s.replace(':', '')).join(', ')})` };
  }
  return { url: url.href };
}

/**
 * A link people follow (website, report, call to action, source): kept only
 * when it is already an absolute URL of an allowed scheme. Never resolved
 * against the feed's URL: "www.example.org" or an entity-encoded scheme would
 * otherwise become a page on the feed's own host.
 */
export function absoluteLink(value: unknown, schemes: readonly string[] = LINK_SCHEMES): { url: string } | { reason: string } {
  if (typeof value !== 'string') return { reason: `a link must be text, found ${describe(value)}` };
  const trimmed = value.trim();
  if (!trimmed) return { reason: 'the link is empty' };
  if (trimmed.length > MAX_URL) return { reason: `the link is ${trimmed.length} characters long; at most ${MAX_URL}` };
  const allowed = () => schemes.map((s) => s.replace(':', '')).join(', ');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { reason: `"${clip(trimmed)}" is not an absolute link (write it in full, e.g. https://www.example.org/; allowed: ${allowed()})` };
  }
  if (!schemes.includes(url.protocol)) return { reason: `links starting with "${url.protocol}" are not allowed (only ${allowed()})` };
  if ((url.protocol === 'https:' || url.protocol === 'http:') && !/^\s*https?:\/\//i.test(value)) {
    return { reason: `"${clip(trimmed)}" is not an absolute link (write it in full, e.g. https://www.example.org/)` };
  }
  return { url: url.href };
}

/** Shortcut for UI code: the safe absolute URL or undefined. */
export function safeUrl(value: unknown, base: string, schemes?: readonly string[]): string | undefined {
  const r = resolveUrl(value, base, schemes);
  return 'url' in r ? r.url : undefined;
}

/**
 * Bidirectional controls (they reorder what follows: "U+202E gpj.exe") and
 * zero-width characters (they make two names look the same). Zero-width
 * joiner and non-joiner stay: emoji sequences and several scripts need them.
 */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** The same characters, to test for (no `g`, no state): most text has none, and a test is four times cheaper than a replace. */
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

/** `s` without bidi controls and zero-width characters. */
export function stripInvisible(s: string): string {
  return HAS_INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s;
}

/** Problem codes only the runtime validator reports (advice on values the schema accepts). */
export const ADVICE_CODES: readonly string[] = ['invisible-characters', 'null-island', 'outside-country', 'far-from-others', 'swapped-coordinates', 'negative-count'];

export class Checker {
  problems: Problem[] = [];
  skipped = 0;
  linkSchemes: string[];
  webSchemes: string[];
  constructor(readonly base: string, allowFile = false) {
    this.linkSchemes = allowFile ? [...LINK_SCHEMES, 'file:'] : LINK_SCHEMES;
    this.webSchemes = allowFile ? [...WEB_SCHEMES, 'file:'] : WEB_SCHEMES;
  }

  warn(path: string, code: string, message: string): void {
    this.problems.push({ path, code, message, severity: 'warning' });
  }

  str(v: unknown, path: string, name: string, max = MAX_SHORT): string {
    if (typeof v !== 'string') throw new Skip(path, 'wrong-type', `${name} must be text, found ${describe(v)}`);
    if (v.length > max) throw new Skip(path, 'too-long', `${name} is ${v.length} characters long; at most ${max}`);
    const clean = stripInvisible(v);
    if (!clean.trim()) throw new Skip(path, 'empty', `${name} is empty`);
    if (clean.length !== v.length) {
      this.warn(path, 'invisible-characters', `${name} holds ${v.length - clean.length} invisible character(s) (direction overrides or zero-width spaces); they were removed`);
    }
    return clean;
  }

  id(v: unknown, path: string): string {
    const s = this.str(v, path, 'id', 128);
    if (!ID.test(s)) throw new Skip(path, 'bad-id', `id "${clip(s)}" may use only letters, digits and . _ : - (and start with a letter or digit)`);
    return s;
  }

  text(v: unknown, path: string, name: string, max = MAX_SHORT): Text {
    if (typeof v === 'string') return this.str(v, path, name, max);
    if (!isObj(v)) throw new Skip(path, 'wrong-type', `${name} must be text or a map of languages to text, found ${describe(v)}`);
    const out: Record<string, string> = {};
    for (const [lang, s] of Object.entries(v)) {
      if (!LANG_TAG.test(lang)) throw new Skip(`${path}.${lang}`, 'bad-language', `"${clip(lang)}" is not a language tag (use fr, nl, de, en…)`);
      out[lang] = this.str(s, `${path}.${lang}`, `${name} (${lang})`, max);
    }
    if (!Object.keys(out).length) throw new Skip(path, 'empty', `${name} has no language`);
    return out;
  }

  /** An optional field: absent stays absent; a wrong value is dropped with a warning. */
  opt<T>(v: unknown, check: () => T): T | undefined {
    if (v === undefined || v === null) return undefined;
    try {
      return check();
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      this.warn(e.path, e.code, `${e.message}; the field was ignored`);
      return undefined;
    }
  }

  /** A link people follow: absolute only (see absoluteLink). `web`: https/http only, else mailto: and tel: too. */
  link(v: unknown, path: string, web = false): string | undefined {
    if (v === undefined || v === null) return undefined;
    const r = absoluteLink(v, web ? this.webSchemes : this.linkSchemes);
    if ('url' in r) return r.url;
    this.warn(path, 'unsafe-url', `${r.reason}; the link was removed`);
    return undefined;
  }

  /** An image (logo, campaign picture): https/http, absolute or relative to the feed. */
  asset(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    const r = resolveUrl(v, this.base, this.webSchemes);
    if ('url' in r) return r.url;
    this.warn(path, 'unsafe-url', `${r.reason}; the link was removed`);
    return undefined;
  }

  /** A list of ids; when `known` is given, unknown ids are dropped with a warning. */
  ids(v: unknown, path: string, name: string, known?: ReadonlySet<string>): string[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new Skip(path, 'wrong-type', `${name} must be a list of ids, found ${describe(v)}`);
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !ID.test(item)) throw new Skip(`${path}[${i}]`, 'bad-id', `${name} must hold ids, found ${describe(item)}`);
      if (known && !known.has(item)) this.warn(`${path}[${i}]`, 'unknown-id', `unknown ${name.replace(/s$/, '')} "${item}"; it was ignored`);
      else if (!out.includes(item)) out.push(item);
    });
    return out;
  }

  regions(v: unknown, path: string): string[] {
    const list = typeof v === 'string' ? [v] : v ?? [];
    if (!Array.isArray(list)) throw new Skip(path, 'wrong-type', `region must be an ISO 3166-2 code or a list of them, found ${describe(v)}`);
    return list.map((r, i) => {
      if (typeof r !== 'string' || !REGION.test(r)) throw new Skip(`${path}[${i}]`, 'bad-region', `${describe(r)} is not an ISO 3166-2 region code such as BE-WAL`);
      return r;
    });
  }

  instant(v: unknown, path: string, name: string): number {
    const s = this.str(v, path, name, 64);
    const ms = RFC3339.test(s) ? Date.parse(s) : NaN;
    if (Number.isNaN(ms)) throw new Skip(path, 'bad-date', `${name} "${clip(s)}" must be an RFC 3339 date-time with an offset, e.g. 2023-02-27T00:00:00+01:00`);
    return ms;
  }

  /**
   * Validates an array of records: bad records are skipped and counted,
   * duplicate ids keep the first.
   */
  records<T extends { id: string }>(list: unknown[], path: string, check: (raw: Obj, p: string) => T): T[] {
    const out: T[] = [];
    const seen = new Map<string, number>();
    list.forEach((raw, i) => {
      const p = `${path}[${i}]`;
      try {
        if (!isObj(raw)) throw new Skip(p, 'wrong-type', `each entry must be an object, found ${describe(raw)}`);
        const rec = check(raw, p);
        const first = seen.get(rec.id);
        if (first !== undefined) throw new Skip(`${p}.id`, 'duplicate-id', `id "${rec.id}" is already used at ${path}[${first}]; this entry was skipped`);
        seen.set(rec.id, i);
        out.push(rec);
      } catch (e) {
        if (!(e instanceof Skip)) throw e;
        this.skipped++;
        const problem: Problem = { path: e.path, code: e.code, message: e.message, severity: 'error' };
        const id = isObj(raw) ? raw.id : undefined;
        if (typeof id === 'string' || typeof id === 'number') problem.record = String(id);
        this.problems.push(problem);
      }
    });
    return out;
  }
}

function collection(raw: unknown, path: string, name: string, c: Checker): unknown[] | CollectionRef {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) return raw;
  if (isObj(raw) && 'href' in raw) {
    const r = resolveUrl(raw.href, c.base, c.webSchemes);
    if ('reason' in r) throw new FeedShapeError(`"${name}" links to another file, but ${r.reason}`, `${path}.href`);
    const format = raw.format ?? 'geojson';
    if (format === 'geojson') return { href: r.url };
    if (name !== 'locations' || format !== 'flatgeobuf') {
      const allowed = name === 'locations' ? '"geojson" or "flatgeobuf"' : '"geojson"';
      throw new FeedShapeError(`"${name}" is linked with "format": ${describe(format)}, which these widgets cannot read; use ${allowed}`, `${path}.format`);
    }
    const index = resolveUrl(raw.index, c.base, c.webSchemes);
    if ('reason' in index) throw new FeedShapeError(`"${name}" in "flatgeobuf" needs its "index" (written by ess-feed tile), but ${index.reason}`, `${path}.index`);
    return { href: r.url, format, index: index.url };
  }
  throw new FeedShapeError(`"${name}" must be a list, or {"href": "…"} pointing to a file; found ${describe(raw)}`, path);
}

/** What was skipped in one document or collection, and why. */
export interface SkipSummary {
  /** Records skipped (problems of severity "error"). */
  skipped: number;
  /** Fields dropped or values worth a look (severity "warning"). */
  warnings: number;
  /** Skipped records per problem code, e.g. {"no-point": 2, "duplicate-id": 1}. */
  reasons: Record<string, number>;
}

/**
 * The one count of skipped records every reader uses (the elements' notices,
 * the console, `ess-feed check`). `within` keeps only the problems under a
 * JSON path, e.g. "$.locations" for the inline locations of a feed.
 */
export function summarize(problems: readonly Problem[], within?: string): SkipSummary {
  const out: SkipSummary = { skipped: 0, warnings: 0, reasons: {} };
  for (const p of problems) {
    if (within && !(p.path === within || p.path.startsWith(`${within}.`) || p.path.startsWith(`${within}[`))) continue;
    if (p.severity === 'error') {
      out.skipped++;
      out.reasons[p.code] = (out.reasons[p.code] ?? 0) + 1;
    } else out.warnings++;
  }
  return out;
}

/** The context a location needs from its feed: the ids it may refer to. */
export interface FeedIds {
  categories: ReadonlySet<string>;
  materials: ReadonlySet<string>;
  labels: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
}

export function feedIds(feed: Pick<Feed, 'categories' | 'materials' | 'labels' | 'organizations'>): FeedIds {
  const set = (l: { id: string }[]) => new Set(l.map((x) => x.id));
  return { categories: set(feed.categories), materials: set(feed.materials), labels: set(feed.labels), organizations: set(feed.organizations) };
}

function campaign(raw: Obj, p: string, c: Checker): Campaign {
  const id = c.id(raw.id, `${p}.id`);
  const title = c.text(raw.title, `${p}.title`, 'title');
  const startMs = c.instant(raw.start, `${p}.start`, 'start');
  const endMs = c.instant(raw.end, `${p}.end`, 'end');
  if (endMs <= startMs) throw new Skip(`${p}.end`, 'end-before-start', `campaign "${id}" ends (${raw.end}) before it starts (${raw.start})`);
  const out: Campaign = {
    id, title, start: raw.start as string, end: raw.end as string, startMs, endMs,
    regions: c.opt(raw.regions, () => c.regions(raw.regions, `${p}.regions`)) ?? [],
    priority: c.opt(raw.priority, () => {
      if (typeof raw.priority !== 'number' || !Number.isFinite(raw.priority)) throw new Skip(`${p}.priority`, 'wrong-type', `priority must be a number, found ${describe(raw.priority)}`);
      return raw.priority;
    }) ?? 0,
    withdrawn: raw.withdrawn === true,
  };
  const message = c.opt(raw.message, () => c.text(raw.message, `${p}.message`, 'message', MAX_LONG));
  if (message) out.message = message;
  const cta = c.opt(raw.cta, () => {
    const v = raw.cta;
    if (!isObj(v)) throw new Skip(`${p}.cta`, 'wrong-type', `cta must be {"label": …, "url": …}, found ${describe(v)}`);
    const label = c.text(v.label, `${p}.cta.label`, 'cta label');
    const url = c.link(v.url, `${p}.cta.url`);
    return url ? { label, url } : undefined;
  });
  if (cta) out.cta = cta;
  const image = c.opt(raw.image, () => {
    const v = raw.image;
    if (!isObj(v)) throw new Skip(`${p}.image`, 'wrong-type', `image must be {"src": …, "alt": …}, found ${describe(v)}`);
    const src = c.asset(v.src, `${p}.image.src`);
    if (!src) return undefined;
    const alt = c.opt(v.alt, () => c.text(v.alt, `${p}.image.alt`, 'image alt', 1000));
    return alt ? { src, alt } : { src };
  });
  if (image) out.image = image;
  const theme = c.opt(raw.theme, () => {
    const v = raw.theme;
    if (!isObj(v)) throw new Skip(`${p}.theme`, 'wrong-type', `theme must be an object of colours, found ${describe(v)}`);
    const t: Record<string, string> = {};
    for (const k of ['background', 'foreground', 'accent']) {
      const col = c.opt(v[k], () => {
        if (typeof v[k] !== 'string' || !COLOR.test(v[k] as string)) throw new Skip(`${p}.theme.${k}`, 'bad-color', `${k} must be a hex colour such as #1b1b3a, found ${describe(v[k])}`);
        return v[k] as string;
      });
      if (col) t[k] = col;
    }
    return Object.keys(t).length ? t : undefined;
  });
  if (theme) out.theme = theme;
  const revision = c.opt(raw.revision, () => c.str(typeof raw.revision === 'number' ? String(raw.revision) : raw.revision, `${p}.revision`, 'revision', 64));
  if (revision) out.revision = revision;
  return out;
}

function stat(raw: Obj, p: string, c: Checker): Stat {
  const id = c.id(raw.id, `${p}.id`);
  if (typeof raw.value !== 'number' || !Number.isFinite(raw.value)) throw new Skip(`${p}.value`, 'wrong-type', `stat "${id}" needs a number in "value", found ${describe(raw.value)}`);
  const out: Stat = {
    id, value: raw.value,
    label: c.text(raw.label, `${p}.label`, 'label'),
    approximate: raw.approximate === true,
    regions: c.opt(raw.region, () => c.regions(raw.region, `${p}.region`)) ?? [],
  };
  const unit = c.opt(raw.unit, () => c.str(raw.unit, `${p}.unit`, 'unit', 40));
  if (unit) out.unit = unit;
  if (raw.value < 0 && (unit === undefined || unit === 'people' || unit === 'establishments')) {
    c.warn(`${p}.value`, 'negative-count', `stat "${id}" counts ${unit ?? 'something'} but its value is ${raw.value}; a count cannot be negative, check the figure (it is shown as published)`);
  }
  const sector = c.opt(raw.sector, () => c.str(raw.sector, `${p}.sector`, 'sector', 64));
  if (sector) out.sector = sector;
  const asOf = c.opt(raw.asOf, () => {
    const s = c.str(raw.asOf, `${p}.asOf`, 'asOf', 64);
    if (!DATE.test(s) && !RFC3339.test(s)) throw new Skip(`${p}.asOf`, 'bad-date', `asOf "${clip(s)}" must be a date such as 2023-01-01`);
    return s;
  });
  if (asOf) out.asOf = asOf;
  const source = c.opt(raw.source, () => {
    const v = raw.source;
    if (!isObj(v)) throw new Skip(`${p}.source`, 'wrong-type', `source must be {"name": …, "url": …}, found ${describe(v)}`);
    const s: { name: string; url?: string } = { name: c.str(v.name, `${p}.source.name`, 'source name') };
    const url = c.link(v.url, `${p}.source.url`, true);
    if (url) s.url = url;
    return s;
  });
  if (source) out.source = source;
  return out;
}

function labelled<T extends { id: string; label: Text }>(raw: Obj, p: string, c: Checker): T {
  return { id: c.id(raw.id, `${p}.id`), label: c.text(raw.label, `${p}.label`, 'label') } as T;
}

/** The checks of locations and places (validate-places.ts), given to the validator when a list holds some. */
export interface PlaceChecks {
  checkLocations(list: unknown[], path: string, c: Checker, ids: FeedIds, bulk?: boolean): Location[];
  place(raw: Obj, p: string, c: Checker): PlaceRecord;
}

function need(places: PlaceChecks | undefined): PlaceChecks {
  if (!places) throw new Error('locations or places to check, but the place checks (validate-places.ts) were not given');
  return places;
}

const inlineList = (v: unknown): unknown => (isObj(v) && v.type === 'FeatureCollection' ? v.features : v);

/** Whether validateFeedWith needs the place checks for `raw`: it holds inline locations or places. */
export function needsPlaceChecks(raw: unknown): boolean {
  if (!isObj(raw)) return false;
  return [raw.locations, raw.places].some((v) => {
    const list = inlineList(v);
    return Array.isArray(list) && list.length > 0;
  });
}

/**
 * Validates a whole feed document. Throws FeedShapeError when the document
 * itself is unusable; otherwise returns every good record and the problems.
 * `places` checks the locations and places: needed when the document holds
 * some inline (see needsPlaceChecks).
 */
export function validateFeedWith(raw: unknown, options: ValidateOptions, places?: PlaceChecks): Validated<Feed> {
  if (!isObj(raw)) throw new FeedShapeError(`The feed must be a JSON object with a "version"; found ${describe(raw)}.`);
  if (raw.version === undefined) throw new FeedShapeError('The feed has no "version"; add "version": 1.', '$.version');
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    throw new FeedShapeError(`"version" must be a whole number such as 1, found ${describe(raw.version)}.`, '$.version');
  }
  const c = new Checker(options.baseUrl, options.allowFileUrls);
  if (raw.version > FEED_VERSION) {
    c.warn('$.version', 'newer-version', `feed version ${raw.version} is newer than this widget understands (${FEED_VERSION}); what it understands is shown`);
  }
  const cols = {} as Record<CollectionName | 'categories' | 'materials' | 'labels' | 'organizations', unknown[] | CollectionRef>;
  for (const k of ['categories', 'materials', 'labels', 'organizations'] as const) {
    const v = collection(raw[k], `$.${k}`, k, c);
    if (!Array.isArray(v)) throw new FeedShapeError(`"${k}" must be a list inside the feed (only locations, campaigns and stats may live in their own file).`, `$.${k}`);
    cols[k] = v;
  }
  // Locations and places may be given inline as a FeatureCollection: its features are the list.
  const listPath = { locations: '$.locations', places: '$.places' };
  for (const k of ['locations', 'places'] as const) {
    let path = `$.${k}`;
    let v = raw[k];
    if (isObj(v) && v.type === 'FeatureCollection') {
      path = `$.${k}.features`;
      v = v.features;
      if (!Array.isArray(v)) throw new FeedShapeError(`"${k}" is a FeatureCollection without a list of "features"; found ${describe(v)}.`, path);
    }
    listPath[k] = path;
    cols[k] = collection(v, path, k, c);
  }
  for (const k of ['campaigns', 'stats'] as const) cols[k] = collection(raw[k], `$.${k}`, k, c);

  const publisher: Publisher = { name: '' };
  if (isObj(raw.publisher)) {
    publisher.name = c.opt(raw.publisher.name, () => c.str((raw.publisher as Obj).name, '$.publisher.name', 'publisher name')) ?? '';
    const url = c.link(raw.publisher.url, '$.publisher.url', true);
    if (url) publisher.url = url;
    const logo = c.asset(raw.publisher.logo, '$.publisher.logo');
    if (logo) publisher.logo = logo;
  } else if (raw.publisher === undefined) {
    c.warn('$.publisher', 'no-publisher', 'the feed does not name its publisher; add "publisher": {"name": …}');
  } else {
    c.warn('$.publisher', 'wrong-type', `publisher must be an object such as {"name": …}, found ${describe(raw.publisher)}; it was ignored`);
  }
  const languages = c.opt(raw.languages, () => {
    if (!Array.isArray(raw.languages)) throw new Skip('$.languages', 'wrong-type', `languages must be a list such as ["fr", "nl"], found ${describe(raw.languages)}`);
    return raw.languages.filter((l, i) => {
      const ok = typeof l === 'string' && LANG_TAG.test(l);
      if (!ok) c.warn(`$.languages[${i}]`, 'bad-language', `${describe(l)} is not a language tag; it was ignored`);
      return ok;
    }) as string[];
  }) ?? [];

  const categories = c.records<Category>(cols.categories as unknown[], '$.categories', (r, p) => {
    const cat = labelled<Category>(r, p, c);
    const color = c.opt(r.color, () => {
      if (typeof r.color !== 'string' || !COLOR.test(r.color)) throw new Skip(`${p}.color`, 'bad-color', `color must be a hex colour such as #00796b, found ${describe(r.color)}`);
      return r.color;
    });
    if (color) cat.color = color;
    const report = c.link(r.report, `${p}.report`);
    if (report) cat.report = report;
    return cat;
  });
  const materials = c.records<Material>(cols.materials as unknown[], '$.materials', (r, p) => labelled<Material>(r, p, c));
  const labels = c.records<Label>(cols.labels as unknown[], '$.labels', (r, p) => {
    const l = labelled<Label>(r, p, c);
    const url = c.link(r.url, `${p}.url`, true);
    if (url) l.url = url;
    return l;
  });
  const labelIds = new Set(labels.map((l) => l.id));
  const organizations = c.records<Organization>(cols.organizations as unknown[], '$.organizations', (r, p) => {
    const o: Organization = { id: c.id(r.id, `${p}.id`), name: c.str(r.name, `${p}.name`, 'name'), labels: [] };
    o.labels = c.opt(r.labels, () => c.ids(r.labels, `${p}.labels`, 'labels', labelIds)) ?? [];
    const url = c.link(r.url, `${p}.url`, true);
    if (url) o.url = url;
    const logo = c.asset(r.logo, `${p}.logo`);
    if (logo) o.logo = logo;
    return o;
  });

  const feed: Feed = {
    version: raw.version, url: options.baseUrl, publisher, sample: raw.sample === true, languages,
    categories, materials, labels, organizations,
    locations: [], campaigns: [], stats: [], places: [],
  };
  const updated = c.opt(raw.updated, () => {
    c.instant(raw.updated, '$.updated', 'updated');
    return raw.updated as string;
  });
  if (updated) feed.updated = updated;

  const ids = feedIds(feed);
  feed.locations = Array.isArray(cols.locations) ? (cols.locations.length ? need(places).checkLocations(cols.locations, listPath.locations, c, ids) : []) : cols.locations;
  feed.campaigns = Array.isArray(cols.campaigns) ? c.records(cols.campaigns, '$.campaigns', (r, p) => campaign(r, p, c)) : cols.campaigns;
  feed.stats = Array.isArray(cols.stats) ? c.records(cols.stats, '$.stats', (r, p) => stat(r, p, c)) : cols.stats;
  feed.places = Array.isArray(cols.places) ? (cols.places.length ? c.records(cols.places, listPath.places, (r, p) => need(places).place(r, p, c)) : []) : cols.places;
  return { value: feed, problems: c.problems, skipped: c.skipped };
}

/** The list of Features of a locations or places file: a FeatureCollection's, or a bare list. */
function featureList(raw: unknown, file: 'locations' | 'places'): { list: unknown[]; path: string } {
  let list: unknown = raw;
  let path = '$';
  if (isObj(raw)) {
    if (raw.type !== 'FeatureCollection') throw new FeedShapeError(`The ${file} file must be a GeoJSON FeatureCollection ("type": "FeatureCollection"), found ${describe(raw.type)}.`, '$.type');
    list = raw.features;
    path = '$.features';
  }
  if (!Array.isArray(list)) throw new FeedShapeError(`The ${file} file must hold a list of GeoJSON Features in "features", found ${describe(list)}.`, path);
  return { list, path };
}

/** validateCollection (validate.ts) with the place checks given, needed for a non-empty list of locations or places. */
export function validateCollectionWith(name: CollectionName, raw: unknown, options: ValidateOptions & { ids?: FeedIds; bulk?: boolean }, places?: PlaceChecks): Validated<unknown[]> {
  const c = new Checker(options.baseUrl, options.allowFileUrls);
  if (name === 'locations') {
    const { list, path } = featureList(raw, 'locations');
    return { value: list.length ? need(places).checkLocations(list, path, c, options.ids!, options.bulk !== false) : [], problems: c.problems, skipped: c.skipped };
  }
  if (name === 'places') {
    const { list, path } = featureList(raw, 'places');
    return { value: list.length ? c.records(list, path, (r, p) => need(places).place(r, p, c)) : [], problems: c.problems, skipped: c.skipped };
  }
  if (!Array.isArray(raw)) throw new FeedShapeError(`The ${name} file must be a JSON list, found ${describe(raw)}.`);
  const check = name === 'campaigns' ? campaign : stat;
  const value = c.records(raw, '$', (r, p) => check(r, p, c));
  return { value, problems: c.problems, skipped: c.skipped };
}
