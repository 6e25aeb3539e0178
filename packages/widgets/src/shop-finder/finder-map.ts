/**
 * The finder's map: Leaflet with clusters from the index, drawn as a few
 * dozen light DOM markers for what is in view, never one per location.
 *
 * Keyboard: the map is one tab stop (not hundreds, Leaflet #3472). Arrow keys
 * move between the visible clusters and points, read out through a live
 * region; Enter zooms into a cluster or opens a point; + and − zoom; Shift +
 * arrows pan. Markers themselves are not focusable, so activating one never
 * throws focus around (Leaflet #8114).
 */
import type { LayerGroup, Map as LeafletMap, Marker, Point } from 'leaflet';
import { yieldToPage, type Location } from '@ess-widgets/core';
import { adoptLeafletCss, loadLeaflet, type Leaflet } from '../shared/leaflet.js';
import type { FinderBackend } from './finder-client.js';
import type { MapItem } from './finder-protocol.js';

export interface FinderMapOptions {
  tileUrl: string;
  attribution: string;
  center?: { lat: number; lon: number };
  zoom?: number;
  /** [west, south, east, north] of the directory, framed when no centre is given. */
  bbox?: [number, number, number, number];
  backend: FinderBackend;
  describe(item: MapItem): string;
  /** A single point was activated (click, tap, or Enter on the keyboard cursor). */
  onSelect(item: MapItem): void;
  /** Read out after the keyboard zooms into a cluster: how many clusters and points are now in view. */
  inView(count: number): string;
  mapLabel: string;
  zoomInLabel: string;
  zoomOutLabel: string;
  /** The view changed (pan or zoom): an index that reads by range lists what is now in view. */
  onMoved?(): void;
}

export class FinderMap {
  readonly ready: Promise<void>;
  private L?: Leaflet;
  private map?: LeafletMap;
  private layer?: LayerGroup;
  private items: MapItem[] = [];
  private markers: Marker[] = [];
  private cursor = -1;
  private nearMarker?: Marker;
  private selectedMarker?: Marker;
  /** Set when the keyboard zoomed into a cluster: the next drawing is read out. */
  private announceNext = false;
  private live: HTMLElement;
  private drawId = 0;
  private hasView = false;
  /** Set once the visitor moves the map: from then on a resize no longer re-frames it. */
  private touched = false;
  /** Where the keyboard's pan under way ends (layer pixels at the current zoom). */
  private panTo?: Point;
  private resize?: ResizeObserver;

  constructor(readonly container: HTMLElement, private root: ShadowRoot, private o: FinderMapOptions) {
    this.live = document.createElement('div');
    this.live.className = 'visually-hidden';
    this.live.setAttribute('aria-live', 'polite');
    container.after(this.live);
    this.ready = this.init();
  }

  private async init(): Promise<void> {
    const { L, sheet } = await loadLeaflet();
    // Removed while Leaflet loaded (the element left the page): no map on a container another may take.
    if (this.removed) return;
    adoptLeafletCss(this.root, sheet);
    // The map's first frame is three tasks, the page given the thread between them: the styles adopted,
    // the map made (its size read: the layout they change), then its tiles and view (one was 52–64 ms).
    await yieldToPage();
    if (this.removed) return;
    this.L = L;
    // No zoom animation: a map removed mid-animation throws inside Leaflet, and jumps suit reduced motion too.
    // Half zoom steps: the directory fills the first view better than with whole ones.
    // No tapHold: its simulated events are dispatched to the event's target, which in a shadow root is
    // the host on iOS Safari (the cause of Leaflet #6705); markers use native clicks, which work there.
    const map = L.map(this.container, { keyboard: false, zoomControl: true, attributionControl: true, minZoom: 3, zoomAnimation: false, markerZoomAnimation: false, tapHold: false, zoomSnap: 0.5 });
    await yieldToPage();
    if (this.removed) return void map.remove();
    this.map = map;
    L.tileLayer(this.o.tileUrl, { attribution: this.o.attribution, maxZoom: 19 }).addTo(map);
    this.layer = L.layerGroup().addTo(map);
    const c = this.container;
    c.tabIndex = 0;
    c.setAttribute('role', 'application');
    c.setAttribute('aria-roledescription', 'map');
    c.setAttribute('aria-label', this.o.mapLabel);
    c.addEventListener('keydown', (e) => this.onKey(e));
    map.on('moveend', () => {
      this.panTo = undefined;
      void this.draw();
      this.o.onMoved?.();
    });
    this.frame();
    this.hasView = true;
    for (const e of ['dragstart', 'zoomstart'] as const) map.on(e, () => (this.touched ||= this.framing === false));
    // A container that changes size (a list/map switch, a late layout) would leave grey tiles and an off-centre view.
    this.resize = new ResizeObserver(() => {
      map.invalidateSize({ pan: false });
      if (!this.touched) this.frame();
    });
    this.resize.observe(c);
    for (const [sel, label] of [['.leaflet-control-zoom-in', this.o.zoomInLabel], ['.leaflet-control-zoom-out', this.o.zoomOutLabel]]) {
      const a = c.querySelector(sel);
      a?.setAttribute('aria-label', label);
      a?.setAttribute('title', label);
    }
  }

  private framing = false;

  /** The initial view: the given centre, else every location. */
  private frame(): void {
    const map = this.map!;
    const b = this.o.bbox;
    this.framing = true;
    if (this.o.center) map.setView([this.o.center.lat, this.o.center.lon], this.o.zoom ?? 12);
    else if (b) map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [16, 16], maxZoom: 15 });
    else map.setView([50.5, 4.6], 8);
    this.framing = false;
  }

  /** A new first view (the `center` and `zoom` attributes changed): shown at once. */
  setInitialView(center: { lat: number; lon: number } | undefined, zoom: number | undefined): void {
    this.o.center = center;
    this.o.zoom = zoom;
    if (this.map) this.frame();
  }

  invalidate(): void {
    this.map?.invalidateSize();
  }

  private removed = false;

  remove(): void {
    this.removed = true;
    this.resize?.disconnect();
    this.map?.off();
    this.map?.remove();
    this.map = undefined;
    this.live.remove();
  }

  /**
   * Redraws after a filter change. With a reference point, frames it and
   * `nearest` (the first results of the list); when the point goes, the whole
   * directory again.
   */
  refresh(near?: { lat: number; lon: number }, nearest: { lat: number; lon: number }[] = []): Promise<void> {
    if (!this.map || !this.L || !this.hasView) return Promise.resolve();
    const had = this.nearMarker !== undefined;
    this.nearMarker?.remove();
    this.nearMarker = undefined;
    if (near) {
      this.touched = true;
      this.nearMarker = this.L.marker([near.lat, near.lon], { keyboard: false, interactive: false, icon: this.L.divIcon({ className: 'ess-near', iconSize: [24, 24] }) }).addTo(this.map);
      const key = JSON.stringify([near, nearest]);
      // The same search again (a page of results, hours arriving) leaves the view the visitor may have moved.
      if (key !== this.framedFor) {
        this.framedFor = key;
        this.framing = true;
        if (nearest.length) this.map.fitBounds(this.L.latLngBounds([[near.lat, near.lon], ...nearest.map((p) => [p.lat, p.lon] as [number, number])]), { padding: [32, 32], maxZoom: 15 });
        else this.map.setView([near.lat, near.lon], Math.max(this.map.getZoom(), 12));
        this.framing = false;
      }
    } else if (had) {
      this.framedFor = undefined;
      this.touched = false;
      this.frame();
    }
    return this.draw();
  }

  /** The search the current view was framed for. */
  private framedFor?: string;

  /** Where the map's view is centred, for tests: what a sighted visitor sees in the middle. */
  get view(): { lat: number; lon: number; bounds: [number, number, number, number] } | undefined {
    if (!this.map) return undefined;
    const c = this.map.getCenter();
    const b = this.map.getBounds();
    return { lat: c.lat, lon: c.lng, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
  }

  /**
   * Marks a location as selected and brings it into view. The mark is drawn
   * above the clusters, so it shows even where the point is inside one.
   */
  highlight(loc: Location | undefined): void {
    this.selectedMarker?.remove();
    this.selectedMarker = undefined;
    if (!this.map || !this.L) return;
    if (loc) {
      this.selectedMarker = this.L.marker([loc.lat, loc.lon], { keyboard: false, interactive: false, zIndexOffset: 10_000, icon: this.L.divIcon({ className: 'ess-pin selected', iconSize: [28, 28] }) }).addTo(this.map);
      this.selectedMarker.getElement()?.setAttribute('aria-hidden', 'true');
      // The chosen point comes to the middle (a pin at the edge would stay half hidden), closer when it was out of view.
      this.touched = true;
      const zoom = this.map.getBounds().contains([loc.lat, loc.lon]) ? this.map.getZoom() : Math.max(this.map.getZoom(), 15);
      this.map.setView([loc.lat, loc.lon], zoom);
      return;
    }
    void this.draw();
  }

  /** Where the selection mark is, for tests: what a sighted visitor sees highlighted. */
  get selectedAt(): { lat: number; lon: number } | undefined {
    const p = this.selectedMarker?.getLatLng();
    return p && { lat: p.lat, lon: p.lng };
  }

  private async draw(): Promise<void> {
    const map = this.map;
    const L = this.L;
    if (!map || !L || !this.layer || !this.hasView) return;
    const id = ++this.drawId;
    const b = map.getBounds();
    const items = await this.o.backend.call<MapItem[]>({ type: 'clusters', bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
    if (id !== this.drawId) return;
    // Reading order for the keyboard: top to bottom, then left to right.
    items.sort((a, c) => c.lat - a.lat || a.lon - c.lon);
    // The keyboard cursor stays on the same point or cluster when it is still drawn (a redraw after
    // a late query or a pan must not lose it), else starts again.
    const was = this.items[this.cursor];
    const same = (m: MapItem) => m.count === was.count && (was.count === 1 ? m.id === was.id : m.clusterId === was.clusterId);
    this.cursor = was ? items.findIndex(same) : -1;
    this.items = items;
    this.layer.clearLayers();
    this.markers = items.map((m, i) => {
      const cluster = m.count > 1;
      // 32 px for 10, 40 for 100, 48 for 1,000: never wider than the clustering radius (48 px).
      // Single points 24 px: the smallest target WCAG 2.2 allows (2.5.8).
      const size = cluster ? Math.min(52, 28 + Math.log10(m.count) * 8) : 24;
      const cls = `ess-pin${cluster ? ' cluster' : ''}${i === this.cursor ? ' cursor' : ''}`;
      const marker = L.marker([m.lat, m.lon], {
        keyboard: false,
        icon: L.divIcon({ className: cls, html: cluster ? `<span>${m.count}</span>` : '', iconSize: [size, size] }),
      });
      marker.on('click', () => void this.activate(m));
      marker.on('add', () => marker.getElement()?.setAttribute('aria-hidden', 'true'));
      return marker.addTo(this.layer!);
    });
    if (this.announceNext) {
      this.announceNext = false;
      this.live.textContent = this.o.inView(items.length);
    }
  }

  private async activate(m: MapItem, byKeyboard = false): Promise<void> {
    if (m.count > 1 && m.clusterId !== undefined) {
      const zoom = await this.o.backend.call<number>({ type: 'expansion', clusterId: m.clusterId });
      this.cursor = -1;
      this.announceNext = byKeyboard;
      this.touched = true;
      this.map?.setView([m.lat, m.lon], Math.min(zoom, 18));
    } else if (m.count === 1) {
      this.o.onSelect(m);
    }
  }

  private onKey(e: KeyboardEvent): void {
    this.touched = true;
    const map = this.map;
    if (!map || e.altKey || e.ctrlKey || e.metaKey) return;
    const step = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[e.key];
    if (step && e.shiftKey) {
      // From where the pan under way is going, not where it has got to: a key held down (or
      // pressed fast) moves 120 px a press, however short the animation left to the last one.
      const to = (this.panTo ?? map.project(map.getCenter())).add([step[0] * 120, step[1] * 120]);
      map.panTo(map.unproject(to));
      this.panTo = to;
    } else if (step) {
      if (!this.items.length) return;
      const forward = e.key === 'ArrowDown' || e.key === 'ArrowRight';
      this.cursor = this.cursor < 0 ? 0 : (this.cursor + (forward ? 1 : -1) + this.items.length) % this.items.length;
      this.announce();
    } else if (e.key === 'Enter' || e.key === ' ') {
      const m = this.items[this.cursor];
      if (!m) return;
      void this.activate(m, true);
    } else if (e.key === '+' || e.key === '=') {
      map.zoomIn();
    } else if (e.key === '-' || e.key === '_') {
      map.zoomOut();
    } else {
      return;
    }
    e.preventDefault();
  }

  private announce(): void {
    const m = this.items[this.cursor];
    this.markers.forEach((mk, i) => mk.getElement()?.classList.toggle('cursor', i === this.cursor));
    this.live.textContent = m ? `${this.o.describe(m)} (${this.cursor + 1}/${this.items.length})` : '';
  }

  /** What the keyboard cursor is on, for tests. */
  get current(): MapItem | undefined {
    return this.items[this.cursor];
  }
}
