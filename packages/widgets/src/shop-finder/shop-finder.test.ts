import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { sendKeys } from '@web/test-runner-commands';
import { FeedLoader, missingMessages, placeholderMismatches } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import type { EssShopFinder, FinderSearchDetail } from './shop-finder.js';
import { finderMessages } from './shop-finder.messages.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

function features() {
  const extra = [
    feature('rep-ixl', 4.37, 50.83, { name: 'Atelier de réparation vélos', categories: ['repair'], organization: 'org-a', address: { street: 'Rue Longue 3', postcode: '1050', locality: 'Ixelles', region: 'BE-BRU', country: 'BE' }, labels: ['recup'], phone: '+32 2 555 66 77', website: 'https://velos.example.org/', accessibility: { wheelchair: 'limited' } }),
    feature('evil', 4.36, 50.84, { name: '<img src=x onerror="window.__pwned=1">', categories: ['shop'], website: 'javascript:window.__pwned=1', description: '<script>window.__pwned=1</script>' }),
  ];
  for (let i = 0; i < 60; i++) extra.push(feature(`bubble-${i}`, 4.3 + (i % 10) * 0.01, 50.8 + Math.floor(i / 10) * 0.01, { name: `Bulle ${i}`, categories: ['collection-point'], materials: ['textile'], address: { postcode: '1000', locality: 'Bruxelles', region: 'BE-BRU', country: 'BE' } }));
  return [...(minimalFeed().locations as unknown[]), ...extra];
}

let net: ReturnType<typeof fakeFetch>;
let loader: FeedLoader;

function finder(attrs: string): Promise<EssShopFinder> {
  return mount(`<ess-shop-finder tile-url="${TILE}" ${attrs}></ess-shop-finder>`, loader, '1000px');
}

const $ = (el: EssShopFinder, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement | null;
const $$ = (el: EssShopFinder, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)] as HTMLElement[];
const names = (el: EssShopFinder) => $$(el, '.list .item .name').map((n) => n.textContent);

const until = (fn: () => unknown, what: string) => waitUntil(fn, `timed out waiting for ${what}`, { timeout: 5000 });

/** The list as the reader sees it once it is no longer busy: results (or the error state) shown. */
async function ready(el: EssShopFinder): Promise<void> {
  await until(() => $(el, '[data-state="error"]') || ($(el, '.list-pane[aria-busy="false"]') && $(el, '.list-heading')), 'the list');
  await el.updateComplete;
}

/** The next `ess-search` the element sends whose detail passes `match`. */
function nextSearch(el: EssShopFinder, match: (d: FinderSearchDetail) => boolean = () => true): Promise<FinderSearchDetail> {
  return new Promise((resolve) => {
    const on = (e: CustomEvent<FinderSearchDetail>) => {
      if (!match(e.detail)) return;
      el.removeEventListener('ess-search', on);
      resolve(e.detail);
    };
    el.addEventListener('ess-search', on);
  });
}

/** Submits a search and waits for its answer: every submission ends with one `ess-search` event. */
async function search(el: EssShopFinder, q: string): Promise<void> {
  ($(el, 'input[name="q"]') as HTMLInputElement).value = q;
  const searched = oneEvent(el, 'ess-search');
  ($(el, 'form') as HTMLFormElement).requestSubmit();
  await searched;
  await ready(el);
  await el.updateComplete;
}

/** The zoom levels of the tiles on screen (the tile URL template carries `#{z}`). */
const tileZooms = (el: EssShopFinder) => $$(el, '.leaflet-tile').map((t) => Number(/#(\d+)/.exec(t.getAttribute('src') ?? '')?.[1]));

describe('<ess-shop-finder>', () => {
  beforeEach(() => {
    net = fakeFetch({
      '/finder/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
      '/finder/locations.geojson': { json: { type: 'FeatureCollection', features: features() } },
    });
    loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
  });

  it('is accessible loading, loaded, empty and in error', async () => {
    net.route('/finder/slow.json', { json: minimalFeed(), delay: 100 });
    const slow = await finder('feed="/finder/slow.json"');
    expect($(slow, '[data-state="loading"]')).to.exist;
    await expect(slow).to.be.accessible();
    const el = await finder('feed="/finder/feed.json" lang="fr"');
    await ready(el);
    await until(() => $(el, '.leaflet-container'), 'the map');
    await expect(el).to.be.accessible();
    await search(el, 'zzz-nothing');
    expect($(el, '.message')!.textContent, 'an unknown place').to.contain('zzz-nothing');
    await expect(el).to.be.accessible();
    const bad = await finder('feed="/finder/missing.json"');
    await ready(bad);
    await expect(bad).to.be.accessible();
  });

  it('is accessible when nothing matches the filters', async () => {
    const empty = await finder('feed="/finder/feed.json" categories="repair" materials="textile" lang="fr"');
    await ready(empty);
    expect($(empty, '.empty')).to.exist;
    await expect(empty).to.be.accessible();
  });

  it('keeps its height from loading to loaded when wide, and never shrinks when narrow', async () => {
    net.route('/finder/slow-feed.json', { json: minimalFeed({ locations: { href: 'locations.geojson' }, sample: true }), delay: 150 });
    for (const width of ['1000px', '360px']) {
      const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="/finder/slow-feed.json" lang="en"></ess-shop-finder>`, loader, width);
      expect($(el, '[data-state="loading"]'), 'loading').to.exist;
      const loading = el.getBoundingClientRect().height;
      expect(loading, 'the default --ess-finder-height').to.be.closeTo(40 * parseFloat(getComputedStyle(el).fontSize), 0.5);
      await ready(el);
      await until(() => $(el, '.list .item'), 'the list');
      await until(() => $(el, '.leaflet-container') || width === '360px', 'the map');
      expect($(el, '[data-kind="sample"]'), 'the sample notice').to.exist;
      // Wide, the panes scroll inside a frame of fixed height. Narrow, the list grows with the page
      // (no box scrolling inside it): never shorter than the frame reserved while loading.
      if (width === '1000px') expect(el.getBoundingClientRect().height, `height at ${width}`).to.be.closeTo(loading, 0.5);
      else expect(el.getBoundingClientRect().height, `height at ${width}`).to.be.at.least(loading - 0.5);
    }
  });

  it('lists every location, a page at a time, with counts per filter', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    expect($(el, '.list-heading')!.textContent).to.equal('65 locations');
    expect(names(el)).to.have.length(40);
    ($(el, 'button.more') as HTMLButtonElement).click();
    await until(() => names(el).length === 65, 'the second page');
    const counts = $$(el, '.facet').find((f) => f.textContent!.includes('Type'))!.textContent!.replace(/\s+/g, ' ');
    expect(counts).to.contain('Second-hand shop (2)').and.contain('Textile bank (61)');
    // The same search asked again (as when the hours arrive): the page the visitor opened stays open.
    const again = nextSearch(el);
    el.region = '';
    await again;
    await el.updateComplete;
    expect(names(el)).to.have.length(65);
  });

  it('keeps the page the visitor opened when the same search is asked again at that moment (the hours arriving)', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    expect(names(el)).to.have.length(40);
    const again = nextSearch(el);
    ($(el, 'button.more') as HTMLButtonElement).click();
    el.region = '';
    await again;
    await until(() => names(el).length === 65, 'the second page');
    await el.updateComplete;
    expect(names(el)).to.have.length(65);
  });

  it('searches without accents or case, by locality and postcode', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    await search(el, 'REPARATION');
    expect(names(el)).to.deep.equal(['Atelier de réparation vélos']);
    // A town sets where the visitor is: everything, nearest first.
    await search(el, 'liege');
    expect($(el, '.near')!.textContent).to.contain('Liège');
    expect(names(el)[0]).to.equal('Atelier Liège');
  });

  it('a postcode sets the reference point: nearest first, with distances', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    await search(el, '5000');
    expect($(el, '.near')!.textContent).to.contain('5000 Namur');
    expect(names(el)[0]).to.equal('Boutique Namur');
    const d = $$(el, '.list .distance').map((x) => x.textContent);
    expect(d[0]).to.equal('0 m');
    expect(d).to.have.length(40);
  });

  it('filters by category, and offers to clear filters when nothing matches, with the nearest anyway', async () => {
    const el = await finder('feed="/finder/feed.json" categories="repair" materials="textile" lang="en"');
    await ready(el);
    expect($(el, '.empty h3')!.textContent).to.equal('No location matches.');
    expect($(el, '.empty')!.textContent).to.contain('Active search and filters: Repair workshop, Textiles.');
    await search(el, '1050');
    await until(() => $(el, '.empty h4'), 'nearest anyway');
    expect($(el, '.empty h4')!.textContent).to.equal('The nearest locations anyway:');
    const cleared = nextSearch(el, (d) => d.total === 65);
    ($(el, '.empty .ess-button') as HTMLButtonElement).click();
    await cleared;
    await ready(el);
    expect($(el, '.list-heading')!.textContent).to.equal('65 locations');
  });

  it('follows the keyboard path: search → filters → list → Enter opens detail → Escape returns focus', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    ($(el, 'input[name="q"]') as HTMLInputElement).focus();
    await sendKeys({ type: 'ixelles' });
    const searched = oneEvent(el, 'ess-search');
    await sendKeys({ press: 'Enter' });
    await searched;
    await ready(el);
    expect([...names(el).slice(0, 2)].sort(), 'the two in Ixelles, nearest first').to.deep.equal(['Atelier de réparation vélos', 'Bulle Ixelles']);
    // The filters start folded: Tab to their heading, Enter opens them.
    for (let i = 0; i < 6 && el.shadowRoot!.activeElement?.tagName !== 'SUMMARY'; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.tagName).to.equal('SUMMARY');
    await sendKeys({ press: 'Enter' });
    expect(($(el, 'details.filters') as HTMLDetailsElement).open).to.equal(true);
    const repair = $$(el, '.facet input').find((i) => i.parentElement!.textContent!.includes('Repair workshop')) as HTMLInputElement;
    repair.focus();
    const filtered = nextSearch(el, (d) => d.filter.categories.includes('repair'));
    await sendKeys({ press: 'Space' });
    await filtered;
    await ready(el);
    expect(names(el)).to.deep.equal(['Atelier de réparation vélos', 'Atelier Liège']);
    const item = $(el, '.list .item .name') as HTMLButtonElement;
    item.focus();
    let selected: string | undefined;
    el.addEventListener('ess-location-select', (e) => (selected = e.detail.id));
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.detail'), 'the detail');
    await el.updateComplete;
    expect(selected).to.equal('rep-ixl');
    expect(el.shadowRoot!.activeElement?.id).to.equal('detail-title');
    const detail = $(el, '.detail')!.textContent!.replace(/\s+/g, ' ');
    expect(detail).to.contain('Rue Longue 3, 1050 Ixelles').and.contain('Organisation A').and.contain("Rec'Up").and.contain('Limited');
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '.detail'), 'the list again');
    await until(() => el.shadowRoot!.activeElement?.textContent === 'Atelier de réparation vélos', 'focus back on the item');
  });

  it('renders a hostile feed as inert text', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    await search(el, 'img');
    expect(names(el)).to.deep.equal(['<img src=x onerror="window.__pwned=1">']);
    ($(el, '.list .item .name') as HTMLButtonElement).click();
    await until(() => $(el, '.detail'), 'the detail');
    expect(el.shadowRoot!.querySelector('img:not(.leaflet-tile)')).to.equal(null);
    expect($(el, '.description')!.textContent).to.equal('<script>window.__pwned=1</script>');
    expect($$(el, 'a').some((a) => a.getAttribute('href')!.startsWith('javascript:'))).to.equal(false);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('the map is one tab stop; arrow keys move between clusters and points, Enter zooms in', async () => {
    const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}#{z}" feed="/finder/feed.json" lang="en"></ess-shop-finder>`, loader, '1000px');
    await ready(el);
    await until(() => $$(el, '.ess-pin').length > 0, 'map markers');
    const map = $(el, '.map')!;
    expect(map.tabIndex).to.equal(0);
    expect($$(el, '.map [tabindex="0"], .map button').length, 'no other tab stop in the map').to.equal(0);
    expect($$(el, '.ess-pin').length).to.be.lessThan(65);
    map.focus();
    await sendKeys({ press: 'ArrowRight' });
    const live = $(el, '[aria-live="polite"].visually-hidden')!;
    const pins = $$(el, '.ess-pin').length;
    // The first marker, read out as a group to zoom into or as one named location of a known type.
    expect(live.textContent).to.match(new RegExp(`^(\\d+ locations, zoom in|[^()]+ — (Second-hand shop|Repair workshop|Textile bank)) \\(1/${pins}\\)$`));
    expect($$(el, '.ess-pin.cursor'), 'the cursor is drawn on one marker').to.have.length(1);
    for (let i = 0; i < pins && !/locations, zoom in/.test(live.textContent!); i++) await sendKeys({ press: 'ArrowRight' });
    const cluster = live.textContent!.match(/^(\d+) locations, zoom in/);
    expect(cluster, 'the cursor reached a cluster').to.not.equal(null);
    expect(Number(cluster![1])).to.be.greaterThan(1);
    expect($(el, '.ess-pin.cursor.cluster')!.textContent, 'the cursor is on the cluster read out').to.equal(cluster![1]);
    // A redraw (here: the map resized, as when the page reflows) keeps the cursor on the same cluster.
    const drawn = $(el, '.ess-pin.cursor')!;
    (el.parentElement as HTMLElement).style.width = '990px';
    await until(() => !drawn.isConnected, 'the markers redrawn');
    await until(() => $(el, '.ess-pin.cursor'), 'the cursor redrawn');
    expect($(el, '.ess-pin.cursor.cluster')!.textContent, 'the same cluster after the redraw').to.equal(cluster![1]);
    const before = Math.max(...tileZooms(el));
    await sendKeys({ press: 'Enter' });
    await until(() => tileZooms(el).some((z) => z > before), 'tiles of a closer zoom');
    await until(() => live.textContent!.startsWith('Zoomed in'), 'the new view read out');
    expect(live.textContent).to.match(/^Zoomed in: (\d+ points and groups|one point or group) in view\.$/);
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(map);
  });

  it('selecting in the list marks the point on the map; closing the detail takes the mark away', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    await until(() => $$(el, '.ess-pin').length > 0, 'map markers');
    await search(el, 'liege');
    ($(el, '.list .item .name') as HTMLButtonElement).click();
    await until(() => $(el, '.detail'), 'the detail');
    await until(() => $(el, '.ess-pin.selected'), 'the mark on the map');
    // The mark is drawn inside the visible map, alone.
    const box = $(el, '.map')!.getBoundingClientRect();
    const mark = $(el, '.ess-pin.selected')!.getBoundingClientRect();
    expect($$(el, '.ess-pin.selected')).to.have.length(1);
    expect(mark.left >= box.left && mark.right <= box.right && mark.top >= box.top && mark.bottom <= box.bottom, 'the mark is in view').to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '.detail'), 'the list again');
    expect($(el, '.ess-pin.selected')).to.equal(null);
  });

  it('a point chosen on the map opens in the list; Escape returns focus to the map', async () => {
    const el = await finder('feed="/finder/feed.json" center="50.8333,4.3719" zoom="18" lang="en"');
    await ready(el);
    await until(() => $$(el, '.ess-pin').length > 0, 'map markers');
    let selected: string | undefined;
    el.addEventListener('ess-location-select', (e) => (selected = e.detail.id));
    const map = $(el, '.map')!;
    map.focus();
    await sendKeys({ press: 'ArrowDown' });
    const live = $(el, '[aria-live="polite"].visually-hidden')!;
    expect(live.textContent).to.match(/^Bulle Ixelles — Textile bank \(1\/\d+\)$/);
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.detail'), 'the detail');
    await el.updateComplete;
    expect($(el, '#detail-title')!.textContent).to.equal('Bulle Ixelles');
    expect(selected).to.equal('ixelles-bubble');
    expect(el.shadowRoot!.activeElement?.id).to.equal('detail-title');
    await sendKeys({ press: 'Escape' });
    await until(() => el.shadowRoot!.activeElement === map, 'focus back on the map');
    // The pointer path: a click on the marker opens it too.
    selected = undefined;
    $(el, '.ess-pin:not(.cluster):not(.selected)')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: 1, clientY: 1 }));
    await until(() => selected, 'the selection by click');
    expect(selected).to.equal('ixelles-bubble');
  });

  it('follows changes of center, zoom and tile-url after the map is drawn', async () => {
    const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}#{z}/{x}/{y}" feed="/finder/feed.json" lang="en"></ess-shop-finder>`, loader, '1000px');
    await ready(el);
    await until(() => $(el, '.leaflet-tile'), 'tiles');
    el.center = '50.4669,4.8675';
    el.zoom = 14;
    await el.updateComplete;
    // The tile that holds Namur at zoom 14 (Web Mercator tile numbers), and only tiles of zoom 14, are shown.
    const n = 2 ** 14;
    const lat = (50.4669 * Math.PI) / 180;
    const x = Math.floor(((4.8675 + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
    const srcs = () => $$(el, '.leaflet-tile').map((t) => t.getAttribute('src')!.split('#')[1]);
    await until(() => srcs().includes(`14/${x}/${y}`) && tileZooms(el).every((z) => z === 14), 'the tiles of the new view');
    // The centre tile is in the middle of the map.
    const centre = $$(el, '.leaflet-tile').find((t) => t.getAttribute('src')!.endsWith(`#14/${x}/${y}`))!.getBoundingClientRect();
    const box = $(el, '.map')!.getBoundingClientRect();
    expect(centre.left <= box.left + box.width / 2 && centre.right >= box.left + box.width / 2).to.equal(true);
    const other = `${TILE}#other/{z}`;
    el.tileUrl = other;
    await el.updateComplete;
    await until(() => $$(el, '.leaflet-tile').length && srcs().every((s) => s.startsWith('other/')), 'the new tiles');
    expect(srcs().every((s) => s === 'other/14'), 'the view is kept').to.equal(true);
  });

  it('asks for the position only when "use my location" is pressed, and says so when refused', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    let asked = 0;
    let allow = false;
    el.geolocation = {
      getCurrentPosition: (ok, fail) => {
        asked++;
        if (allow) ok({ coords: { latitude: 50.4669, longitude: 4.8675 } } as GeolocationPosition);
        else fail?.({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError);
      },
    };
    await ready(el);
    await until(() => $(el, '.leaflet-container'), 'the map');
    expect(asked).to.equal(0);
    ($(el, 'button.locate') as HTMLButtonElement).click();
    await until(() => $(el, '.message')!.textContent, 'the message');
    expect(asked).to.equal(1);
    expect($(el, '.message')!.textContent).to.equal('Location access was refused. Type a postcode or a town instead.');
    expect($(el, '.message')!.getAttribute('role')).to.equal('status');
    expect($(el, '.list-heading')!.textContent, 'the list stays').to.equal('65 locations');
    await expect(el).to.be.accessible();
    allow = true;
    ($(el, 'button.locate') as HTMLButtonElement).click();
    await until(() => $(el, '.near'), 'the reference point');
    await until(() => $$(el, '.list .distance').length, 'distances');
    expect($(el, '.message')!.textContent).to.equal('');
    expect($(el, '.near')!.textContent).to.contain('Nearest first from your location.');
    expect(names(el)[0]).to.equal('Boutique Namur');
    expect($(el, '.list .distance')!.textContent).to.equal('0 m');
  });

  it('"open now": a count, a filter, and unknown hours said as unknown, never closed', async () => {
    net.route('/finder/hours.json', { json: minimalFeed({ locations: { href: 'hours.geojson' } }) });
    net.route('/finder/hours.geojson', {
      json: {
        type: 'FeatureCollection',
        features: [
          feature('always', 4.35, 50.85, { name: 'Always open', categories: ['shop'], openingHours: '24/7', address: { country: 'BE', region: 'BE-BRU' } }),
          feature('never', 4.36, 50.85, { name: 'Never open', categories: ['shop'], openingHours: 'off', address: { country: 'BE', region: 'BE-BRU' } }),
          feature('garbled', 4.37, 50.85, { name: 'Garbled hours', categories: ['shop'], openingHours: 'whenever we feel like it', address: { country: 'BE', region: 'BE-BRU' } }),
          feature('none', 4.38, 50.85, { name: 'No hours', categories: ['repair'] }),
        ],
      },
    });
    const el = await finder('feed="/finder/hours.json" lang="en"');
    let last: { filter: { openNow: boolean }; total: number } | undefined;
    el.addEventListener('ess-search', (e) => (last = e.detail));
    await ready(el);
    await until(() => $(el, '.open-now .count'), 'the open-now count');
    expect($(el, '.open-now')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Open now (1)');
    const hoursOf = (name: string) => $$(el, '.item').find((i) => i.querySelector('.name')!.textContent === name)?.querySelector('.hours')?.textContent;
    expect(hoursOf('Always open')).to.equal('Open now');
    expect(hoursOf('Never open')).to.equal('Closed now');
    expect(hoursOf('Garbled hours')).to.equal('Opening hours unknown');
    expect(hoursOf('No hours')).to.equal(undefined);
    const box = $(el, '.open-now input') as HTMLInputElement;
    box.click();
    await until(() => names(el).length === 1, 'the open locations');
    expect(names(el)).to.deep.equal(['Always open']);
    expect(last).to.deep.include({ total: 1 });
    expect(last!.filter.openNow).to.equal(true);
    expect($(el, 'summary')!.textContent).to.equal('Filters (1)');
  });

  it('starts its index in a worker, a blob: worker, or on the main thread, with the same results', async () => {
    const results: string[][] = [];
    // The workers the page starts, as the browser is asked for them.
    const started: string[] = [];
    const RealWorker = window.Worker;
    window.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(String(url));
      }
    };
    try {
      for (const mode of ['worker', 'blob', 'main']) {
        started.length = 0;
        const el = await finder(`feed="/finder/feed.json" index-mode="${mode}" lang="en"`);
        await ready(el);
        const kinds = started.map((u) => (u.startsWith('blob:') ? 'blob' : 'worker'));
        expect(kinds, `the workers started in ${mode} mode`).to.deep.equal(mode === 'main' ? [] : [mode]);
        await search(el, 'bulle');
        results.push(names(el).slice(0, 5) as string[]);
      }
    } finally {
      window.Worker = RealWorker;
    }
    expect(results[0]).to.have.length(5);
    expect(results[1]).to.deep.equal(results[0]);
    expect(results[2]).to.deep.equal(results[0]);
  });

  it('moves the locations bytes to the worker without a copy: the buffer is detached once posted', async () => {
    const posted: { type?: string; bytes?: ArrayBuffer; transfer: unknown[] }[] = [];
    const real = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: { req?: { type?: string; bytes?: ArrayBuffer } }, options?: Transferable[] | StructuredSerializeOptions) {
      const transfer = Array.isArray(options) ? options : (options?.transfer ?? []);
      posted.push({ type: message?.req?.type, bytes: message?.req?.bytes, transfer });
      return real.call(this, message, options as StructuredSerializeOptions);
    } as typeof Worker.prototype.postMessage;
    try {
      const el = await finder('feed="/finder/feed.json" index-mode="worker" lang="en"');
      await ready(el);
      expect($(el, '.list-heading')!.textContent, 'the worker read them').to.equal('65 locations');
      const load = posted.find((p) => p.type === 'load');
      expect(load, 'the locations were posted to the worker').to.exist;
      expect(load!.bytes).to.be.instanceOf(ArrayBuffer);
      expect(load!.transfer.includes(load!.bytes), 'the buffer is in the transfer list').to.equal(true);
      expect(load!.bytes!.byteLength, 'nothing left on this side').to.equal(0);
      expect((load!.bytes as ArrayBuffer & { detached?: boolean }).detached).to.equal(true);
    } finally {
      Worker.prototype.postMessage = real;
    }
  });

  it('fetches the feed and its locations once, and nothing from outside the test server', async () => {
    const el = await finder('feed="/finder/feed.json"');
    await ready(el);
    await until(() => $(el, '.leaflet-tile'), 'tiles');
    expect(net.requests.map((u) => new URL(u).pathname)).to.deep.equal(['/finder/feed.json', '/finder/locations.geojson']);
    const outside = performance.getEntriesByType('resource').map((r) => r.name).filter((n) => !n.startsWith(location.origin) && !n.startsWith('data:') && !n.startsWith('blob:'));
    expect(outside).to.deep.equal([]);
  });

  it('shows only a member’s locations, or lists them first', async () => {
    const own = await finder('feed="/finder/feed.json" organization="org-a" lang="en"');
    await ready(own);
    expect(names(own).sort()).to.deep.equal(['Atelier de réparation vélos', 'Boutique Namur']);
    const pref = await finder('feed="/finder/feed.json" prefer-organization="org-a" lang="en"');
    await ready(pref);
    expect(names(pref).slice(0, 2).sort()).to.deep.equal(['Atelier de réparation vélos', 'Boutique Namur']);
    expect(names(pref)).to.have.length(40);
  });

  it('keeps the search and filters in the URL with sync-url, and reads them back', async () => {
    const old = location.href;
    try {
      const el = await finder('feed="/finder/feed.json" sync-url lang="en"');
      await ready(el);
      await search(el, 'bulle');
      expect(new URLSearchParams(location.search).get('ess-q')).to.equal('bulle');
      const again = await finder('feed="/finder/feed.json" sync-url lang="en"');
      await ready(again);
      expect(($(again, 'input[name="q"]') as HTMLInputElement).value).to.equal('bulle');
      expect($(again, '.list-heading')!.textContent).to.equal('61 locations');
    } finally {
      history.replaceState(null, '', old);
    }
  });

  it('adds schema.org JSON-LD for the listed locations when asked', async () => {
    const el = await finder('feed="/finder/feed.json" structured-data organization="org-a"');
    await ready(el);
    await until(() => el.querySelector('script[type="application/ld+json"]'), 'JSON-LD');
    const data = JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(data['@graph'].map((x: { name: string }) => x.name).sort()).to.deep.equal(['Atelier de réparation vélos', 'Boutique Namur']);
    const namur = data['@graph'].find((x: { name: string }) => x.name === 'Boutique Namur');
    expect(namur.openingHoursSpecification[0].opens).to.equal('10:00');
  });

  it('asks the optional geocoder only when set, for what the directory does not know', async () => {
    const calls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (async (u: RequestInfo | URL) => {
      calls.push(String(u));
      return new Response(JSON.stringify([{ lat: '50.8466', lon: '4.3528', display_name: 'Grand-Place, Bruxelles' }, { lat: '50.6451', lon: '5.5734', display_name: 'Grand-Place, Liège' }, { lat: 'x', lon: '5', display_name: 'no coordinates' }]));
    }) as typeof fetch;
    try {
      const plain = await finder('feed="/finder/feed.json" lang="en"');
      await ready(plain);
      await search(plain, 'Grand-Place 1');
      expect(calls).to.deep.equal([]);
      const el = await finder('feed="/finder/feed.json" geocoder="/geocode/search" lang="en"');
      await ready(el);
      await search(el, 'Grand-Place 1');
      await until(() => $(el, '.near'), 'the geocoded point');
      expect(new URL(calls[0]).pathname).to.equal('/geocode/search');
      expect(new URL(calls[0]).searchParams.get('q')).to.equal('Grand-Place 1');
      expect(new URL(calls[0]).searchParams.get('format')).to.equal('jsonv2');
      expect(new URL(calls[0]).searchParams.get('limit')).to.equal('5');
      expect($(el, '.near')!.textContent).to.contain('Grand-Place, Bruxelles');
      // The other answers are offered; one without coordinates is left out.
      expect($$(el, '.other-places button').map((b) => b.textContent)).to.deep.equal(['Grand-Place, Liège']);
      $(el, '.other-places button')!.click();
      await until(() => $(el, '.near')!.textContent!.includes('Liège'), 'the other place');
      await until(() => names(el)[0] === 'Atelier Liège', 'the list sorted from Liège');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('uses a list/map switch on a narrow container, decided by its own width', async () => {
    const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="/finder/feed.json" lang="en"></ess-shop-finder>`, loader, '360px');
    await ready(el);
    await until(() => $(el, '.toggle'), 'the switch');
    const [list, map] = $$(el, '.toggle button');
    expect(list.getAttribute('aria-pressed')).to.equal('true');
    expect(($(el, '.map-pane') as HTMLElement).hidden).to.equal(true);
    map.click();
    await el.updateComplete;
    expect(($(el, '.list-pane') as HTMLElement).hidden).to.equal(true);
    await until(() => $(el, '.leaflet-container'), 'the map');
    await expect(el).to.be.accessible();
  });

  it('shows the rest of a partly broken feed and says how many entries were left out', async () => {
    net.route('/finder/partial.json', { json: minimalFeed({ locations: { href: 'partial.geojson' } }) });
    net.route('/finder/partial.geojson', { json: { type: 'FeatureCollection', features: [...features(), feature('far', 4, 95, { name: 'Nowhere', categories: ['shop'] }), { type: 'Feature', id: 'no-geo', properties: { name: 'x', categories: ['shop'] } }] } });
    const el = await finder('feed="/finder/partial.json" lang="en"');
    await ready(el);
    await until(() => $(el, '[data-kind="partial"]'), 'the partial notice');
    expect($(el, '[data-kind="partial"]')!.textContent).to.equal('2 entries in the data have errors and are not shown.');
    expect($(el, '.list-heading')!.textContent).to.equal('65 locations');
    await expect(el).to.be.accessible();
  });

  it('shows the last good copy of the locations, with its date, when they cannot be loaded; translated errors otherwise', async () => {
    const cache = memoryCache();
    await cache.put(new URL('/finder/gone.geojson', location.href).href, { body: JSON.stringify({ type: 'FeatureCollection', features: features() }), fetchedAt: Date.UTC(2026, 0, 15, 9, 30) });
    net.route('/finder/gone.json', { json: minimalFeed({ locations: { href: 'gone.geojson' } }) });
    net.route('/finder/gone.geojson', { error: 'network' });
    const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="/finder/gone.json" lang="en"></ess-shop-finder>`, new FeedLoader({ fetch: net.fetch, cache }), '1000px');
    await ready(el);
    // The saved copy's own date, in the reader's time zone (the test may run in any).
    const saved = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(Date.UTC(2026, 0, 15, 9, 30));
    expect($(el, '[data-kind="stale"]')!.textContent).to.equal(`Showing the copy saved on ${saved}: the latest data could not be loaded.`);
    expect($(el, '.list-heading')!.textContent).to.equal('65 locations');
    await expect(el).to.be.accessible();
    // No copy: the error, in the reader's language.
    const none = await finder('feed="/finder/nothing-here.json" lang="fr"');
    await until(() => $(none, '[data-state="error"]'), 'the error');
    expect($(none, '[data-state="error"] p')!.textContent).to.equal('Les données n’ont pas pu être chargées (erreur 404).');
  });

  it('says so in the list when the locations file is not a FeatureCollection', async () => {
    net.route('/finder/wrong.json', { json: minimalFeed({ locations: { href: 'wrong.geojson' } }) });
    net.route('/finder/wrong.geojson', { json: { type: 'Feature' } });
    const el = await finder('feed="/finder/wrong.json" lang="en"');
    await until(() => $(el, '[data-state="error"]'), 'the error');
    expect($(el, '[data-state="error"]')!.textContent).to.contain('not in the expected format').and.contain('The locations file');
  });

  it('keeps working when moved to another place in the page', async () => {
    const el = await finder('feed="/finder/feed.json" lang="en"');
    await ready(el);
    const other = document.createElement('section');
    document.body.append(other);
    other.append(el);
    await el.updateComplete;
    await ready(el);
    expect($(el, '.list-heading')!.textContent).to.equal('65 locations');
    await search(el, 'liege');
    expect(names(el)[0]).to.equal('Atelier Liège');
    other.remove();
  });

  it('has every message in every language', () => {
    expect(missingMessages(finderMessages)).to.deep.equal({});
    expect(placeholderMismatches(finderMessages)).to.deep.equal([]);
  });
});
