// The finder on a phone: one scroll (the page's), filters without inner scrolling, "show all" in
// reach, every control and pin at least 24 × 24 CSS px (WCAG 2.2, 2.5.8), measured in the browser.
import { expect, waitUntil } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { FeedLoader } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import type { EssShopFinder } from './shop-finder.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const orgs = Array.from({ length: 12 }, (_, i) => ({ id: `org-${i}`, name: `Organisation ${i}`, labels: [] }));
const locations = Array.from({ length: 60 }, (_, i) =>
  feature(`l${i}`, 4.3 + (i % 8) * 0.05, 50.4 + Math.floor(i / 8) * 0.05, { name: `Lieu ${i}`, categories: [['shop', 'repair', 'collection-point'][i % 3]], materials: ['textile'], organization: `org-${i % 12}`, openingHours: 'Mo-Sa 10:00-18:00; PH off', address: { street: `Rue ${i}`, postcode: '5000', locality: 'Namur', region: 'BE-WAL', country: 'BE' } }),
);

let loader: FeedLoader;
const $ = (el: EssShopFinder, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement | null;

/** What a person can tap: visible controls of the shadow root, and the map's pins. */
function targets(el: EssShopFinder): HTMLElement[] {
  const all = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"]), .ess-pin')];
  return all.filter((t) => t.getClientRects().length > 0 && getComputedStyle(t).visibility !== 'hidden' && !t.closest('.visually-hidden'));
}

function small(el: EssShopFinder): string[] {
  return targets(el)
    .map((t) => ({ t, r: t.getBoundingClientRect() }))
    .filter(({ r }) => r.width < 23.5 || r.height < 23.5)
    .map(({ t, r }) => `${t.tagName.toLowerCase()}.${t.className} “${t.textContent!.trim().slice(0, 30)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
}

/** Boxes that scroll inside the page (the map's own pane excepted: it pans). */
function innerScrollers(el: EssShopFinder): string[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
    .filter((b) => !b.closest('.leaflet-container') && b.getClientRects().length)
    .filter((b) => ['auto', 'scroll'].includes(getComputedStyle(b).overflowY) && b.scrollHeight > b.clientHeight + 1)
    .map((b) => `${b.tagName.toLowerCase()}.${b.className} ${b.clientHeight}/${b.scrollHeight}`);
}

describe('<ess-shop-finder> on a phone (390 px)', function () {
  this.timeout(30_000);
  beforeEach(() => {
    const net = fakeFetch({
      '/p/feed.json': { json: minimalFeed({ organizations: orgs, locations: { href: 'locations.geojson' } }) },
      '/p/locations.geojson': { json: { type: 'FeatureCollection', features: locations } },
    });
    loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
  });

  async function phone(): Promise<EssShopFinder> {
    const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="/p/feed.json" lang="fr"></ess-shop-finder>`, loader, '390px');
    await waitUntil(() => $(el, '.list .item') && $(el, '.list-pane')!.getAttribute('aria-busy') === 'false', 'the list', { timeout: 15_000 });
    return el;
  }

  it('the list grows with the page: no box scrolls inside it, and no control is under 24 × 24', async () => {
    const el = await phone();
    const pane = $(el, '.list-pane')!;
    expect(pane.scrollHeight, 'the list pane shows all its cards').to.be.at.most(pane.clientHeight + 1);
    expect(el.getBoundingClientRect().height, 'the element is as tall as its list').to.be.at.least(pane.scrollHeight);
    expect(innerScrollers(el)).to.deep.equal([]);
    expect(small(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('the whole card opens the location', async () => {
    const el = await phone();
    const card = $(el, '.list .item')!;
    const r = card.getBoundingClientRect();
    // A tap near the card's bottom-right corner, far from the name.
    const hit = el.shadowRoot!.elementFromPoint(r.right - 6, r.bottom - 6) as HTMLElement;
    hit.click();
    await waitUntil(() => $(el, '.detail'), 'the detail');
    expect($(el, '.detail h3')!.textContent).to.equal(card.querySelector('.name')!.textContent);
  });

  it('filters open without inner scrolling, "show all" in reach, controls 24 px at least', async () => {
    const el = await phone();
    const details = $(el, 'details.filters') as HTMLDetailsElement;
    $(el, 'details.filters summary')!.click();
    await waitUntil(() => details.open && $(el, '.more-values'), 'the filters');
    const more = $(el, '.more-values')!;
    const box = more.closest('.facet')!.getBoundingClientRect();
    const r = more.getBoundingClientRect();
    expect(r.bottom, '"show all" is inside its group, not hidden below it').to.be.at.most(box.bottom + 0.5);
    expect(innerScrollers(el)).to.deep.equal([]);
    expect(small(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('the map view: pins and map controls 24 px at least, accessible', async () => {
    const el = await phone();
    ([...el.shadowRoot!.querySelectorAll('.toggle button')][1] as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.ess-pin').length > 0, 'the pins', { timeout: 15_000 });
    expect(small(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
