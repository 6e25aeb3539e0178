/**
 * The feed model after validation. Raw JSON goes in through `validateFeed`,
 * these shapes come out: URLs absolute and safe, ids checked, optional
 * collections always present (possibly empty).
 */

/** A translatable text: a plain string, or a map of language tags to strings. */
export type Text = string | Readonly<Record<string, string>>;

/** A collection published in its own file, fetched only by a widget that needs it. */
export interface CollectionRef {
  /** Absolute URL, already resolved against the feed's URL. */
  readonly href: string;
  /**
   * How the file is encoded: `geojson` (the default) or, for locations only,
   * `flatgeobuf` — the range-readable form `ess-feed tile` writes for large
   * directories, read piece by piece instead of downloaded whole.
   */
  readonly format?: string;
  /** Locations in `flatgeobuf`: the absolute URL of the index `ess-feed tile` writes beside it. */
  readonly index?: string;
  /**
   * Set by the loader, never by a feed: the list is inline in a large feed, at this JSON path
   * ("$.locations"), and is read like a linked file (in a worker) from the feed's own bytes; `href`
   * then names it, and is never requested.
   */
  readonly inline?: string;
}

export interface Publisher {
  name: string;
  url?: string;
  logo?: string;
}

export interface Category {
  id: string;
  label: Text;
  color?: string;
  /** Default "report a problem" link for locations of this category. */
  report?: string;
}

export interface Material {
  id: string;
  label: Text;
}

export interface Label {
  id: string;
  label: Text;
  url?: string;
}

export interface Organization {
  id: string;
  name: string;
  url?: string;
  logo?: string;
  labels: string[];
}

export interface Address {
  street?: string;
  postcode?: string;
  locality?: string;
  /** ISO 3166-2, e.g. BE-WAL. */
  region?: string;
  /** ISO 3166-1 alpha-2, e.g. BE. */
  country?: string;
}

export type Wheelchair = 'yes' | 'limited' | 'no';

export interface Location {
  id: string;
  /** WGS84 longitude, from the GeoJSON Point. */
  lon: number;
  /** WGS84 latitude, from the GeoJSON Point. */
  lat: number;
  name: Text;
  organization?: string;
  categories: string[];
  materials: string[];
  labels: string[];
  services: string[];
  address?: Address;
  /** OpenStreetMap opening_hours syntax; absent means unknown, never closed. */
  openingHours?: string;
  phone?: string;
  email?: string;
  website?: string;
  report?: string;
  accessibility?: { wheelchair?: Wheelchair };
  description?: Text;
  /** The point is a postcode's or a town's centre (placed from a gazetteer), not the address itself. */
  approximate?: boolean;
}

/**
 * A named place of the feed's area (a postcode and locality), from a
 * gazetteer: what a visitor may type to say where they are. `name` gives
 * every language in which the place has its own name (Liège, Luik, Lüttich).
 */
export interface PlaceRecord {
  id: string;
  lon: number;
  lat: number;
  name: Text;
  postcode?: string;
  /** The municipality the locality belongs to, as officially named. */
  municipality?: string;
  /** ISO 3166-2, e.g. BE-WAL. */
  region?: string;
  /** ISO 3166-1 alpha-2, e.g. BE. */
  country?: string;
}

export interface CampaignTheme {
  background?: string;
  foreground?: string;
  accent?: string;
}

export interface Campaign {
  id: string;
  title: Text;
  message?: Text;
  cta?: { label: Text; url: string };
  image?: { src: string; alt?: Text };
  /** RFC 3339 as published. */
  start: string;
  end: string;
  /** The same instants in epoch milliseconds, for comparisons. */
  startMs: number;
  endMs: number;
  regions: string[];
  theme?: CampaignTheme;
  priority: number;
  withdrawn: boolean;
  /** Changes when the campaign's content changes; dismissals are kept per revision. */
  revision?: string;
}

export const STAT_UNITS = ['people', 'establishments', 'tonnes', 'percent', 'euros'] as const;
export type StatUnit = (typeof STAT_UNITS)[number];

export interface Stat {
  id: string;
  value: number;
  /** One of STAT_UNITS, or free text shown as is. */
  unit?: string;
  approximate: boolean;
  label: Text;
  regions: string[];
  sector?: string;
  asOf?: string;
  source?: { name: string; url?: string };
}

export interface Feed {
  version: number;
  /** The URL the feed was read from; relative links were resolved against it. */
  url: string;
  publisher: Publisher;
  updated?: string;
  /** True when the publisher marks the feed as sample data. */
  sample: boolean;
  languages: string[];
  categories: Category[];
  materials: Material[];
  labels: Label[];
  organizations: Organization[];
  locations: Location[] | CollectionRef;
  campaigns: Campaign[] | CollectionRef;
  stats: Stat[] | CollectionRef;
  /** The gazetteer of the feed's area (empty when the feed has none: then its own addresses serve). */
  places: PlaceRecord[] | CollectionRef;
}

export type CollectionName = 'locations' | 'campaigns' | 'stats' | 'places';

export type ProblemSeverity =
  /** The record was skipped. */
  | 'error'
  /** The record was kept; a field was dropped or something deserves a look. */
  | 'warning';

export interface Problem {
  /** JSONPath of the offending value, e.g. `$.locations.features[3].properties.website`. */
  path: string;
  /** Stable machine-readable code, e.g. `unsafe-url`, `duplicate-id`. */
  code: string;
  /** A human sentence in English, naming the value and what to do. */
  message: string;
  severity: ProblemSeverity;
  /** The id of the record the problem is in, when it has one (set for skipped records). */
  record?: string;
}

export function isRef(value: unknown): value is CollectionRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as CollectionRef).href === 'string';
}
