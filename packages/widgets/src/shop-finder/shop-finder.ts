import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EssElement, formatDistance, parseLatLon, safeUrl, type FeedData, type LoadedFeed, type Location } from '@ess-widgets/core';
import { startFinderBackend, type BackendMode, type FinderBackend } from './finder-client.js';
import type { Facet, FinderFilter } from './finder-index.js';
import type { ListedItem, LoadResponse, MapItem, QueryResponse } from './finder-protocol.js';
import { FinderMap } from './finder-map.js';
import { finderStyles } from './shop-finder.styles.js';
import { finderMessages } from './shop-finder.messages.js';
import { hoursStatus, loadOpeningHours, openingHoursReady } from '../shared/hours.js';
import { addressLine, labelsOf, renderActions, renderHours, renderMaterials, type DetailContext } from '../shared/details.js';
import { locateOrExplain, type GeolocationLike } from '../shared/locate.js';
import { DEFAULT_ATTRIBUTION, DEFAULT_TILES, loadLeaflet } from '../shared/leaflet.js';
import { structuredData } from './structured-data.js';

export interface FinderData extends FeedData {
  backend: FinderBackend;
  count: number;
  bbox?: [number, number, number, number];
  /** Settles when every record is checked and indexed; the map shows before, the list after. */
  indexed: Promise<LoadResponse>;
}

const PAGE = 40;
const FACET_SHORT = 8;
const list = (v?: string | null) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const FACET_ATTR: Record<Facet, string> = { categories: 'cat', materials: 'mat', labels: 'label', organizations: 'org' };

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
 * @cssprop --ess-finder-height - Height of the map and list on wide containers (default 36em).
 * @cssprop --ess-finder-marker - Colour of map points and clusters (default: the accent colour).
 * @fires ess-location-select - A location was selected (list or map). Detail: `{ id, location }`.
 * @fires ess-search - The search or filters changed. Detail: `{ q, filter, total }`.
 */
export class EssShopFinder extends EssElement<FinderData> {
  static override styles = finderStyles;
  static override messages = finderMessages;

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
  /** Initial map centre "lat,lon". */
  @property() center?: string;
  /** Initial map zoom. */
  @property({ type: Number }) zoom?: number;
  /** Map tile URL template. */
  @property({ attribute: 'tile-url' }) tileUrl = DEFAULT_TILES;
  /** Map tile attribution (HTML, from the site owner). */
  @property({ attribute: 'tile-attribution' }) tileAttribution = DEFAULT_ATTRIBUTION;
  /** Directions provider: osm (default), google, apple, or an https template with {lat} {lon} {name}. */
  @property() directions?: string;
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
  @state() private filter: Record<Facet, string[]> = { categories: [], materials: [], labels: [], organizations: [] };
  @state() private openNow = false;
  @state() private near?: { lat: number; lon: number; label: string };
  @state() private result?: QueryResponse;
  @state() private items: ListedItem[] = [];
  @state() private fallback: ListedItem[] = [];
  @state() private detail?: ListedItem;
  @state() private message?: string;
  @state() private view: 'list' | 'map' = 'list';
  @state() private narrow = false;
  @state() private querying = false;
  /** The locations file could not be used (wrong shape): the list says so. */
  @state() private indexError = false;
  /** Facets whose full list of values the visitor asked to see. */
  @state() private expanded = new Set<Facet>();
  private map?: FinderMap;
  private resize?: ResizeObserver;
  private seen?: IntersectionObserver;
  private queryId = 0;
  private returnFocus?: string;
  private stopped = false;

  protected override async loadData(loaded: LoadedFeed): Promise<FinderData> {
    this.readUrl();
    const feed = loaded.feed;
    // The worker starts while the locations download.
    const starting = startFinderBackend(this.indexMode);
    let bytes: ArrayBuffer;
    let href = feed.url;
    let source = loaded.source;
    let fetchedAt = loaded.fetchedAt;
    if (Array.isArray(feed.locations)) {
      // Small feeds keep their locations inline: hand them to the index as a FeatureCollection.
      bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: feed.locations.map(toFeature) })).buffer as ArrayBuffer;
    } else {
      ({ href, bytes, source, fetchedAt } = await this.loader.collectionBody(loaded, 'locations'));
    }
    const backend = await starting;
    const res = await backend.call<LoadResponse>(
      {
        type: 'load',
        bytes,
        baseUrl: href,
        ids: { categories: feed.categories.map((c) => c.id), materials: feed.materials.map((m) => m.id), labels: feed.labels.map((l) => l.id), organizations: feed.organizations.map((o) => o.id) },
        organizationNames: feed.organizations.map((o) => [o.id, o.name]),
        keep: source === 'network' && href !== feed.url ? { fetchedAt } : undefined,
      },
      [bytes],
    );
    this.data.value?.backend.terminate();
    const indexed = backend.call<LoadResponse>({ type: 'index' });
    const data: FinderData = { loaded: source === 'cache' && loaded.source === 'network' ? { ...loaded, source: 'cache', fetchedAt } : loaded, skipped: loaded.skipped, backend, count: res.count, bbox: res.bbox, indexed };
    indexed.then(
      (r) => {
        if (r.problems.length) console.warn(`[ess-widgets] ${href}: ${r.skipped} location(s) skipped.\n${r.problems.slice(0, 20).map((p) => `  ${p.severity} ${p.path}: ${p.message}`).join('\n')}`);
        data.skipped = loaded.skipped + r.skipped;
        this.requestUpdate();
      },
      (e) => {
        console.error(`[ess-widgets] ${href}: ${e instanceof Error ? e.message : String(e)}`);
        this.indexError = true;
      },
    );
    return data;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page (page builders do): the index was stopped on removal, so load again.
    if (this.stopped) {
      this.stopped = false;
      this.result = undefined;
      void this.data.run();
    }
    this.resize = new ResizeObserver(([e]) => {
      // Side by side or a switch, by the element's own width, not the window's.
      const narrow = e.contentRect.width < 720;
      if (narrow !== this.narrow) this.narrow = narrow;
      this.map?.invalidate();
    });
    this.resize.observe(this);
    this.seen = new IntersectionObserver((entries) => {
      if (entries.some((x) => x.isIntersecting)) {
        this.seen?.disconnect();
        this.seen = undefined;
        void loadLeaflet(); // fetch the map code while the index builds
        void this.ensureMap();
      }
    }, { rootMargin: '300px' });
    this.seen.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.seen?.disconnect();
    this.map?.remove();
    this.map = undefined;
    this.loadedData?.backend.terminate();
    this.stopped = this.loadedData !== undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    for (const [attr, facet] of [['categories', 'categories'], ['materials', 'materials']] as const) {
      if (changed.has(attr)) this.filter = { ...this.filter, [facet]: list(this[attr]) };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const d = this.loadedData;
    if (!d) return;
    const keys = ['q', 'filter', 'openNow', 'near', 'region', 'organization', 'preferOrganization'];
    if (!this.result || keys.some((k) => (changed as Map<string, unknown>).has(k))) void this.runQuery();
    const itemsChanged = (changed as Map<string, unknown>).has('items');
    if (itemsChanged && this.items.some((i) => i.location.openingHours) && !openingHoursReady()) void loadOpeningHours().then(() => this.requestUpdate());
    if (this.structuredData && itemsChanged) structuredData(this, this.items.map((i) => i.location), d.loaded.feed, (v) => this.text(v));
    void this.ensureMap();
  }

  /** The filter sent to the index. */
  private async currentFilter(): Promise<FinderFilter> {
    const f: FinderFilter = { q: this.q, ...this.filter, region: this.region || undefined, prefer: this.preferOrganization };
    if (this.organization) f.organizations = [this.organization];
    if (this.near) f.near = { lat: this.near.lat, lon: this.near.lon };
    if (this.openNow) {
      await loadOpeningHours();
      const now = new Date();
      const samples = await this.loadedData!.backend.call<{ key: string; location: Location }[]>({ type: 'hours' });
      f.openKeys = samples.filter((s) => hoursStatus(s.location, now).state === 'open').map((s) => s.key);
    }
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
    const filter = await this.currentFilter();
    const res = await d.backend.call<QueryResponse>({ type: 'query', filter, limit: PAGE });
    if (id !== this.queryId) return;
    this.result = res;
    this.items = res.items;
    this.fallback = [];
    if (!res.total && this.near) {
      // Nothing matches here: offer the nearest locations anyway, rather than a dead end.
      this.fallback = await d.backend.call<ListedItem[]>({ type: 'nearest', lat: this.near.lat, lon: this.near.lon, n: 5, categories: list(this.categories) });
    }
    this.querying = false;
    this.writeUrl();
    this.map?.refresh(this.near);
    this.emit('ess-search', { q: this.q, filter, total: res.total });
  }

  private async more(): Promise<void> {
    const d = this.loadedData;
    if (!d) return;
    const first = this.items.length;
    const page = await d.backend.call<ListedItem[]>({ type: 'page', offset: first, limit: PAGE });
    this.items = [...this.items, ...page];
    await this.updateComplete;
    (this.renderRoot.querySelectorAll('.item .name')[first] as HTMLElement | undefined)?.focus();
  }

  private async ensureMap(): Promise<void> {
    const d = this.loadedData;
    const container = this.renderRoot.querySelector('.map') as HTMLElement | null;
    if (!d || !container || this.seen || (this.narrow && this.view !== 'map')) return;
    if (this.map?.container === container) return;
    this.map?.remove();
    this.map = new FinderMap(container, this.shadowRoot!, {
      tileUrl: this.tileUrl,
      attribution: this.tileAttribution,
      center: parseLatLon(this.center),
      zoom: this.zoom,
      bbox: d.bbox,
      backend: d.backend,
      describe: (m) => this.describeMapItem(m),
      onSelect: (index) => void this.openIndex(index, false),
      zoomInLabel: this.t('zoomIn'),
      zoomOutLabel: this.t('zoomOut'),
      mapLabel: this.t('mapLabel'),
    });
    await this.map.ready;
    this.map.refresh(this.near);
  }

  private describeMapItem(m: MapItem): string {
    if (m.count > 1) return this.t('cluster', { count: m.count });
    const cat = this.loadedData?.loaded.feed.categories.find((c) => c.id === m.category);
    return `${this.text(m.name)}${cat ? ` — ${this.text(cat.label)}` : ''}`;
  }

  private async openIndex(index: number, fromList: boolean): Promise<void> {
    const d = this.loadedData;
    if (!d) return;
    const location = await d.backend.call<Location>({ type: 'get', index });
    const listed = this.items.find((i) => i.index === index);
    this.open({ index, location, distance: listed?.distance }, fromList);
  }

  private open(item: ListedItem, fromList: boolean): void {
    this.detail = item;
    this.returnFocus = fromList ? item.location.id : undefined;
    if (this.narrow) this.view = 'list';
    this.map?.highlight(item.location);
    this.emit('ess-location-select', { id: item.location.id, location: item.location });
    void this.updateComplete.then(() => (this.renderRoot.querySelector('.detail h3') as HTMLElement | null)?.focus());
  }

  private closeDetail(): void {
    const id = this.returnFocus;
    this.detail = undefined;
    this.map?.highlight(undefined);
    void this.updateComplete.then(() => {
      const target = id ? this.renderRoot.querySelector(`.item[data-id="${CSS.escape(id)}"] .name`) : this.renderRoot.querySelector('.list-heading');
      (target as HTMLElement | null)?.focus();
    });
  }

  private async search(e: Event): Promise<void> {
    e.preventDefault();
    const q = ((this.renderRoot.querySelector('input[name="q"]') as HTMLInputElement).value ?? '').trim();
    this.message = undefined;
    this.detail = undefined;
    const d = this.loadedData;
    // A postcode or a town from the directory's own addresses sets the reference point…
    const place = q && d ? await d.backend.call<{ label: string; lat: number; lon: number } | null>({ type: 'place', q }) : null;
    if (place && /^\d{4,5}$/.test(q)) {
      this.near = place;
      this.q = '';
      return;
    }
    // …otherwise the text searches names, organizations, localities and postcodes.
    this.q = q;
    if (place) this.near = place;
    else if (q && this.geocoder) await this.geocode(q);
  }

  private async geocode(q: string): Promise<void> {
    const base = safeUrl(this.geocoder, document.baseURI, ['https:', 'http:']);
    if (!base) return;
    try {
      const url = new URL(base);
      url.searchParams.set('q', q);
      url.searchParams.set('format', 'jsonv2');
      url.searchParams.set('limit', '1');
      const res = await fetch(url, { credentials: 'omit' });
      const [hit] = (await res.json()) as { lat: string; lon: string; display_name?: string }[];
      if (hit && Number.isFinite(+hit.lat) && Number.isFinite(+hit.lon)) {
        this.q = '';
        this.near = { lat: +hit.lat, lon: +hit.lon, label: String(hit.display_name ?? q).slice(0, 120) };
      }
    } catch {
      /* the geocoder is optional: the text search stands */
    }
  }

  private async locate(): Promise<void> {
    this.message = undefined;
    const r = await locateOrExplain(this.geolocation, (k) => this.t(k));
    if ('point' in r) this.near = { ...r.point, label: this.t('yourLocation') };
    else this.message = r.message;
  }

  private toggle(facet: Facet, id: string, on: boolean): void {
    const cur = this.filter[facet];
    this.filter = { ...this.filter, [facet]: on ? [...cur, id] : cur.filter((x) => x !== id) };
    this.detail = undefined;
  }

  /** Clears the search, the filters and the reference point (the element's own presets stay). */
  clearAll(): void {
    this.q = '';
    this.openNow = false;
    this.near = undefined;
    this.filter = { categories: [], materials: [], labels: [], organizations: [] };
    const input = this.renderRoot.querySelector('input[name="q"]') as HTMLInputElement | null;
    if (input) input.value = '';
  }

  private readUrl(): void {
    if (!this.syncUrl) return;
    const p = new URLSearchParams(location.search);
    this.q = p.get('ess-q') ?? '';
    for (const facet of Object.keys(FACET_ATTR) as Facet[]) {
      const v = p.get(`ess-${FACET_ATTR[facet]}`);
      if (v !== null) this.filter = { ...this.filter, [facet]: list(v) };
    }
    this.openNow = p.get('ess-open') === '1';
    const near = parseLatLon(p.get('ess-near'));
    if (near) this.near = { ...near, label: p.get('ess-place') ?? this.t('thisPlace') };
  }

  private writeUrl(): void {
    if (!this.syncUrl) return;
    const p = new URLSearchParams(location.search);
    const set = (k: string, v: string) => (v ? p.set(k, v) : p.delete(k));
    set('ess-q', this.q);
    for (const facet of Object.keys(FACET_ATTR) as Facet[]) set(`ess-${FACET_ATTR[facet]}`, this.filter[facet].join(','));
    set('ess-open', this.openNow ? '1' : '');
    set('ess-near', this.near ? `${this.near.lat.toFixed(5)},${this.near.lon.toFixed(5)}` : '');
    set('ess-place', this.near?.label ?? '');
    const query = p.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }

  private ctx(): DetailContext {
    return { feed: this.loadedData!.loaded.feed, t: (k, p) => this.t(k, p), text: (v) => this.text(v), locale: this.language.locale, now: new Date(), directions: this.directions };
  }

  protected renderData(d: FinderData): TemplateResult {
    const showList = !this.narrow || this.view === 'list';
    const showMap = !this.narrow || this.view === 'map';
    return html`${this.renderNotices(d)}
      ${this.renderSearch()}
      <p class="message" part="message" role="status">${this.message ?? ''}</p>
      ${this.narrow
        ? html`<div class="toggle" part="toggle" role="group" aria-label=${this.t('view')}>
            <button type="button" aria-pressed=${String(this.view === 'list')} @click=${() => (this.view = 'list')}>${this.t('list')}</button>
            <button type="button" aria-pressed=${String(this.view === 'map')} @click=${() => (this.view = 'map')}>${this.t('map')}</button>
          </div>`
        : nothing}
      <div class="panes" ?data-narrow=${this.narrow}>
        <div class="list-pane" ?hidden=${!showList} aria-busy=${String(this.querying)}>${this.detail ? this.renderDetail(this.detail) : this.renderList()}</div>
        <div class="map-pane" ?hidden=${!showMap}>
          <div class="map" part="map"></div>
          <p class="map-help">${this.t('mapHelp')}</p>
        </div>
      </div>`;
  }

  private renderSearch(): TemplateResult {
    const feed = this.loadedData!.loaded.feed;
    const counts = this.result?.counts;
    const facet = (name: Facet, title: string, options: { id: string; label: string }[]) => {
      const available = options.filter((o) => (counts?.[name][o.id] ?? 0) > 0 || this.filter[name].includes(o.id));
      if (!available.length) return nothing;
      // Long lists (63 members…) show their first values, checked ones always, and a button for the rest.
      const long = available.length > FACET_SHORT && !this.expanded.has(name);
      const shown = long ? available.filter((o, i) => i < FACET_SHORT || this.filter[name].includes(o.id)) : available;
      return html`<fieldset class="facet">
        <legend>${title}</legend>
        ${shown.map(
          (o) => html`<label class="check"><input type="checkbox" .checked=${this.filter[name].includes(o.id)}
              @change=${(e: Event) => this.toggle(name, o.id, (e.target as HTMLInputElement).checked)} />
            <span>${o.label}</span> <span class="count">(${counts?.[name][o.id] ?? 0})</span></label>`,
        )}
        ${long ? html`<button type="button" class="link more-values" @click=${() => (this.expanded = new Set([...this.expanded, name]))}>${this.t('showAllValues', { count: available.length })}</button>` : nothing}
      </fieldset>`;
    };
    const active = this.activeFilterCount();
    return html`<form class="search" part="search" role="search" aria-label=${this.t('searchLandmark')} @submit=${this.search}>
        <label for="q">${this.t('searchLabel')}</label>
        <div class="row">
          <input id="q" name="q" type="search" .value=${this.q} enterkeyhint="search" autocomplete="off" />
          <button type="submit" class="ess-button">${this.t('search')}</button>
        </div>
        <div class="row secondary">
          <button type="button" class="link" @click=${this.locate}>${this.t('useMyLocation')}</button>
          ${this.near ? html`<span class="near">${this.t('sortedFrom', { place: this.near.label })} <button type="button" class="link" @click=${() => (this.near = undefined)}>${this.t('clearPlace')}</button></span>` : nothing}
        </div>
      </form>
      <details class="filters" part="filters" ?open=${!this.narrow}>
        <summary>${this.t('filters')}${active ? ` (${active})` : ''}</summary>
        <div class="facets">
          ${facet('categories', this.t('category'), feed.categories.map((c) => ({ id: c.id, label: this.text(c.label) })))}
          ${facet('materials', this.t('material'), feed.materials.map((m) => ({ id: m.id, label: this.text(m.label) })))}
          ${facet('labels', this.t('label'), feed.labels.map((l) => ({ id: l.id, label: this.text(l.label) })))}
          ${this.organization ? nothing : facet('organizations', this.t('organization'), feed.organizations.map((o) => ({ id: o.id, label: o.name })))}
          <label class="check open-now"><input type="checkbox" .checked=${this.openNow} @change=${(e: Event) => (this.openNow = (e.target as HTMLInputElement).checked)} /> <span>${this.t('openNow')}</span></label>
        </div>
      </details>`;
  }

  private activeFilterCount(): number {
    return Object.values(this.filter).reduce((n, l) => n + l.length, 0) + (this.openNow ? 1 : 0);
  }

  private renderList(): TemplateResult {
    if (this.indexError) return html`<div class="ess-state" data-state="error" role="alert"><p>${this.t('error.shape')}</p></div>`;
    const total = this.result?.total;
    const { locale } = this.language;
    if (total === 0) {
      const parts = [this.q && `“${this.q}”`, ...(Object.entries(this.filter) as [Facet, string[]][]).flatMap(([f, ids]) => ids.map((id) => this.facetLabel(f, id))), this.openNow && this.t('openNow')].filter(Boolean);
      return html`<div class="empty">
        <h3 class="list-heading" tabindex="-1">${this.t('noResult')}</h3>
        ${parts.length ? html`<p>${this.t('activeFilters', { filters: parts.join(', ') })}</p>` : nothing}
        <button type="button" class="ess-button" @click=${() => this.clearAll()}>${this.t('clearFilters')}</button>
        ${this.fallback.length ? html`<h4>${this.t('nearestAnyway')}</h4>${this.renderItems(this.fallback)}` : nothing}
      </div>`;
    }
    return html`<h3 class="list-heading" tabindex="-1" aria-live="polite">${total === undefined ? this.t('loading') : this.t('results', { count: total, formatted: total.toLocaleString(locale) })}</h3>
      ${this.renderItems(this.items)}
      ${total !== undefined && this.items.length < total
        ? html`<button type="button" class="more ess-button" @click=${this.more}>${this.t('showMore', { count: Math.min(PAGE, total - this.items.length) })}</button>`
        : nothing}`;
  }

  private facetLabel(f: Facet, id: string): string {
    const feed = this.loadedData!.loaded.feed;
    const rec = f === 'organizations' ? feed.organizations.find((o) => o.id === id) : (feed[f] as { id: string; label: never }[]).find((x) => x.id === id);
    if (!rec) return id;
    return 'name' in rec ? (rec as { name: string }).name : this.text((rec as { label: never }).label);
  }

  private renderItems(items: ListedItem[]): TemplateResult {
    const ctx = this.ctx();
    const feed = ctx.feed;
    return html`<ol class="list" part="list">
      ${items.map((it) => {
        const l = it.location;
        const cats = labelsOf(l.categories, feed.categories);
        return html`<li class="item" part="item" data-id=${l.id}>
          <button type="button" class="name" @click=${() => this.open(it, true)}>${this.text(l.name)}</button>
          ${it.distance !== undefined ? html`<span class="distance">${formatDistance(it.distance, ctx.locale)}</span>` : nothing}
          <span class="cats">${cats.map((c) => html`<span class="cat" style=${c.color ? `--_c:${c.color}` : ''}>${this.text(c.label)}</span>`)}</span>
          ${addressLine(l) ? html`<span class="address">${addressLine(l)}</span>` : nothing}
          ${l.openingHours ? renderHours(l, ctx) : nothing}
        </li>`;
      })}
    </ol>`;
  }

  private renderDetail(it: ListedItem): TemplateResult {
    const ctx = this.ctx();
    const l = it.location;
    const feed = ctx.feed;
    const org = feed.organizations.find((o) => o.id === l.organization);
    const labels = labelsOf(l.labels, feed.labels);
    const wheel = l.accessibility?.wheelchair;
    return html`<section class="detail" part="detail" aria-labelledby="detail-title"
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.preventDefault(), this.closeDetail())}>
      <button type="button" class="link back" @click=${this.closeDetail}>← ${this.t('backToList')}</button>
      <h3 id="detail-title" tabindex="-1">${this.text(l.name)}</h3>
      <p class="cats">${labelsOf(l.categories, feed.categories).map((c) => html`<span class="cat" style=${c.color ? `--_c:${c.color}` : ''}>${this.text(c.label)}</span>`)}</p>
      <dl>
        ${addressLine(l) ? html`<dt>${this.t('address')}</dt><dd>${addressLine(l)}${it.distance !== undefined ? ` (${formatDistance(it.distance, ctx.locale)})` : ''}</dd>` : nothing}
        <dt>${this.t('hours')}</dt><dd>${renderHours(l, ctx)}${l.openingHours ? html`<br /><code class="raw-hours">${l.openingHours}</code>` : nothing}</dd>
        ${l.materials.length ? html`<dt>${this.t('material')}</dt><dd>${renderMaterials(l, ctx)}</dd>` : nothing}
        ${org ? html`<dt>${this.t('organization')}</dt><dd>${org.url ? html`<a href=${org.url} target="_blank" rel="noopener">${org.name}</a>` : org.name}</dd>` : nothing}
        ${labels.length ? html`<dt>${this.t('label')}</dt><dd>${labels.map((x, i) => html`${i ? ' · ' : ''}${x.url ? html`<a href=${x.url} target="_blank" rel="noopener">${this.text(x.label)}</a>` : this.text(x.label)}`)}</dd>` : nothing}
        ${wheel ? html`<dt>${this.t('accessibility')}</dt><dd>${this.t(`wheelchair.${wheel}`)}</dd>` : nothing}
        ${l.description ? html`<dt>${this.t('description')}</dt><dd class="description">${this.text(l.description)}</dd>` : nothing}
      </dl>
      ${renderActions(l, ctx, true)}
    </section>`;
  }
}

function toFeature(l: Location): unknown {
  const { id, lon, lat, ...properties } = l;
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}
