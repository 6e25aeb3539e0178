import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  EssElement, savedCopyDate, formatDistance, idList, isRef, parseLatLon, type CollectionName, type LocationFilter, type FeedData, type LoadedFeed, type Location,
} from '@ess-widgets/core';
import { cssProps } from '../shared/css-props.js';
import { Geocoder } from '../shared/geocoder.js';
import { ElementObservers } from '../shared/observers.js';
import { mapCredit } from '../shared/credits.js';
import type { NearestHit } from '../shared/nearest.js';
import { nearbySearch, type NearbySearch, type NearestQuery } from '../shared/nearby-search.js';
import { hoursKnownWithoutLibrary, loadOpeningHours, openingHoursReady } from '../shared/hours.js';
import { addressLine, renderActions, renderHours, renderMaterials, type DetailContext } from '../shared/details.js';
import { locateOrExplain, type GeolocationLike } from '../shared/locate.js';
import { adoptLeafletCss, DEFAULT_ATTRIBUTION, DEFAULT_TILES, loadLeaflet } from '../shared/leaflet.js';
import { nearbyStyles } from './nearby-points.styles.js';
import { nearbyMessages } from './nearby-points.messages.js';
import { withPlaceMessages } from '../shared/place-messages.js';

export interface NearbyData extends FeedData {
  /** The locations, searched where they are held (a worker for a large file: shared/nearby-search.ts). */
  search: NearbySearch;
  /** Postcodes and towns in every language: the feed's `places`, else its addresses. */
  geocoder: Geocoder;
  /** The answer for the starting point the page set, asked before the first drawing. */
  first?: Answer;
}

/** The nearest locations for one question (`key`). */
interface Answer {
  key: string;
  hits: NearestHit<Location>[];
  /** The search could not answer (its worker stopped): the message says so, the list is not "none". */
  failed?: boolean;
}

interface Origin {
  lat: number;
  lon: number;
  /** What to call it: "5000 Namur", "your location", or the site owner's point. */
  label: string;
  /** True for a named place (typed, or the page's postcode): the search box shows it. */
  named?: boolean;
}

/**
 * The nearest collection points (or any categories) to a reference point, for
 * a sidebar or a page: distance, what each accepts, hours, directions and a
 * "report a problem" link. The visitor may replace the starting point with a
 * postcode, a town, or their location (asked only when they press the button).
 *
 * @customElement ess-nearby-points
 * @summary The N nearest locations to a point, with distance and directions.
 *
 * @csspart search - The postcode / town form.
 * @csspart results - The ordered list of nearest locations.
 * @csspart item - One location.
 * @csspart distance - The distance of a location.
 * @csspart map - The optional mini-map.
 * @csspart message - A message (place unknown, location refused, nothing near).
 * @cssprop --ess-nearby-map-height - Height of the mini-map (default 14em).
 * @fires ess-location-select - The visitor chose a location in the list. Detail: `{ id, location }`.
 */
export class EssNearbyPoints extends EssElement<NearbyData> {
  static override styles = nearbyStyles;
  static override messages = withPlaceMessages(nearbyMessages);

  /** Starting point as "latitude,longitude", e.g. "50.4669,4.8675". */
  @property() near?: string;
  /** Starting point as a postcode or town found in the feed's addresses, e.g. "5000". */
  @property() postcode?: string;
  /** Category ids to list (comma-separated). */
  @property() categories = 'collection-point';
  /** Only locations accepting one of these material ids. */
  @property() materials?: string;
  /** Only locations in this ISO 3166-2 region. */
  @property() region?: string;
  /** How many locations to list. */
  @property({ type: Number }) limit = 5;
  /** Only locations within this many metres. */
  @property({ type: Number, attribute: 'max-distance' }) maxDistance?: number;
  /** Directions provider: osm (default), google, apple, or an https URL template with {lat} {lon} {name}. */
  @property() directions?: string;
  /** Show a mini-map (Leaflet, loaded only when shown). */
  @property({ type: Boolean }) map = false;
  /** Map tile URL template. */
  @property({ attribute: 'tile-url' }) tileUrl = DEFAULT_TILES;
  /** Map tile attribution (HTML from the site owner, not from the feed). */
  @property({ attribute: 'tile-attribution' }) tileAttribution = DEFAULT_ATTRIBUTION;

  /**
   * The Geolocation API used by "use my location": `navigator.geolocation`
   * unless set (tests and embedding apps may give their own; `null` acts as a
   * browser without it). Read only when the visitor presses the button.
   */
  geolocation?: GeolocationLike | null;

  /** The visitor's latest choice; wins over the attributes. */
  @state() private chosen?: Origin;
  @state() private message?: string;
  @state() private locating = false;
  @state() private selected?: string;
  /** The mini-map is drawn (and Leaflet imported) once the element nears the screen. */
  private watch = new ElementObservers(this, { margin: '200px', lazy: true });
  private mapState?: { map: import('leaflet').Map; layer: import('leaflet').LayerGroup; resize: ResizeObserver };
  /** This copy's number on the page: a second list's landmark gets "(2)", so each name is unique. */
  private copy = 0;
  private static copies = 0;
  /** Counts the choices of a starting point, so a late answer never replaces a later choice. */
  private choice = 0;
  /** The nearest locations shown, and the question asked last (answered at once on the page, a moment later by a worker). */
  @state() private answer?: Answer;
  private asked?: { search: NearbySearch; key: string };

  protected override wants(): CollectionName[] {
    return ['locations'];
  }

  protected override async loadData(loaded: LoadedFeed): Promise<NearbyData> {
    const feed = loaded.feed;
    const [search, places] = await Promise.all([
      nearbySearch(this.loader, loaded),
      // Without its gazetteer the element still works from the feed's addresses.
      isRef(feed.places) || feed.places.length ? this.loader.collection(loaded, 'places').then((c) => c.items, (e) => (console.warn(`[ess-widgets] ${e instanceof Error ? e.message : String(e)}`), [])) : [],
    ]);
    const d: NearbyData = { loaded, skipped: search.skipped, savedAt: savedCopyDate(loaded, search), search, geocoder: new Geocoder(places.length ? { places } : { places, addresses: search.addresses() }) };
    // The first list is drawn with its answer, not empty for the moment a worker takes to reply.
    const q = this.question(this.originIn(d));
    if (q) d.first = { key: q.key, hits: await search.nearest(q) };
    return d;
  }

  /** The starting point in force: the visitor's latest choice, else `near`, else `postcode`. */
  get origin(): Origin | undefined {
    return this.originIn(this.loadedData);
  }

  private originIn(d: NearbyData | undefined): Origin | undefined {
    if (this.chosen) return this.chosen;
    const near = parseLatLon(this.near);
    if (near) return { ...near, label: this.t('yourPoint') };
    if (this.postcode && d) {
      const p = d.geocoder.lookup(this.postcode, this.language.lang);
      if (p) return { ...p, named: true };
    }
    return undefined;
  }

  /** What to ask for a starting point: the filters, the number of rows and the distance in force. */
  private question(o: Origin | undefined): (NearestQuery & { key: string }) | undefined {
    if (!o) return undefined;
    const filter: LocationFilter = { categories: idList(this.categories), materials: idList(this.materials), regions: idList(this.region) };
    const maxMeters = this.maxDistance && this.maxDistance > 0 ? this.maxDistance : Infinity;
    const q = { lat: o.lat, lon: o.lon, limit: this.rowCount, maxMeters, filter };
    return { ...q, key: JSON.stringify(q) };
  }

  /** The nearest locations to the origin, closest first, as listed (while a new answer is on its way, the last one). */
  get results(): NearestHit<Location>[] {
    return this.origin ? (this.answer?.hits ?? []) : [];
  }

  /** Asks for the nearest locations when the question changed: at once on the page, or from the search's worker. */
  private ask(): void {
    const d = this.loadedData;
    const q = this.question(this.origin);
    if (!d || !q || (this.asked?.search === d.search && this.asked.key === q.key)) return;
    const asked = (this.asked = { search: d.search, key: q.key });
    if (d.first?.key === q.key) {
      this.answer = d.first;
      return;
    }
    const got = d.search.nearest(q);
    if (Array.isArray(got)) {
      this.answer = { key: q.key, hits: got };
      return;
    }
    got.then(
      (hits) => this.asked === asked && (this.answer = { key: q.key, hits }),
      (e: unknown) => {
        console.error(`[ess-widgets] ${e instanceof Error ? e.message : String(e)}`);
        void this.failureMessage('error.unexpected').then((m) => {
          if (this.asked !== asked) return;
          this.message = m;
          this.answer = { key: q.key, hits: [], failed: true };
        });
      },
    );
  }

  /** A question is on its way to the search's worker. */
  private get busy(): boolean {
    return !!this.asked && this.answer?.key !== this.asked.key;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The latest choice wins: the site changing the point after load replaces the visitor's.
    if (this.hasUpdated && (changed.has('near') || changed.has('postcode'))) {
      this.chosen = undefined;
      this.choice++;
    }
    this.ask();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const results = this.results;
    // Plain weekly hours are read without the opening-hours library (a large chunk): it loads only for the others.
    if (!openingHoursReady() && !hoursKnownWithoutLibrary(results.map((r) => r.item))) void loadOpeningHours().then(() => this.requestUpdate());
    if (!this.map || !results.length) return;
    if (this.watch.near) void this.drawMap(results);
    else this.watch.watchNear();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.copy ||= ++EssNearbyPoints.copies;
    // Moved in the page: the map was removed on disconnect; draw it again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeMap();
  }

  private removeMap(): void {
    this.mapState?.resize.disconnect();
    this.mapState?.map.remove();
    this.mapState = undefined;
  }

  private search(e: Event): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector('input') as HTMLInputElement;
    const q = input.value.trim();
    const d = this.loadedData;
    if (!q || !d) return;
    this.choice++;
    // The feed's own gazetteer only: nearby points asks no outside service.
    const p = d.geocoder.lookup(q, this.language.lang);
    if (!p) {
      this.message = this.t('placeUnknown', { query: q });
      return;
    }
    this.message = undefined;
    this.chosen = { ...p, named: true };
  }

  private async useLocation(): Promise<void> {
    this.message = undefined;
    this.locating = true;
    const mine = ++this.choice;
    const r = await locateOrExplain(this.geolocation === undefined ? navigator.geolocation : this.geolocation ?? undefined, (k) => this.t(k));
    this.locating = false;
    // The visitor typed a place (or the page set another point) meanwhile: that choice is the latest.
    if (mine !== this.choice) return;
    if ('point' in r) this.chosen = { ...r.point, label: this.t('yourLocation') };
    else this.message = r.message;
  }

  private select(loc: Location): void {
    this.selected = loc.id;
    this.emit('ess-location-select', { id: loc.id, location: loc });
  }

  private async drawMap(results: NearestHit<Location>[]): Promise<void> {
    const container = this.renderRoot.querySelector('.map') as HTMLElement | null;
    const o = this.origin;
    if (!container || !o) return;
    const { L, sheet } = await loadLeaflet();
    adoptLeafletCss(this.shadowRoot!, sheet);
    if (!container.isConnected) return;
    if (this.mapState?.map.getContainer() !== container) {
      // A new container (the list was empty in between): the old map goes with its observer.
      this.removeMap();
      // The list says everything the mini-map shows, so the map is hidden from assistive tech and the tab order.
      const map = L.map(container, { keyboard: false, scrollWheelZoom: false, zoomControl: false, zoomSnap: 0.25 });
      L.tileLayer(this.tileUrl, { attribution: mapCredit(this.tileAttribution, this.language.lang), maxZoom: 19 }).addTo(map);
      container.tabIndex = -1;
      const resize = new ResizeObserver(() => map.invalidateSize());
      resize.observe(container);
      this.mapState = { map, layer: L.layerGroup().addTo(map), resize };
    }
    const { map, layer } = this.mapState;
    layer.clearLayers();
    L.circleMarker([o.lat, o.lon], { radius: 6, color: '#0b57d0', fillOpacity: 0.9 }).addTo(layer);
    for (const r of results) {
      L.circleMarker([r.item.lat, r.item.lon], { radius: r.item.id === this.selected ? 9 : 6, color: '#00695c', weight: 2, fillOpacity: r.item.id === this.selected ? 0.9 : 0.5 })
        .on('click', () => this.select(r.item))
        .addTo(layer);
    }
    map.fitBounds(L.latLngBounds([[o.lat, o.lon], ...results.map((r) => [r.item.lat, r.item.lon] as [number, number])]).pad(0.15), { maxZoom: 17 });
    // The attribution appears once the map has a view; keep its links out of the tab order too.
    for (const a of container.querySelectorAll('a')) a.tabIndex = -1;
  }

  /** How many rows the list shows at most: `limit`, within 1–50. */
  private get rowCount(): number {
    return Math.max(1, Math.min(50, Math.floor(this.limit) || 5));
  }

  /**
   * While the feed loads, the box holds the height the list will take: the form, the heading, the
   * map and `limit` rows when a starting point is set; the form and the hint without one.
   */
  protected override renderLoading(): TemplateResult {
    const origin = !!parseLatLon(this.near) || !!this.postcode;
    return html`<div class="loading" style=${cssProps({ '--_rows': String(origin ? this.rowCount : 0), '--_map': origin && this.map ? '1' : '0' })} ?data-origin=${origin}>${super.renderLoading()}</div>`;
  }

  protected renderData(d: NearbyData): TemplateResult {
    const { locale } = this.language;
    const origin = this.origin;
    const results = this.results;
    const ctx: DetailContext = { feed: d.loaded.feed, t: (k, p) => this.t(k, p), text: (v) => this.text(v), locale, now: new Date(), directions: this.directions };
    return html`${this.renderNotices(d)}
      <form class="search" part="search" role="search" aria-label=${this.copy > 1 ? `${this.t('searchLandmark')} (${this.copy})` : this.t('searchLandmark')} @submit=${this.search}>
        <label for="place">${this.t('placeLabel')}</label>
        <div class="row">
          <input id="place" name="place" type="search" autocomplete="postal-code" enterkeyhint="search" .value=${origin?.named ? origin.label : ''} />
          <button type="submit" class="ess-button">${this.t('search')}</button>
        </div>
        <button type="button" class="link locate" @click=${this.useLocation} ?disabled=${this.locating}>
          ${this.locating ? this.t('locating') : this.t('useMyLocation')}
        </button>
      </form>
      <p class="message" part="message" role="status">${this.message ?? (!origin && this.postcode ? this.t('placeUnknown', { query: this.postcode }) : '')}</p>
      ${!origin
        ? html`<p class="hint">${this.t('hint')}</p>`
        : html`<h3 class="heading">${this.t('nearestTo', { place: origin.label })}</h3>
            ${results.length
              ? html`${this.map ? html`<div class="map" part="map" aria-hidden="true"></div>` : nothing}
                  <ol class="results" part="results" aria-busy=${this.busy ? 'true' : 'false'}>
                    ${results.map(
                      ({ item, distance }) => html`<li class="item" part="item" ?data-selected=${item.id === this.selected}>
                        <button type="button" class="name" @click=${() => this.select(item)}>${this.text(item.name)}</button>
                        <span class="distance" part="distance">${formatDistance(distance, locale)}</span>
                        ${addressLine(item) ? html`<span class="address">${addressLine(item)}</span>` : nothing}
                        ${renderMaterials(item, ctx)}
                        ${item.openingHours ? renderHours(item, ctx) : nothing}
                        ${renderActions(item, ctx)}
                      </li>`,
                    )}
                  </ol>`
              : this.busy
                ? html`<ol class="results" part="results" aria-busy="true"></ol>`
                : this.answer?.failed
                  ? nothing
                  : html`<p class="empty" part="message">${this.maxDistance ? this.t('noneWithin', { distance: formatDistance(this.maxDistance, locale) }) : this.t('none')}</p>`}`}`;
  }
}
