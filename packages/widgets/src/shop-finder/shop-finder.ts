import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EssElement, idList, isRef, joinParts, parseLatLon, savedCopyDate, slicer, summarize, type CollectionName, type CollectionRef, type FeedData, type LoadedFeed, type Location, type PlaceRecord } from '@ess-widgets/core';
import { startFinderBackend, type BackendMode, type FinderBackend } from './finder-client.js';
import type { Facet, FinderFilter } from './finder-index.js';
import type { ListedItem, LoadResponse, MapItem, PeekResponse, QueryResponse } from './finder-protocol.js';
import { FinderMap } from './finder-map.js';
import { finderStyles } from './shop-finder.styles.js';
import { finderMessages } from './shop-finder.messages.js';
import { withPlaceMessages } from '../shared/place-messages.js';
import { loadOpeningHours, openingHoursReady, provideHours } from '../shared/hours.js';
import type { HoursTable } from '../shared/hours-week.js';
import type { DetailContext } from '../shared/details.js';
import { locateOrExplain, type GeolocationLike } from '../shared/locate.js';
import { Geocoder } from '../shared/geocoder.js';
import { nominatim } from '../shared/nominatim.js';
import { mapCredit } from '../shared/credits.js';
import { SuggestController } from './finder-suggest.js';
import { ElementObservers } from '../shared/observers.js';
import { UrlState } from './url-state.js';
import { addressLine } from '../shared/details.js';
import { DEFAULT_ATTRIBUTION, DEFAULT_TILES, loadLeaflet } from '../shared/leaflet.js';
import { structuredData } from './structured-data.js';
import { PAGE, renderDetail, renderList, type OverviewGroup } from './finder-list.js';
import { activeLabels, noFilter, renderFilters, type FiltersView, type FilterState, type Place } from './finder-filters.js';

export interface FinderData extends FeedData {
  backend: FinderBackend;
  count: number;
  bbox?: [number, number, number, number];
  /** Settles when every record is checked and indexed; the map shows before, the list after. */
  indexed: Promise<LoadResponse>;
  /** Postcodes and towns in every language (the feed's `places`, else its addresses, in the index). */
  geocoder: Geocoder;
  /** The locations file was parsed as it downloaded (for diagnostics and tests). */
  streamed?: boolean;
}

/** Detail of `ess-search`: the search and filters as the reader set them, and how many locations match. */
export interface FinderSearchDetail {
  q: string;
  filter: FilterState & { openNow: boolean; near?: Place };
  total: number;
}

/** From this many locations, the first view is the network by type rather than pages of names. */
const OVERVIEW_FROM = 200;
/** Below this width (the element's own), list and map take turns behind a switch. */
const NARROW = 720;

/**
 * Inline locations as the bytes of a FeatureCollection for the index, a few
 * thousand at a time with the page free between them (100,000 inline points
 * would otherwise be one long task).
 */
async function encodeFeatures(locations: Location[]): Promise<ArrayBuffer> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode('{"type":"FeatureCollection","features":[')];
  const pause = slicer();
  for (let at = 0; at < locations.length; at += 250) {
    const json = JSON.stringify(locations.slice(at, at + 250).map(toFeature));
    parts.push(enc.encode(`${at ? ',' : ''}${json.slice(1, -1)}`));
    await pause();
  }
  parts.push(enc.encode(']}'));
  // Copied a part at a time too: 70 MB at once was a task of a quarter of a second.
  return joinParts(parts, pause);
}

/**
 * The directory as a map and a list: search by name, place or "near me",
 * filter by category, material, label, organization and "open now", and see
 * each location's details. The list does everything the map does, by keyboard
 * and screen reader. Leaflet loads only when the element nears the screen; the
 * index is built in a Web Worker.
 *
 * @customElement ess-shop-finder
 * @summary Map and list of shops, repair workshops, sorting centres and collection points.
 *
 * @csspart search - The search form.
 * @csspart filters - The filters panel.
 * @csspart list - The results list.
 * @csspart item - One result.
 * @csspart detail - The detail panel of a location.
 * @csspart map - The map.
 * @csspart toggle - The list/map switch on narrow containers.
 * @csspart message - A message (place unknown, location refused…).
 * @cssprop --ess-finder-height - Height of the whole element, from its loading state on, wide or narrow (default 40em); the list and map take what the search form leaves. Opening the filters makes it taller.
 * @cssprop --ess-finder-marker - Colour of map points and clusters (default: the accent colour).
 * @fires ess-location-select - A location was selected (list or map). Detail: `{ id, location }`: the whole record (from a range-readable directory, once the rest of it is read).
 * @fires ess-search - The search or filters changed. Detail: `{ q, filter: { categories, materials, labels, organizations, openNow, near? }, total }`.
 */
export class EssShopFinder extends EssElement<FinderData> {
  static override styles = finderStyles;
  static override messages = withPlaceMessages(finderMessages);

  /** Category ids shown (comma-separated), e.g. "shop,repair"; preset for the filters. */
  @property() categories?: string;
  /** Material ids, preset for the filters. */
  @property() materials?: string;
  /** Only this ISO 3166-2 region, e.g. BE-BRU. */
  @property() region?: string;
  /** Only this organization's locations (a member's own view). */
  @property() organization?: string;
  /** This organization's locations first, then the rest of the network. */
  @property({ attribute: 'prefer-organization' }) preferOrganization?: string;
  /** Map centre "lat,lon" (default: every location in view); a change moves the map. */
  @property() center?: string;
  /** Map zoom with `center` (default 12). */
  @property({ type: Number }) zoom?: number;
  /** Map tile URL template. */
  @property({ attribute: 'tile-url' }) tileUrl = DEFAULT_TILES;
  /** Map tile attribution (HTML, from the site owner). */
  @property({ attribute: 'tile-attribution' }) tileAttribution = DEFAULT_ATTRIBUTION;
  /** Directions provider: osm (default), google, apple, or an https template with {lat} {lon} {name}. */
  @property() directions?: string;
  /** The list alone, without the map: no tile server (or any other outside host) is contacted. */
  @property({ type: Boolean, attribute: 'list-only', reflect: true }) listOnly = false;
  /** A Nominatim-compatible search URL for full addresses (off by default: no outside service). */
  @property() geocoder?: string;
  /** Keep the search and filters in the page's URL so a view can be shared. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;
  /** Add schema.org JSON-LD for the listed locations to the element's light DOM. */
  @property({ type: Boolean, attribute: 'structured-data' }) structuredData = false;
  /** Where the index runs: automatic, or forced (tests, or a strict CSP). */
  @property({ attribute: 'index-mode' }) indexMode?: BackendMode;

  /** The Geolocation API; replaceable for tests. */
  geolocation: GeolocationLike | undefined = globalThis.navigator?.geolocation;

  @state() private q = '';
  @state() private filter: FilterState = noFilter();
  @state() private openNow = false;
  @state() private near?: Place;
  /** Other places the geocoder proposed for the same words (the first one is `near`). */
  @state() private otherPlaces: Place[] = [];
  /** What the search box shows: the words searched, or the place chosen. */
  @state() private box = '';
  /** A query that named a place and also names locations: how many, to offer the names too. */
  @state() private alsoNamed?: { q: string; count: number };
  /** Counts submissions: each one is answered (and announced by `ess-search`), even when it changes nothing. */
  @state() private submitted = 0;
  @state() private result?: QueryResponse;
  @state() private items: ListedItem[] = [];
  @state() private fallback: ListedItem[] = [];
  /** The network by type, shown while the visitor has said nothing (see makeOverview). */
  @state() private overview?: OverviewGroup[];
  @state() private detail?: ListedItem;
  /** How many items of the current search the visitor asked to see ("Show more" adds a page). */
  private wanted = PAGE;
  /** The detail's record is being completed (a range-readable directory lists places without their phone, links …). */
  @state() private detailBusy = false;
  @state() private message?: string;
  @state() private view: 'list' | 'map' = 'list';
  @state() private querying = false;
  /** The locations file could not be used (wrong shape): the list says so. */
  @state() private indexError?: string;
  /** Facets whose full list of values the visitor asked to see. */
  @state() private expanded = new Set<Facet>();
  /** Suggestions as the visitor types: places first, then locations. */
  private suggest = new SuggestController(this, {
    places: (q) => this.loadedData?.geocoder.suggest(q, this.language.lang, 5) ?? [],
    locations: async (q) => {
      const d = this.loadedData;
      if (!d) return [];
      try {
        await d.indexed;
      } catch {
        return [];
      }
      const f: FinderFilter = { q, ...this.filter, region: this.region || undefined, near: this.near };
      if (this.organization) f.organizations = [this.organization];
      return (await d.backend.call<PeekResponse>({ type: 'peek', filter: f, limit: 4 })).items;
    },
  });
  private map?: FinderMap;
  /** This copy's number on the page: a second finder's landmarks get "(2)", so each name is unique. */
  private copy = 0;
  private static copies = 0;
  /** The search in the page's URL, with `sync-url`. */
  private url = new UrlState(this);
  /** Side by side or a switch, by the element's own width; the map and hours wait until the element nears the screen. */
  private watch = new ElementObservers(this, {
    narrowBelow: NARROW,
    onResize: () => this.map?.invalidate(),
    onNear: () => {
      if (!this.listOnly) void loadLeaflet(); // fetch the map code while the index builds
      void this.ensureMap();
      this.askHours();
    },
  });
  private queryId = 0;
  /** Counts the searches submitted: an answer that arrives after the next one began is dropped. */
  private searchTurn = 0;
  /** The search the list shows (its filter and "open now"), to tell a new search from the same one asked again. */
  private shownFor?: string;
  /** Where focus goes back when the detail closes: the list item it came from, or the map. */
  private returnFocus?: { to: 'list'; id: string } | { to: 'map' };
  private stopped = false;
  /** Hours asked of the index (which evaluates them, off the main thread) for this data, valid until `until`. */
  private hoursAsked?: { data: FinderData; until: number };
  /** The data whose hours tables arrived from the index: the list then says each location's hours, and the query runs again to count "open now". */
  @state() private hoursFor?: FinderData;

  protected override wants(): CollectionName[] {
    return ['locations'];
  }

  protected override async loadData(loaded: LoadedFeed): Promise<FinderData> {
    this.readUrl();
    const feed = loaded.feed;
    if (isRef(feed.locations) && feed.locations.format === 'flatgeobuf') return this.loadTiled(loaded, feed.locations);
    // The worker starts while the locations download.
    const starting = startFinderBackend(this.indexMode, this.language.locale);
    // The gazetteer (a few hundred rows for a region) arrives beside the locations; without it, the feed's addresses serve.
    const places: Promise<readonly PlaceRecord[]> = isRef(feed.places) || feed.places.length
      ? this.loader.collection(loaded, 'places').then((c) => c.items, (e) => (console.warn(`[ess-widgets] ${e instanceof Error ? e.message : String(e)}`), []))
      : Promise.resolve([]);
    const inline = Array.isArray(feed.locations);
    // The index parses the file as it downloads: the download worker sends it a copy of each part.
    const channel = !inline && typeof MessageChannel === 'function' ? new MessageChannel() : undefined;
    if (channel)
      void starting.then(
        (b) => {
          if (b.mode === 'main') return channel.port2.close();
          void b.call({ type: 'stream', port: channel.port2 }, [channel.port2]).catch(() => undefined);
        },
        () => undefined,
      );
    type Body = { href: string; bytes: ArrayBuffer; source: 'network' | 'cache'; fetchedAt: number; streamed?: boolean };
    let body: Body = Array.isArray(feed.locations)
      ? // Small feeds keep their locations inline: hand them to the index as a FeatureCollection.
        { href: feed.url, bytes: await encodeFeatures(feed.locations), source: loaded.source, fetchedAt: loaded.fetchedAt }
      : await this.loader.collectionBody(loaded, 'locations', channel?.port1);
    const backend = await starting;
    const send = (b: Body) =>
      backend.call<LoadResponse>(
        {
          type: 'load',
          bytes: b.bytes,
          baseUrl: b.href,
          ids: { categories: feed.categories.map((c) => c.id), materials: feed.materials.map((m) => m.id), labels: feed.labels.map((l) => l.id), organizations: feed.organizations.map((o) => o.id) },
          organizationNames: feed.organizations.map((o) => [o.id, o.name]),
          // A large feed's inline locations (read as a file of their own) are saved with the feed.
          keep: b.source === 'network' && !inline && !(isRef(feed.locations) && feed.locations.inline) ? { fetchedAt: b.fetchedAt } : undefined,
          first: { ...this.filter, regions: idList(this.region), organizations: this.organization ? [this.organization] : this.filter.organizations },
          streamed: b.streamed && b.source === 'network',
        },
        [b.bytes],
      );
    let res: LoadResponse;
    try {
      res = await send(body);
    } catch (e) {
      // The bytes arrived but cannot be used (cut short, an HTML error page, not a FeatureCollection): the saved copy, if any.
      const error = this.loader.unusable(body.href, e, inline ? undefined : 'locations');
      const saved = inline || body.source === 'cache' ? undefined : await this.loader.savedBody(body.href);
      if (!saved) {
        backend.terminate();
        console.error(`[ess-widgets] ${error.message}`);
        throw error;
      }
      console.warn(`[ess-widgets] ${error.message} Showing the copy saved on ${new Date(saved.fetchedAt).toISOString()}.`);
      body = { href: body.href, ...saved, source: 'cache' };
      try {
        res = await send(body);
      } catch (again) {
        backend.terminate();
        throw this.loader.unusable(body.href, again, 'locations');
      }
    }
    this.data.value?.backend.terminate();
    const indexed = backend.call<LoadResponse>({ type: 'index' });
    const geocoder = new Geocoder({
      places: await places,
      fallback: async (q) => ((await indexed.then(() => true, () => false)) ? backend.call<{ label: string; lat: number; lon: number } | null>({ type: 'place', q }) : null),
      service: this.geocoder ? (q) => nominatim(this.geocoder!, q) : undefined,
    });
    // Skipped locations only: campaigns and stats the finder does not show are not its to count.
    const inlineSkipped = inline ? summarize(loaded.problems, '$.locations').skipped : 0;
    const data: FinderData = { loaded, skipped: inlineSkipped, savedAt: savedCopyDate(loaded, body), backend, count: res.count, bbox: res.bbox, indexed, geocoder, streamed: res.streamed };
    indexed.then(
      (r) => {
        if (r.problems.length && !inline) console.warn(`[ess-widgets] ${body.href}: ${r.skipped} record(s) skipped (locations ${r.skipped}).\n${r.problems.slice(0, 20).map((p) => `  ${p.severity} ${p.path}: ${p.message}`).join('\n')}`);
        data.skipped = inlineSkipped + r.skipped;
        this.requestUpdate();
      },
      (e) => {
        console.error(`[ess-widgets] ${body.href}: ${e instanceof Error ? e.message : String(e)}`);
        void this.failureMessage('error.shape').then((m) => (this.indexError = m));
      },
    );
    return data;
  }

  /** A directory in range-readable form: nothing is downloaded whole (see tiled-backend.ts). */
  private async loadTiled(loaded: LoadedFeed, ref: CollectionRef): Promise<FinderData> {
    const { startTiledBackend } = await import('./tiled-backend.js');
    const backend = await startTiledBackend({ href: ref.href, index: ref.index!, feed: loaded.feed });
    const res = await backend.call<LoadResponse>({ type: 'index' });
    this.data.value?.backend.terminate();
    // Places come from the index's places file (postcodes and localities of the directory).
    const geocoder = new Geocoder({ places: [], fallback: (q) => backend.call<{ label: string; lat: number; lon: number } | null>({ type: 'place', q }) });
    return { loaded, skipped: loaded.skipped, backend, count: res.count, bbox: res.bbox, indexed: Promise.resolve(res), geocoder };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.copy ||= ++EssShopFinder.copies;
    // Moved in the page (page builders do): the index was stopped on removal, so load again.
    if (this.stopped) {
      this.stopped = false;
      this.result = undefined;
      void this.data.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.map?.remove();
    this.map = undefined;
    this.loadedData?.backend.terminate();
    this.stopped = this.loadedData !== undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    for (const [attr, facet] of [['categories', 'categories'], ['materials', 'materials']] as const) {
      if (changed.has(attr)) this.filter = { ...this.filter, [facet]: idList(this[attr]) };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const d = this.loadedData;
    if (!d) return;
    const keys = ['q', 'filter', 'openNow', 'near', 'region', 'organization', 'preferOrganization', 'hoursFor', 'submitted'];
    if ((!this.result && !this.querying) || keys.some((k) => (changed as Map<string, unknown>).has(k))) void this.runQuery();
    const itemsChanged = (changed as Map<string, unknown>).has('items');
    this.askHours();
    if (this.structuredData && itemsChanged) structuredData(this, this.items.map((i) => i.location), d.loaded.feed, (v) => this.text(v));
    if (this.map && (changed.has('tileUrl') || changed.has('tileAttribution') || (changed.has('listOnly') && this.listOnly))) {
      // Other tiles: a new map (Leaflet's layers keep their URL); ensureMap below draws it. List only: none.
      this.map.remove();
      this.map = undefined;
    } else if (this.map && (changed.has('center') || changed.has('zoom'))) {
      this.map.setInitialView(parseLatLon(this.center), this.zoom);
    }
    void this.ensureMap();
  }

  /**
   * Hours are evaluated by the index, which loads the opening-hours library there (a large lazy
   * chunk, never on the main thread), once hours are about to be shown: listed, and the finder near
   * the screen. Its answer is a small table per schedule (see hours-week.ts), renewed after a week.
   */
  private askHours(): void {
    const d = this.loadedData;
    if (!d || !this.watch.near || (this.hoursAsked?.data === d && Date.now() < this.hoursAsked.until)) return;
    const shown = [...this.items, ...this.fallback, ...(this.detail ? [this.detail] : [])];
    if (!shown.some((i) => i.location.openingHours)) return;
    const now = Date.now();
    this.hoursAsked = { data: d, until: now + 6 * 864e5 };
    d.backend.call<HoursTable[]>({ type: 'hours', now }).then(
      (tables) => {
        provideHours(tables);
        if (this.loadedData === d) this.hoursFor = d;
      },
      () => undefined,
    );
  }

  /** The filter sent to the index. */
  private currentFilter(): FinderFilter {
    const f: FinderFilter = { q: this.q, ...this.filter, region: this.region || undefined, prefer: this.preferOrganization };
    if (this.organization) f.organizations = [this.organization];
    if (this.near) f.near = { lat: this.near.lat, lon: this.near.lon };
    return f;
  }

  private async runQuery(): Promise<void> {
    const d = this.loadedData;
    if (!d) return;
    const id = ++this.queryId;
    this.querying = true;
    try {
      await d.indexed;
    } catch {
      return;
    }
    // "Open now" is evaluated by the index, once per distinct schedule and minute; the count shows once its hours are read.
    const filter = this.currentFilter();
    // The same search asked again (its hours arrived, say): the pages the visitor opened stay open.
    const key = JSON.stringify([filter, this.openNow]);
    const same = key === this.shownFor;
    const limit = same ? Math.max(PAGE, this.wanted) : PAGE;
    const res = await d.backend.call<QueryResponse>({ type: 'query', filter, limit, hours: { openNow: this.openNow, count: true, now: Date.now() } });
    if (id !== this.queryId) return;
    // A page the visitor asked for while this same search was asked again ("Show more" as the hours arrived) opens too.
    if (same && this.wanted > res.items.length && res.total > res.items.length) {
      res.items = [...res.items, ...(await d.backend.call<ListedItem[]>({ type: 'page', offset: res.items.length, limit: this.wanted - res.items.length }))];
      if (id !== this.queryId) return;
    }
    if (!same) this.wanted = PAGE;
    // Nothing matches here: offer the nearest locations anyway, rather than a dead end.
    const fallback = !res.total && this.near ? await d.backend.call<ListedItem[]>({ type: 'nearest', lat: this.near.lat, lon: this.near.lon, n: 5, categories: idList(this.categories) }) : [];
    const overview = await this.makeOverview(filter, res);
    if (id !== this.queryId) return;
    // All at once: the list never shows a plain page for a frame before its overview.
    this.result = res;
    this.items = res.items;
    this.shownFor = key;
    this.fallback = fallback;
    this.overview = overview;
    this.querying = false;
    this.writeUrl();
    void this.map?.refresh(this.near, this.mapFrame());
    this.emit('ess-search', { q: this.q, filter: { ...this.filter, openNow: this.openNow, near: this.near }, total: res.total });
  }

  /**
   * Before the visitor says where they are (no place, no words, no filter), the list is not an
   * alphabetical dump of thousands: it shows the network by type — how many of each, the first
   * few, and a button for all of that type — under an invitation to give a town or postcode.
   */
  private async makeOverview(filter: FinderFilter, res: QueryResponse): Promise<OverviewGroup[] | undefined> {
    const d = this.loadedData!;
    // A member's view (its own first) and a directory of a few pages keep the plain list.
    // A tiled directory lists the places in view, following the map: no overview of the whole network.
    const idle = d.backend.mode !== 'tiled' && !this.near && !this.q && !this.openNow && !this.preferOrganization && !Object.values(this.filter).some((v) => v.length);
    const cats = d.loaded.feed.categories.filter((c) => (res.counts.categories[c.id] ?? 0) > 0);
    if (!idle || cats.length < 2 || res.total <= OVERVIEW_FROM) return undefined;
    return Promise.all(
      cats.map(async (c) => {
        const r = await d.backend.call<PeekResponse>({ type: 'peek', filter: { ...filter, categories: [c.id] }, limit: 3 });
        return { id: c.id, label: this.text(c.label), total: r.total, items: r.items };
      }),
    );
  }

  private async more(): Promise<void> {
    const d = this.loadedData;
    if (!d) return;
    const first = this.items.length;
    // Asked at once: a search asked again meanwhile (same words and filters) opens this page too.
    this.wanted = Math.max(this.wanted, first + PAGE);
    const asked = this.queryId;
    const page = await d.backend.call<ListedItem[]>({ type: 'page', offset: first, limit: PAGE });
    // Another search answered meanwhile: its list stands (this page was of the one before).
    if (asked !== this.queryId || this.items.length !== first) return;
    this.items = [...this.items, ...page];
    await this.updateComplete;
    (this.renderRoot.querySelectorAll('.item .name')[first] as HTMLElement | undefined)?.focus();
  }

  private async ensureMap(): Promise<void> {
    const d = this.loadedData;
    const container = this.renderRoot.querySelector('.map') as HTMLElement | null;
    if (!d || !container || this.listOnly || !this.watch.near || (this.watch.narrow && this.view !== 'map')) return;
    if (this.map?.container === container) return;
    this.map?.remove();
    this.map = new FinderMap(container, this.shadowRoot!, {
      tileUrl: this.tileUrl,
      attribution: mapCredit(this.tileAttribution, this.language.lang),
      center: parseLatLon(this.center),
      zoom: this.zoom,
      bbox: d.bbox,
      backend: d.backend,
      describe: (m) => this.describeMapItem(m),
      onSelect: (m) => void this.openFromMap(m),
      inView: (count) => this.t('inView', { count }),
      zoomInLabel: this.t('zoomIn'),
      zoomOutLabel: this.t('zoomOut'),
      mapLabel: this.t('mapLabel'),
      onMoved: () => {
        if (d.backend.mode === 'tiled') void this.runQuery();
      },
    });
    const map = this.map;
    await map.ready;
    if (map !== this.map) return; // removed or replaced meanwhile
    void map.refresh(this.near, this.mapFrame());
    // A location chosen while the map was hidden (narrow list view) is marked once it shows.
    if (this.detail) this.map.highlight(this.detail.location);
  }

  private describeMapItem(m: MapItem): string {
    if (m.count > 1) return this.t('cluster', { count: m.count });
    const cat = this.loadedData?.loaded.feed.categories.find((c) => c.id === m.category);
    return `${this.text(m.name)}${cat ? ` — ${this.text(cat.label)}` : ''}`;
  }

  /** A point chosen on the map; one drawn before every record was checked opens once it is. */
  private async openFromMap(m: MapItem): Promise<void> {
    const d = this.loadedData;
    if (!d) return;
    let found: { index: number; location: Location } | null = null;
    if (m.index !== undefined) found = { index: m.index, location: await d.backend.call<Location>({ type: 'get', index: m.index }) };
    else if (m.id !== undefined) {
      try {
        await d.indexed;
      } catch {
        return;
      }
      found = await d.backend.call<ListedItem | null>({ type: 'find', id: m.id });
    }
    if (!found) return;
    const listed = [...this.items, ...this.fallback].find((i) => i.index === found.index);
    // The backend's get and find answer with the whole record.
    this.open({ ...found, distance: listed?.distance }, 'map', true);
  }

  private open(item: ListedItem, from: 'list' | 'map', whole = false): void {
    this.detail = item;
    this.detailBusy = false;
    // A range-readable directory lists what the list shows: the rest of the record is read now.
    if (!whole && this.loadedData?.backend.mode === 'tiled') {
      void this.complete(item, from);
      return;
    }
    this.opened(item, from);
  }

  /** The listed place whole, from the backend; the detail shows what the list has meanwhile (aria-busy). */
  private async complete(item: ListedItem, from: 'list' | 'map'): Promise<void> {
    const d = this.loadedData!;
    this.detailBusy = true;
    this.opened(item, from, false);
    let whole: ListedItem | null = null;
    try {
      whole = await d.backend.call<ListedItem | null>({ type: 'find', id: item.location.id });
    } catch {
      // What the list has stays shown.
    }
    if (this.detail !== item) return; // closed, or another one opened meanwhile
    this.detailBusy = false;
    const done = whole ? { ...item, location: whole.location } : item;
    this.detail = done;
    this.emit('ess-location-select', { id: done.location.id, location: done.location });
  }

  private opened(item: ListedItem, from: 'list' | 'map', announce = true): void {
    // The detail's week in words reads the schedule with the opening-hours library: fetched now, for details only.
    if (item.location.openingHours && !openingHoursReady()) void loadOpeningHours().then(() => this.requestUpdate(), () => undefined);
    this.returnFocus = from === 'list' ? { to: 'list', id: item.location.id } : { to: 'map' };
    // On a narrow container the detail is in the list view; Escape brings the map back.
    if (this.watch.narrow) this.view = 'list';
    this.map?.highlight(item.location);
    if (announce) this.emit('ess-location-select', { id: item.location.id, location: item.location });
    void this.updateComplete.then(() => (this.renderRoot.querySelector('.detail h3') as HTMLElement | null)?.focus());
  }

  private closeDetail(): void {
    const back = this.returnFocus;
    this.detail = undefined;
    this.detailBusy = false;
    this.map?.highlight(undefined);
    if (back?.to === 'map' && this.watch.narrow) this.view = 'map';
    void this.updateComplete.then(() => {
      const target =
        back?.to === 'map'
          ? this.renderRoot.querySelector('.map')
          : (back && this.renderRoot.querySelector(`.item[data-id="${CSS.escape(back.id)}"] .name`)) ?? this.renderRoot.querySelector('.list-heading');
      (target as HTMLElement | null)?.focus();
    });
  }

  /** With a reference point, the map frames it and the nearest results; without, it shows them all. */
  private mapFrame(): { lat: number; lon: number }[] | undefined {
    return this.near ? (this.items.length ? this.items : this.fallback).slice(0, 5).map((i) => i.location) : undefined;
  }

  /**
   * A search names a place, locations, both, or nothing known. A place (a
   * postcode or a town, in any of its languages) becomes where the visitor
   * is: every location, nearest first. Words that only name locations filter
   * them. When they do both, the place wins and the names are offered. When
   * nothing is known, the element says so and forgets the old place, so the
   * list and the map never describe a search that failed.
   */
  private async search(e: Event): Promise<void> {
    e.preventDefault();
    // A query still under way answers what came before: it must not speak for this search.
    this.queryId++;
    const turn = ++this.searchTurn;
    this.suggest.close();
    const q = ((this.renderRoot.querySelector('input[name="q"]') as HTMLInputElement).value ?? '').trim();
    this.message = undefined;
    this.detail = undefined;
    this.otherPlaces = [];
    this.alsoNamed = undefined;
    const d = this.loadedData;
    if (!q || !d) {
      this.q = '';
      this.box = '';
      this.submitted++;
      return;
    }
    const places = await d.geocoder.resolve(q, this.language.lang);
    if (turn !== this.searchTurn) return;
    if (places.length) {
      this.near = places[0];
      this.otherPlaces = places.slice(1);
      this.q = '';
      this.box = places[0].label;
      this.submitted++;
      // The list from the place is asked first; the offer of the locations these words name comes after it.
      await this.updateComplete;
      const named = await this.countNamed(q);
      if (named && turn === this.searchTurn) this.alsoNamed = { q, count: named };
      return;
    }
    const named = await this.countNamed(q);
    if (turn !== this.searchTurn) return;
    if (named) {
      this.q = q;
      this.box = q;
    } else {
      this.message = this.t('placeUnknown', { query: q });
      this.near = undefined;
      this.q = '';
      this.box = q;
    }
    this.submitted++;
  }

  /** The combobox's keys (APG): arrows move in the list, Enter takes the active option, Escape closes, then clears. */
  private comboKey(e: KeyboardEvent): void {
    const s = this.suggest;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      s.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter' && s.current) {
      e.preventDefault();
      this.choose(s.active);
    } else if (e.key === 'Escape') {
      if (s.open) {
        e.preventDefault();
        s.close();
      } else if (this.box) {
        e.preventDefault();
        this.box = '';
      }
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      s.close();
    }
  }

  /** A suggestion taken: a place becomes where the visitor is; a location opens. */
  private choose(index: number): void {
    const picked = this.suggest.items[index];
    this.searchTurn++;
    this.suggest.close();
    if (!picked) return;
    this.message = undefined;
    this.alsoNamed = undefined;
    this.otherPlaces = [];
    if (picked.kind === 'place') {
      this.detail = undefined;
      this.near = picked.place;
      this.q = '';
      this.box = picked.place.label;
      this.submitted++;
    } else {
      this.box = '';
      this.open(picked.item, 'list');
    }
  }

  /** How many locations the words name (with the other filters as set), asked of the index. */
  private async countNamed(q: string): Promise<number> {
    const d = this.loadedData!;
    try {
      await d.indexed;
    } catch {
      return 0;
    }
    const f: FinderFilter = { q, ...this.filter, region: this.region || undefined };
    if (this.organization) f.organizations = [this.organization];
    return (await d.backend.call<PeekResponse>({ type: 'peek', filter: f, limit: 0 })).total;
  }

  private async locate(): Promise<void> {
    this.message = undefined;
    const r = await locateOrExplain(this.geolocation, (k) => this.t(k));
    if ('point' in r) {
      // The visitor's position replaces a place typed before (names typed to filter stay).
      this.near = { ...r.point, label: this.t('yourLocation') };
      this.otherPlaces = [];
      this.alsoNamed = undefined;
      this.box = this.q;
    } else this.message = r.message;
  }

  private toggle(facet: Facet, id: string, on: boolean): void {
    if (this.filter[facet].includes(id) === on) return;
    const cur = this.filter[facet];
    this.filter = { ...this.filter, [facet]: on ? [...cur, id] : cur.filter((x) => x !== id) };
    this.detail = undefined;
  }

  /**
   * Clears the search, the filters and the reference point — the `categories` and `materials`
   * presets too (they are where a reader starts, not a limit); `organization` and `region` stay.
   */
  clearAll(): void {
    this.q = '';
    this.box = '';
    this.alsoNamed = undefined;
    this.message = undefined;
    this.openNow = false;
    this.near = undefined;
    this.otherPlaces = [];
    this.filter = noFilter();
  }

  private readUrl(): void {
    const u = this.url.read();
    if (!u) return;
    this.q = u.q;
    this.box = this.q;
    this.filter = { ...this.filter, ...u.filter };
    this.openNow = u.openNow;
    if (u.near) this.near = { lat: u.near.lat, lon: u.near.lon, label: u.near.label ?? this.t('thisPlace') };
  }

  private writeUrl(): void {
    this.url.write({ q: this.q, filter: this.filter, openNow: this.openNow, near: this.near });
  }

  private ctx(): DetailContext {
    return { feed: this.loadedData!.loaded.feed, t: (k, p) => this.t(k, p), text: (v) => this.text(v), locale: this.language.locale, now: new Date(), directions: this.directions };
  }

  private filtersView(d?: FinderData): FiltersView {
    return {
      feed: d?.loaded.feed,
      t: (k, p) => this.t(k, p),
      text: (v) => this.text(v),
      landmark: this.copy > 1 ? `${this.t('searchLandmark')} (${this.copy})` : this.t('searchLandmark'),
      q: this.q,
      box: this.box,
      alsoNamed: this.alsoNamed,
      showNamed: () => {
        if (!this.alsoNamed) return;
        this.q = this.alsoNamed.q;
        this.box = this.alsoNamed.q;
        this.alsoNamed = undefined;
      },
      near: this.near,
      suggestions: {
        open: this.suggest.open,
        active: this.suggest.active,
        items: this.suggest.items.map((s) =>
          s.kind === 'place' ? { kind: 'place', label: s.place.label } : { kind: 'location', label: this.text(s.item.location.name), detail: addressLine(s.item.location) || undefined },
        ),
      },
      typed: (value) => {
        // The box keeps what is typed (a re-render must not put back an older text).
        this.box = value;
        void this.suggest.input(value);
      },
      comboKey: (e) => this.comboKey(e),
      choose: (i) => this.choose(i),
      closeSuggestions: () => this.suggest.close(),
      otherPlaces: this.otherPlaces,
      filter: this.filter,
      openNow: this.openNow,
      counts: this.result?.counts,
      openCount: this.result?.open,
      expanded: this.expanded,
      oneOrganization: Boolean(this.organization),
      submit: (e) => void this.search(e),
      locate: () => void this.locate(),
      clearPlace: () => {
        this.near = undefined;
        this.otherPlaces = [];
        this.alsoNamed = undefined;
        this.box = this.q;
      },
      pickPlace: (p) => {
        this.otherPlaces = this.otherPlaces.filter((x) => x !== p);
        this.near = p;
        this.box = p.label;
      },
      toggle: (facet, id, on) => this.toggle(facet, id, on),
      setOpenNow: (on) => (this.openNow = on),
      expand: (facet) => (this.expanded = new Set([...this.expanded, facet])),
    };
  }

  /**
   * While the feed loads, the finder's own frame (search form, filters
   * heading, list and map panes of their final size) with the loading status
   * in the list: nothing moves when the data arrives.
   */
  protected override renderLoading(): TemplateResult {
    return this.renderFrame();
  }

  protected renderData(d: FinderData): TemplateResult {
    return this.renderFrame(d);
  }

  private renderFrame(d?: FinderData): TemplateResult {
    const showList = this.listOnly || !this.watch.narrow || this.view === 'list';
    const showMap = !this.listOnly && (!this.watch.narrow || this.view === 'map');
    return html`${renderFilters(this.filtersView(d))}
      <p class="message" part="message" role="status">${this.message ?? ''}</p>
      ${this.watch.narrow && !this.listOnly
        ? html`<div class="toggle" part="toggle" role="group" aria-label=${this.t('view')}>
            <button type="button" aria-pressed=${String(this.view === 'list')} @click=${() => (this.view = 'list')}>${this.t('list')}</button>
            <button type="button" aria-pressed=${String(this.view === 'map')} @click=${() => (this.view = 'map')}>${this.t('map')}</button>
          </div>`
        : nothing}
      ${!this.watch.narrow && !this.listOnly && d
        ? html`<button type="button" class="link skip" @click=${() => (this.renderRoot.querySelector('.map') as HTMLElement | null)?.focus()}>${this.t('skipList')}</button>`
        : nothing}
      <div class="panes" ?data-narrow=${this.watch.narrow || this.listOnly}>
        <div class="list-pane" ?hidden=${!showList} aria-busy=${String(!d || this.querying)}>
          ${d ? html`${this.renderNotices(d)}${this.renderListPane(d)}` : super.renderLoading()}
        </div>
        ${this.listOnly
          ? nothing
          : html`<div class="map-pane" ?hidden=${!showMap}>
              <div class="map" part="map"></div>
              <p class="map-help">${this.t('mapHelp')}</p>
            </div>`}
      </div>`;
  }

  private renderListPane(d: FinderData): TemplateResult {
    const ctx = this.ctx();
    const hoursReady = this.hoursFor === d || openingHoursReady();
    if (this.detail) return renderDetail(this.detail, { ctx, hoursReady, busy: this.detailBusy, close: () => this.closeDetail() });
    return renderList({
      ctx,
      hoursReady,
      total: this.result?.total,
      items: this.items,
      fallback: this.fallback,
      overview: this.overview,
      showCategory: (id) => this.toggle('categories', id, true),
      indexError: this.indexError,
      active: activeLabels({ feed: d.loaded.feed, t: (k, p) => this.t(k, p), text: (v) => this.text(v), q: this.q, filter: this.filter, openNow: this.openNow }),
      open: (it) => this.open(it, 'list'),
      more: () => void this.more(),
      clear: () => this.clearAll(),
    });
  }
}

function toFeature(l: Location): unknown {
  const { id, lon, lat, ...properties } = l;
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}
