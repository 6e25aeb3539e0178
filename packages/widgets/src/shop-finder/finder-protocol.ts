/**
 * Messages between the shop finder and its index (in a worker or not).
 * Locations cross over only a page at a time: copying 100,000 records back to
 * the main thread would itself be a long task.
 */
import type { Location, LocationFilter, Problem } from '@ess-widgets/core';
import type { ClusterItem, Facet, FinderFilter } from './finder-index.js';
import type { HoursTable } from '../shared/hours-week.js';

/**
 * "Open now", evaluated by the index (which owns the opening-hours library): `openNow` keeps only
 * the locations open at `now` (loading the library if a schedule needs it); `count` counts them
 * among the results once the hours are read.
 */
export interface HoursRequest {
  openNow: boolean;
  count: boolean;
  /** The instant, in ms since the epoch (the main thread's clock). */
  now: number;
}

export interface LoadRequest {
  type: 'load';
  /** The locations file as UTF-8 bytes, transferred (not copied) to the worker. */
  bytes: ArrayBuffer;
  baseUrl: string;
  ids: { categories: string[]; materials: string[]; labels: string[]; organizations: string[] };
  organizationNames: [string, string][];
  /** When set, the index keeps these bytes as the last good copy of `baseUrl` once they validate (off the main thread). */
  keep?: { fetchedAt: number };
  /** What the first view shows (the element's presets and limits): the clusters drawn before the records are checked hold only those places. */
  first?: LocationFilter;
  /** These bytes were also sent, as they arrived, to the port of the last `stream` request: parsed there already (feature-stream.ts). */
  streamed?: boolean;
}

export interface ListedItem {
  index: number;
  location: Location;
  distance?: number;
}

export type Request =
  | LoadRequest
  | { type: 'index' }
  /** A port where the download sends the locations file as it arrives (FetchJob's `parts`), to parse it meanwhile. */
  | { type: 'stream'; port: MessagePort }
  | { type: 'query'; filter: FinderFilter; limit: number; hours?: HoursRequest }
  | { type: 'page'; offset: number; limit: number }
  | { type: 'clusters'; bbox: [number, number, number, number]; zoom: number }
  | { type: 'expansion'; clusterId: number }
  | { type: 'get'; index: number }
  /** A location by its id, once every record is checked (a point drawn before that has no index yet). */
  | { type: 'find'; id: string }
  | { type: 'place'; q: string }
  | { type: 'nearest'; lat: number; lon: number; n: number; categories?: string[] }
  /** Tables of open intervals around `now` for each schedule the library must read (see hours-week.ts). */
  | { type: 'hours'; now: number }
  /**
   * Loads the browser's number, date and plural data for a locale (ICU's, shared by every thread of
   * the page): the main thread's first formatted number or time then costs nothing instead of a
   * task of 100–400 ms.
   */
  | { type: 'warm'; locale: string }
  /** What a filter would give (suggestions as the visitor types), leaving the current results and map as they are. */
  | { type: 'peek'; filter: FinderFilter; limit: number };

export interface LoadResponse {
  count: number;
  /** [west, south, east, north] of every location, or undefined when there is none. */
  bbox?: [number, number, number, number];
  skipped: number;
  problems: Problem[];
  /** `load` only: the file was parsed as it arrived (feature-stream.ts), not whole afterwards. */
  streamed?: boolean;
}

export interface QueryResponse {
  total: number;
  /** How many of the results are open now, once the caller could say which hours are open. */
  open?: number;
  counts: Record<Facet, Record<string, number>>;
  items: ListedItem[];
}

export interface PeekResponse {
  total: number;
  items: ListedItem[];
}

export interface MapItem extends ClusterItem {
  /** For a single point: its name (for its accessible name) and first category. */
  name?: Location['name'];
  category?: string;
  id?: string;
}

export type Response =
  | LoadResponse
  | QueryResponse
  | PeekResponse
  | ListedItem[]
  | MapItem[]
  | number
  | Location
  | ListedItem
  | { label: string; lat: number; lon: number }
  | null
  | HoursTable[];
