// Search that sets where you are: a place in any of its languages sets the origin, names filter,
// an unknown place says so and forgets the old one, "use my location" replaces a typed place.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mount } from '../mount.test-helper.js';
import { FeedLoader, distanceMeters } from '@ess-widgets/core';
import { fakeFetch, feature, fixturePlaces, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import type { EssShopFinder } from './shop-finder.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

// Shops in four towns; one in Brussels is run by "Namur Solidaire", so "Namur" is a place and a name.
function features() {
  const out = [...(minimalFeed().locations as Record<string, unknown>[])];
  const towns: [string, string, number, number][] = [['1000', 'Bruxelles', 4.3525, 50.8467], ['4000', 'Liège', 5.5797, 50.6326], ['7000', 'Mons', 3.9523, 50.4542], ['5000', 'Namur', 4.8675, 50.4669]];
  towns.forEach(([postcode, locality, lon, lat], t) => {
    for (let i = 0; i < 6; i++) out.push(feature(`s${t}-${i}`, lon + (i - 3) * 0.004, lat + (i % 3) * 0.003, { name: `Boutique ${locality} ${i}`, categories: ['shop'], address: { postcode, locality, region: postcode === '1000' ? 'BE-BRU' : 'BE-WAL', country: 'BE' } }));
  });
  out.push(feature('namur-solidaire', 4.36, 50.85, { name: 'Namur Solidaire — dépôt de Bruxelles', categories: ['shop'], address: { postcode: '1000', locality: 'Bruxelles', region: 'BE-BRU', country: 'BE' } }));
  return out;
}

let loader: FeedLoader;
const $ = (el: EssShopFinder, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement | null;
const $$ = (el: EssShopFinder, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)] as HTMLElement[];
const heading = (el: EssShopFinder) => $(el, '.list-heading')?.textContent?.trim();
const box = (el: EssShopFinder) => ($(el, 'input[name="q"]') as HTMLInputElement).value;
const idle = (el: EssShopFinder) => waitUntil(() => $(el, '.list-pane')?.getAttribute('aria-busy') === 'false' && heading(el) && !heading(el)!.includes('…'), 'the list settles', { timeout: 15_000 });

async function finder(lang: string, withPlaces = true): Promise<EssShopFinder> {
  const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="/s/${withPlaces ? 'feed' : 'bare'}.json" lang="${lang}"></ess-shop-finder>`, loader, '1000px');
  await idle(el);
  return el;
}

async function search(el: EssShopFinder, q: string): Promise<CustomEvent> {
  ($(el, 'input[name="q"]') as HTMLInputElement).value = q;
  const searched = oneEvent(el, 'ess-search');
  ($(el, 'form') as HTMLFormElement).requestSubmit();
  const e = await searched;
  await idle(el);
  return e as CustomEvent;
}

const distances = (el: EssShopFinder) => $$(el, '.list .distance').map((d) => d.textContent);
const total = features().length;

describe('<ess-shop-finder> search that sets where you are', function () {
  // Two cores shared by many runs: waits are on what the visitor sees, with room for a slow machine.
  this.timeout(30_000);
  beforeEach(() => {
    const net = fakeFetch({
      '/s/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' }, places: { href: 'places.geojson' } }) },
      '/s/bare.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
      '/s/locations.geojson': { json: { type: 'FeatureCollection', features: features() } },
      '/s/places.geojson': { json: { type: 'FeatureCollection', features: fixturePlaces() } },
    });
    loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
  });

  for (const [lang, q, label, first] of [
    ['nl', 'Brussel', '1000 Brussel', 'Boutique Bruxelles'],
    ['nl', 'luik', '4000 Luik', '(Atelier|Boutique) Liège'],
    ['de', 'Lüttich', '4000 Lüttich', '(Atelier|Boutique) Liège'],
    ['nl', 'Bergen', '7000 Bergen', 'Boutique Mons'],
    ['fr', 'Brussel', '1000 Bruxelles', 'Boutique Bruxelles'],
    ['en', '5000', '5000 Namur', 'Boutique Namur'],
  ] as const) {
    it(`"${q}" (${lang}) sets the origin at ${label}: every location, nearest first`, async () => {
      const el = await finder(lang);
      const e = await search(el, q);
      expect(e.detail.filter.near.label).to.equal(label);
      expect($(el, '.near')!.textContent).to.contain(label);
      expect(box(el), 'the box shows the place').to.equal(label);
      expect(e.detail.total, 'a place filters nothing out').to.equal(total);
      expect($$(el, '.list .item .name')[0].textContent).to.match(new RegExp(`^${first}`));
      expect(distances(el).length).to.equal($$(el, '.list .item').length);
    });
  }

  it('a name that is also a place: the place wins, the names are offered and keep the origin', async () => {
    const el = await finder('fr');
    await search(el, 'Namur');
    expect($(el, '.near')!.textContent).to.contain('5000 Namur');
    expect(heading(el)).to.equal(`${total} lieux`);
    // The list from the place comes first; the offer follows it (counted after the place's list is asked).
    await waitUntil(() => $(el, '.also-named button'), 'the names are offered beside the place');
    const offer = $(el, '.also-named button')!;
    expect(offer.textContent).to.equal('Ou les lieux dont le nom mentionne « Namur » (8)');
    const searched = oneEvent(el, 'ess-search');
    offer.click();
    const e = (await searched) as CustomEvent;
    await idle(el);
    expect(e.detail.q).to.equal('Namur');
    expect(e.detail.total).to.equal(8);
    expect($(el, '.near')!.textContent, 'still sorted from Namur').to.contain('5000 Namur');
    expect($$(el, '.list .item .name').at(-1)!.textContent).to.equal('Namur Solidaire — dépôt de Bruxelles');
  });

  it('a name only: filters the list, no origin', async () => {
    const el = await finder('en');
    const e = await search(el, 'solidaire');
    expect(e.detail.total).to.equal(1);
    expect(e.detail.filter.near).to.equal(undefined);
    expect($(el, '.near')).to.equal(null);
    expect($(el, '.message')!.textContent).to.equal('');
  });

  for (const [lang, text] of [
    ['fr', 'Nous ne connaissons pas « Xyzzyville » — essayez un code postal ou une commune.'],
    ['nl', 'We kennen “Xyzzyville” niet — probeer een postcode of een gemeente.'],
    ['de', 'Wir kennen „Xyzzyville“ nicht — versuchen Sie eine Postleitzahl oder einen Ort.'],
    ['en', 'We don’t know “Xyzzyville” — try a postcode or a town.'],
  ] as const) {
    it(`an unknown place says so (${lang}), forgets the old origin, and list and map show the whole directory again`, async () => {
      const el = await finder(lang);
      await search(el, 'Liège');
      expect($(el, '.near')).to.exist;
      const e = await search(el, 'Xyzzyville');
      expect($(el, '.message')!.textContent).to.equal(text);
      expect($(el, '.near'), 'no stale "nearest first from"').to.equal(null);
      expect(e.detail.filter.near).to.equal(undefined);
      expect(e.detail.total).to.equal(total);
      expect(distances(el)).to.deep.equal([]);
      if (lang === 'fr') await expect(el).to.be.accessible();
    });
  }

  it('"use my location" replaces a typed place', async () => {
    const el = await finder('fr');
    el.geolocation = { getCurrentPosition: (ok) => ok({ coords: { latitude: 50.4542, longitude: 3.9523 } } as GeolocationPosition) };
    await search(el, 'Luik');
    expect($(el, '.near')!.textContent).to.contain('4000 Liège');
    const searched = oneEvent(el, 'ess-search');
    ($(el, 'button.locate') as HTMLButtonElement).click();
    const e = (await searched) as CustomEvent;
    await idle(el);
    expect($(el, '.near')!.textContent).to.contain('votre position');
    expect(box(el), 'the typed place leaves the box').to.equal('');
    expect(e.detail.q).to.equal('');
    expect(e.detail.total).to.equal(total);
    expect($$(el, '.list .item .name')[0].textContent).to.match(/^Boutique Mons/);
  });

  it('the map frames the origin and the nearest results', async () => {
    const el = await finder('fr');
    await waitUntil(() => (el as unknown as { map?: { view?: unknown } }).map?.view, 'the map', { timeout: 15_000 });
    await search(el, 'Bergen');
    const map = (el as unknown as { map: { view: { bounds: [number, number, number, number] } } }).map;
    await waitUntil(() => {
      const [w, s, e, n] = map.view.bounds;
      return w < 3.9523 && e > 3.9523 && s < 50.4542 && n > 50.4542 && e - w < 1;
    }, 'the view on Mons', { timeout: 15_000 });
    const [w, s, e, n] = map.view.bounds;
    // The five nearest listed are all in view.
    const first = $$(el, '.list .item').slice(0, 5).map((li) => li.dataset.id!);
    const pts = features().filter((f) => first.includes(f.id as string)).map((f) => (f.geometry as { coordinates: [number, number] }).coordinates);
    expect(pts.length).to.equal(5);
    for (const [lon, lat] of pts) expect(lon > w && lon < e && lat > s && lat < n, `${lon},${lat} in view`).to.equal(true);
    expect(distanceMeters(s, w, n, e), 'a town, not the country').to.be.below(60_000);
  });

  it('without a gazetteer, the feed’s own addresses still find a town', async () => {
    const el = await finder('nl', false);
    await search(el, 'Liège');
    expect($(el, '.near')!.textContent).to.contain('Liège');
    await search(el, 'Luik');
    expect($(el, '.message')!.textContent).to.equal('We kennen “Luik” niet — probeer een postcode of een gemeente.');
  });

  describe('suggestions as you type (ARIA combobox)', () => {
    const input = (el: EssShopFinder) => $(el, 'input[name="q"]') as HTMLInputElement;
    const options = (el: EssShopFinder) => $$(el, '[role="option"]').map((o) => o.textContent!.replace(/\s+/g, ' ').trim());
    const listbox = (el: EssShopFinder) => $(el, '#q-suggestions')!;

    it('places first, then locations; arrows, Enter takes a place; axe clean while open', async () => {
      const el = await finder('nl');
      input(el).focus();
      expect(input(el).getAttribute('role')).to.equal('combobox');
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
      await sendKeys({ type: 'Nam' });
      await waitUntil(() => options(el).some((o) => o.startsWith('Boutique')), 'locations suggested', { timeout: 15_000 });
      expect(input(el).getAttribute('aria-expanded')).to.equal('true');
      expect(input(el).getAttribute('aria-controls')).to.equal('q-suggestions');
      expect(listbox(el).getAttribute('role')).to.equal('listbox');
      expect(options(el)[0]).to.equal('5000 Namen');
      expect($$(el, '.group-label').map((g) => g.textContent)).to.deep.equal(['Gemeenten en postcodes', 'In de gids']);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input(el).getAttribute('aria-activedescendant')).to.equal('q-opt-0');
      expect($(el, '#q-opt-0')!.getAttribute('aria-selected')).to.equal('true');
      expect(el.shadowRoot!.activeElement, 'focus stays in the box').to.equal(input(el));
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(input(el).getAttribute('aria-activedescendant')).to.equal('q-opt-0');
      const searched = oneEvent(el, 'ess-search');
      await sendKeys({ press: 'Enter' });
      const e = (await searched) as CustomEvent;
      await idle(el);
      expect(e.detail.filter.near.label).to.equal('5000 Namen');
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
      expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
      expect(box(el)).to.equal('5000 Namen');
      expect($$(el, '.list .item .name')[0].textContent).to.match(/Namur/);
    });

    it('Enter on a location opens it; Escape closes the list, then clears the box', async () => {
      const el = await finder('fr');
      input(el).focus();
      await sendKeys({ type: 'solid' });
      await waitUntil(() => options(el).length, 'a suggestion', { timeout: 15_000 });
      expect(options(el)).to.deep.equal(['Namur Solidaire — dépôt de Bruxelles, 1000 Bruxelles']);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
      expect(box(el)).to.equal('solid');
      await sendKeys({ press: 'Escape' });
      expect(box(el), 'a second Escape clears').to.equal('');
      await sendKeys({ type: 'solid' });
      await waitUntil(() => options(el).length, 'a suggestion', { timeout: 15_000 });
      await sendKeys({ press: 'ArrowUp' });
      const selected = oneEvent(el, 'ess-location-select');
      await sendKeys({ press: 'Enter' });
      expect(((await selected) as CustomEvent).detail.id).to.equal('namur-solidaire');
      await waitUntil(() => $(el, '.detail h3'), 'the detail');
      expect($(el, '.detail h3')!.textContent).to.equal('Namur Solidaire — dépôt de Bruxelles');
    });
  });
});
