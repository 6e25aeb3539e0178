import { expect, waitUntil } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { FeedLoader, distanceMeters, missingMessages, placeholderMismatches } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import type { EssNearbyPoints } from './nearby-points.js';
import { nearbyMessages } from './nearby-points.messages.js';
import { placeMessages } from '../shared/place-messages.js';

function rand(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

// Random bubbles around Namur, a few shops, and hostile records.
const r = rand(7);
const bubbles = Array.from({ length: 400 }, (_, i) =>
  feature(`b${i}`, 4.6 + r() * 0.6, 50.3 + r() * 0.35, { name: `Bulle ${i}`, categories: ['collection-point'], materials: ['textile'], address: { postcode: i % 2 ? '5000' : '5100', locality: i % 2 ? 'Namur' : 'Jambes', region: 'BE-WAL', country: 'BE' } }),
);
const hostile = feature('evil', 4.8676, 50.467, { name: '<img src=x onerror="window.__pwned=1">', categories: ['collection-point'], website: 'javascript:window.__pwned=1', report: 'javascript:window.__pwned=1' });
const withReport = feature('own-report', 4.86, 50.46, { name: 'Bulle signalable', categories: ['collection-point'], report: 'mailto:own@example.org', openingHours: '24/7' });
const locations = [...(minimalFeed().locations as unknown[]), ...bubbles, hostile, withReport];

let net: ReturnType<typeof fakeFetch>;
let loader: FeedLoader;

function nearby(attrs: string): Promise<EssNearbyPoints> {
  return mount(`<ess-nearby-points ${attrs}></ess-nearby-points>`, loader, '280px');
}

/** Waits until the element shows its list, its search or its error (aria-busy="false"). */
async function loaded(el: EssNearbyPoints): Promise<void> {
  await waitUntil(() => el.getAttribute('aria-busy') === 'false', 'the element stays busy', { timeout: 8000 });
  await el.updateComplete;
}

const until = (fn: () => unknown, what: string) => waitUntil(fn, `timed out waiting for ${what}`, { timeout: 5000 });
const message = (el: EssNearbyPoints) => el.shadowRoot!.querySelector('.message')!.textContent!;

const names = (el: EssNearbyPoints) => [...el.shadowRoot!.querySelectorAll('.item .name')].map((n) => n.textContent);

describe('<ess-nearby-points>', () => {
  beforeEach(() => {
    net = fakeFetch({
      '/nearby/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
      '/nearby/locations.geojson': { json: { type: 'FeatureCollection', features: locations } },
    });
    loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
  });

  it('is accessible loading, without a point, with results, empty and in error', async () => {
    net.route('/nearby/slow.json', { json: minimalFeed(), delay: 80 });
    const slow = await nearby('feed="/nearby/slow.json"');
    expect(slow.shadowRoot!.querySelector('[data-state="loading"]')).to.exist;
    await expect(slow).to.be.accessible();
    await loaded(slow);
    expect(slow.shadowRoot!.querySelector('.hint')).to.exist; // no point: the search box, not an error
    expect(slow.shadowRoot!.querySelector('[data-state="error"]')).to.equal(null);
    await expect(slow).to.be.accessible();
    const el = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" lang="fr"');
    await loaded(el);
    expect(names(el)).to.have.length(5);
    await expect(el).to.be.accessible();
    const empty = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" max-distance="1" categories="sorting"');
    await loaded(empty);
    expect(empty.shadowRoot!.querySelector('.empty')).to.exist;
    await expect(empty).to.be.accessible();
    const bad = await nearby('feed="/nearby/missing.json"');
    await loaded(bad);
    await expect(bad).to.be.accessible();
  });

  it('says a locations file is too large for a browser, which file and where, in the visitor’s language, with no retry', async () => {
    // The test server's file announces 600 MB (web-test-runner.config.mjs): the download worker stops at its headers.
    const href = `${location.origin}/__ess-too-large/locations.geojson`;
    const feed = URL.createObjectURL(new Blob([JSON.stringify(minimalFeed({ locations: { href } }))], { type: 'application/json' }));
    const error = console.error;
    console.error = () => undefined;
    try {
      loader = new FeedLoader({ cache: memoryCache() });
      const el = await nearby(`feed="${feed}" near="50.4669,4.8675" lang="nl"`);
      await loaded(el);
      const state = el.shadowRoot!.querySelector('[data-state="error"]');
      expect(state?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
        `Het locatiebestand (${href}) is onbruikbaar. Deze gegevens zijn te groot om hier te tonen. De uitgever kan ze publiceren in een vorm die in stukken gelezen wordt.`,
      );
      expect(state!.querySelector('button'), 'no retry: the same file would fail again').to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      console.error = error;
      URL.revokeObjectURL(feed);
    }
  });

  it('lists the nearest points in the same order as a brute-force distance sort', async () => {
    const q = rand(99);
    for (let k = 0; k < 5; k++) {
      const lat = 50.3 + q() * 0.35;
      const lon = 4.6 + q() * 0.6;
      const el = await nearby(`feed="/nearby/feed.json" near="${lat},${lon}" limit="8" lang="en"`);
      await loaded(el);
      const brute = locations
        .map((f) => f as { id: string; geometry: { coordinates: number[] }; properties: { categories: string[]; name: string } })
        .filter((f) => f.properties.categories.includes('collection-point'))
        .map((f) => ({ name: f.properties.name, d: distanceMeters(lat, lon, f.geometry.coordinates[1], f.geometry.coordinates[0]) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 8)
        .map((x) => x.name);
      expect(names(el)).to.deep.equal(brute);
    }
  });

  it('formats distances: metres under 1 km, kilometres with one decimal above', async () => {
    const el = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" lang="fr-BE" limit="50"');
    await loaded(el);
    const d = [...el.shadowRoot!.querySelectorAll('.distance')].map((x) => x.textContent!);
    expect(d[0]).to.equal('10\u202Fm'); // 13 m, rounded to 10
    expect(Math.round(el.results.at(-1)!.distance)).to.equal(8703);
    expect(d.at(-1)).to.equal('8,7\u202Fkm');
  });

  it('starts from a postcode, and the visitor can replace it by typing a town', async () => {
    const el = await nearby('feed="/nearby/feed.json" postcode="5000" lang="en"');
    await loaded(el);
    expect(el.shadowRoot!.querySelector('.heading')!.textContent).to.equal('Nearest to 5000 Namur');
    const input = el.shadowRoot!.querySelector('input')!;
    input.value = 'ixelles';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.heading')!.textContent).to.equal('Nearest to 1050 Ixelles');
    expect(names(el)[0]).to.equal('Bulle Ixelles');
  });

  it('says clearly when a postcode is unknown', async () => {
    const el = await nearby('feed="/nearby/feed.json" lang="en"');
    await loaded(el);
    el.shadowRoot!.querySelector('input')!.value = '9999';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.message')!.textContent).to.equal('No place called “9999” in this directory. Try a postcode or another town.');
  });

  it('uses the visitor’s location only when asked, and explains a refusal or a failure', async () => {
    let asked = 0;
    let answer: 'ok' | 'denied' | 'unavailable' = 'denied';
    const geo = {
      getCurrentPosition(ok: PositionCallback, fail?: PositionErrorCallback | null) {
        asked++;
        if (answer === 'ok') ok({ coords: { latitude: 50.8333, longitude: 4.3719 } } as GeolocationPosition);
        else fail?.({ code: answer === 'denied' ? 1 : 2, message: '' } as GeolocationPositionError);
      },
    };
    const el = await nearby('feed="/nearby/feed.json" lang="en"');
    el.geolocation = geo;
    await loaded(el);
    expect(asked, 'never on load').to.equal(0);
    const button = el.shadowRoot!.querySelector('.locate') as HTMLButtonElement;
    button.click();
    await until(() => message(el).includes('refused'), 'the refusal');
    answer = 'unavailable';
    button.click();
    await until(() => message(el).includes('could not be found'), 'the failure');
    answer = 'ok';
    button.click();
    await until(() => el.shadowRoot!.querySelector('.heading')?.textContent === 'Nearest to your location', 'the results');
    expect(names(el)[0]).to.equal('Bulle Ixelles');
    expect(asked).to.equal(3);
  });

  it('says the browser cannot locate when there is no Geolocation API', async () => {
    const el = await nearby('feed="/nearby/feed.json" lang="fr"');
    el.geolocation = null;
    await loaded(el);
    (el.shadowRoot!.querySelector('.locate') as HTMLButtonElement).click();
    await until(() => message(el).includes('Ce navigateur ne peut pas partager votre position'), 'the message');
  });

  it('filters by category, material and region, limit and maximum distance', async () => {
    const shops = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" categories="shop,repair" lang="en"');
    await loaded(shops);
    expect(names(shops)).to.deep.equal(['Boutique Namur', 'Atelier Liège']);
    const bru = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" region="BE-BRU" lang="en"');
    await loaded(bru);
    expect(names(bru)).to.deep.equal(['Bulle Ixelles']);
    const close = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" max-distance="800" limit="50" lang="en"');
    await loaded(close);
    expect(close.results.every((h) => h.distance <= 800)).to.equal(true);
    expect(close.results.length).to.be.greaterThan(0);
    const three = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" limit="3"');
    await loaded(three);
    expect(names(three)).to.have.length(3);
  });

  it('renders hostile strings inert and gives the report link of the point or its category', async () => {
    const el = await nearby('feed="/nearby/feed.json" near="50.467,4.8676" limit="3" lang="en"');
    await loaded(el);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(names(el)).to.include('<img src=x onerror="window.__pwned=1">');
    const hrefs = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(hrefs.some((h) => h.startsWith('javascript:'))).to.equal(false);
    const items = [...el.shadowRoot!.querySelectorAll('.item')];
    const evil = items.find((i) => i.querySelector('.name')!.textContent!.startsWith('<img'))!;
    expect([...evil.querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal(['Directions', 'Report a problem']);
    expect(evil.querySelector('a:last-child')!.getAttribute('href')).to.equal('mailto:bulles@example.org');
    const own = items.find((i) => i.querySelector('.name')!.textContent === 'Bulle signalable')!;
    expect(own.querySelector('a:last-child')!.getAttribute('href')).to.equal('mailto:own@example.org');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('fires ess-location-select with the location', async () => {
    const el = await nearby('feed="/nearby/feed.json" near="50.8333,4.3719"');
    await loaded(el);
    let detail: { id: string } | undefined;
    el.addEventListener('ess-location-select', (e) => (detail = e.detail));
    (el.shadowRoot!.querySelector('.item .name') as HTMLButtonElement).click();
    expect(detail?.id).to.equal('ixelles-bubble');
  });

  it('shows open now when hours are known (opening hours loaded on demand)', async () => {
    const el = await nearby('feed="/nearby/feed.json" near="50.46,4.86" limit="1" lang="en"');
    await loaded(el);
    await until(() => el.shadowRoot!.querySelector('.hours')?.textContent === 'Open now', 'the opening status');
  });

  it('while loading, holds about the height of its form, map and limit rows', async () => {
    const real = new FeedLoader({ cache: memoryCache() }); // the sample directory, from the test server
    const cases: [string, string][] = [
      ['near="50.4669,4.8675" limit="4"', '358px'],
      ['near="50.4669,4.8675" limit="4"', '848px'],
      ['postcode="1000" map limit="6"', '358px'],
      ['postcode="1000" map limit="6"', '848px'],
      ['categories="repair" limit="3"', '358px'],
    ];
    for (const [attrs, width] of cases) {
      real.reset();
      const el = await mount<EssNearbyPoints>(`<ess-nearby-points feed="/demo/feeds/wallonie-bruxelles/feed.json" ${attrs} tile-url="data:,"></ess-nearby-points>`, real, width);
      expect(el.shadowRoot!.querySelector('[data-state="loading"]'), attrs).to.exist;
      const loading = el.getBoundingClientRect().height;
      await loaded(el);
      // The sample feed's notice ("sample data") is the one line the element cannot know before the feed.
      const notice = el.shadowRoot!.querySelector('.ess-notice[data-kind="sample"]');
      const drawn = el.getBoundingClientRect().height - (notice ? notice.getBoundingClientRect().height + 8 : 0);
      // Within 2em (a fifth of a row; the list's rows vary with their names and hours).
      expect(Math.abs(loading - drawn), `${attrs} at ${width}: ${loading} px loading, ${drawn} px drawn`).to.be.at.most(32);
      el.parentElement!.remove();
    }
  });

  it('draws a mini-map only when asked, with tiles from the given URL only', async () => {
    const tile = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const plain = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675"');
    await loaded(plain);
    expect(plain.shadowRoot!.querySelector('.map')).to.equal(null);
    const el = await nearby(`feed="/nearby/feed.json" near="50.4669,4.8675" map tile-url="${tile}"`);
    await loaded(el);
    // Below the first list: the map is drawn once the visitor scrolls to it.
    el.scrollIntoView();
    await until(() => el.shadowRoot!.querySelector('.leaflet-container'), 'the map');
    expect(el.shadowRoot!.querySelectorAll('path.leaflet-interactive').length).to.equal(6); // origin + 5 results
    const tiles = [...el.shadowRoot!.querySelectorAll('img.leaflet-tile')].map((i) => (i as HTMLImageElement).src);
    expect(tiles.length).to.be.greaterThan(0);
    expect(tiles.every((s) => s.startsWith('data:'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the partial-feed notice above the results, accessibly', async () => {
    const broken = { type: 'Feature', id: 'broken', geometry: null, properties: { name: 'Sans position', categories: ['collection-point'] } };
    net.route('/nearby/partial.json', { json: minimalFeed({ locations: { href: 'partial.geojson' } }) });
    net.route('/nearby/partial.geojson', { json: { type: 'FeatureCollection', features: [...locations, broken] } });
    const el = await nearby('feed="/nearby/partial.json" near="50.4669,4.8675" lang="en"');
    await loaded(el);
    expect(el.shadowRoot!.querySelector('[data-kind="partial"]')!.textContent).to.equal('1 entry in the data has errors and is not shown.');
    expect(names(el)).to.have.length(5);
    await expect(el).to.be.accessible();
  });

  it('says so when the page’s own postcode is not in the directory, and still offers the search', async () => {
    const el = await nearby('feed="/nearby/feed.json" postcode="9999" lang="fr"');
    await loaded(el);
    expect(el.shadowRoot!.querySelector('.message')!.textContent).to.equal('Aucun lieu « 9999 » dans cet annuaire. Essayez un code postal ou une autre commune.');
    expect(el.shadowRoot!.querySelector('input')).to.exist;
    expect(names(el)).to.deep.equal([]);
  });

  it('keeps the latest choice: a late location answer does not replace a place typed since, nor a point the page set since', async () => {
    let answer: PositionCallback | undefined;
    const el = await nearby('feed="/nearby/feed.json" near="50.4669,4.8675" lang="en"');
    el.geolocation = { getCurrentPosition: (ok: PositionCallback) => void (answer = ok) };
    await loaded(el);
    expect(el.shadowRoot!.querySelector('.heading')!.textContent).to.equal('Nearest to this place');
    (el.shadowRoot!.querySelector('.locate') as HTMLButtonElement).click();
    await el.updateComplete;
    expect((el.shadowRoot!.querySelector('.locate') as HTMLButtonElement).textContent!.trim()).to.equal('Finding your location…');
    el.shadowRoot!.querySelector('input')!.value = '1050';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.heading')!.textContent).to.equal('Nearest to 1050 Ixelles');
    answer!({ coords: { latitude: 50.4669, longitude: 4.8675 } } as GeolocationPosition);
    // The late answer is taken in (the button is back) but does not replace the visitor's choice.
    await until(() => (el.shadowRoot!.querySelector('.locate') as HTMLButtonElement).textContent!.trim() !== 'Finding your location…', 'the late answer');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.heading')!.textContent).to.equal('Nearest to 1050 Ixelles');
    expect(names(el)[0]).to.equal('Bulle Ixelles');
    // The page sets a new point after the visitor's choice: the page's is now the latest.
    el.near = '50.467,4.8676';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.heading')!.textContent).to.equal('Nearest to this place');
    expect(names(el)[0]).to.equal('<img src=x onerror="window.__pwned=1">');
  });

  it('explains that an http page cannot share the location, without asking', async () => {
    let asked = 0;
    const el = await nearby('feed="/nearby/feed.json" lang="nl"');
    el.geolocation = { getCurrentPosition: () => void asked++ };
    await loaded(el);
    const own = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    try {
      (el.shadowRoot!.querySelector('.locate') as HTMLButtonElement).click();
      await until(() => message(el).includes('niet beveiligd'), 'the message');
    } finally {
      if (own) Object.defineProperty(window, 'isSecureContext', own);
      else delete (window as { isSecureContext?: boolean }).isSecureContext;
    }
    expect(window.isSecureContext).to.equal(true);
    expect(asked).to.equal(0);
    expect(el.shadowRoot!.querySelector('.message')!.textContent).to.equal('Deze pagina is niet beveiligd (http), dus de browser kan je locatie niet delen. Typ liever een postcode of gemeente.');
  });

  // The mini-map's lazy import is tested alone in its page: nearby-points-lazy-map.test.ts.

  it('has every message in every language', () => {
    expect(missingMessages(nearbyMessages)).to.deep.equal({});
    expect(placeholderMismatches(nearbyMessages)).to.deep.equal([]);
    // The messages it shares with the finder (hours, directions, location, place search).
    expect(missingMessages(placeMessages)).to.deep.equal({});
    expect(placeholderMismatches(placeMessages)).to.deep.equal([]);
  });
});
