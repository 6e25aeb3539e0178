// The first view: two copies on one page keep their landmark names unique, the map credits speak
// the page's language, a skip link passes the list, a picked point comes to the map's middle.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FeedLoader } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import '../nearby-points/define.js';
import type { EssShopFinder } from './shop-finder.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const locations = [
  ...(minimalFeed().locations as Record<string, unknown>[]),
  ...Array.from({ length: 30 }, (_, i) => feature(`p${i}`, 4.2 + (i % 6) * 0.12, 50.3 + Math.floor(i / 6) * 0.1, { name: `Point ${i}`, categories: ['collection-point'], address: { postcode: '5000', locality: 'Namur' } })),
];
let loader: FeedLoader;
const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement | null;
const mapOf = (el: EssShopFinder) => (el as unknown as { map?: { view?: { lat: number; lon: number } } }).map;

async function page(markup: string): Promise<HTMLElement> {
  const wrap = await fixture<HTMLElement>(`<div style="width: 1000px"></div>` as never);
  wrap.innerHTML = markup;
  for (const el of wrap.querySelectorAll('ess-shop-finder, ess-nearby-points')) {
    (el as EssShopFinder).loader = loader;
    (el as EssShopFinder).requestUpdate();
  }
  return wrap;
}
const loaded = (el: EssShopFinder) => waitUntil(() => $(el, '.list .item') && $(el, '.list-pane')!.getAttribute('aria-busy') === 'false', 'the list', { timeout: 15_000 });

describe('<ess-shop-finder> first view', function () {
  this.timeout(40_000);
  beforeEach(() => {
    const net = fakeFetch({
      '/f/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
      '/f/locations.geojson': { json: { type: 'FeatureCollection', features: locations } },
      '/f/big.json': { json: minimalFeed({ locations: { href: 'big.geojson' } }) },
      '/f/big.geojson': { json: { type: 'FeatureCollection', features: [...locations, ...Array.from({ length: 200 }, (_, i) => feature(`s${i}`, 4.3 + (i % 20) * 0.01, 50.5 + Math.floor(i / 20) * 0.01, { name: `Boutique ${i}`, categories: ['shop'] }))] } },
    });
    loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
  });

  it('two finders and two nearby lists on one page: landmark names stay unique (axe landmark-unique)', async () => {
    const wrap = await page(`<ess-shop-finder feed="/f/feed.json" tile-url="${TILE}" lang="fr"></ess-shop-finder>
      <ess-shop-finder feed="/f/feed.json" tile-url="${TILE}" lang="fr"></ess-shop-finder>
      <ess-nearby-points feed="/f/feed.json" postcode="5000" lang="fr"></ess-nearby-points>
      <ess-nearby-points feed="/f/feed.json" postcode="5000" lang="fr"></ess-nearby-points>`);
    const [a, b] = [...wrap.querySelectorAll('ess-shop-finder')] as EssShopFinder[];
    await loaded(a);
    await loaded(b);
    const nearby = [...wrap.querySelectorAll('ess-nearby-points')];
    await waitUntil(() => nearby.every((n) => $(n, '.results')), 'the nearby lists', { timeout: 15_000 });
    const names = [a, b, ...nearby].map((el) => $(el, '[role="search"]')!.getAttribute('aria-label'));
    expect(new Set(names).size).to.equal(4);
    await expect(wrap).to.be.accessible();
  });

  it('the map credits are in the page’s language; a skip link passes the list to the map', async () => {
    const wrap = await page(`<ess-shop-finder feed="/f/feed.json" tile-url="${TILE}" lang="nl"></ess-shop-finder>`);
    const el = wrap.firstElementChild as EssShopFinder;
    await loaded(el);
    await waitUntil(() => $(el, '.leaflet-control-attribution a[href*="copyright"]'), 'the credits', { timeout: 15_000 });
    expect($(el, '.leaflet-control-attribution')!.textContent).to.contain('© OpenStreetMap-bijdragers');
    const skip = $(el, 'button.skip')!;
    expect(skip.textContent).to.equal('Lijst overslaan, naar de kaart');
    skip.focus();
    await sendKeys({ press: 'Enter' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.map'));
  });

  it('before the visitor says where they are: the network by type, not an alphabetical dump', async () => {
    const wrap = await page(`<ess-shop-finder feed="/f/big.json" tile-url="${TILE}" lang="fr"></ess-shop-finder>`);
    const el = wrap.firstElementChild as EssShopFinder;
    await loaded(el);
    await waitUntil(() => $(el, '.group'), 'the overview', { timeout: 10_000 });
    expect($(el, '.overview-intro')!.textContent).to.contain('Indiquez une commune ou un code postal');
    const groups = [...el.shadowRoot!.querySelectorAll('.group')].map((g) => [g.querySelector('h4')!.textContent!.replace(/\s+/g, ' ').trim(), g.querySelectorAll('.item').length]);
    expect(groups).to.deep.equal([['Boutique de seconde main (201)', 3], ['Atelier de réparation (1)', 1], ['Bulle à textiles (31)', 3]]);
    await expect(el).to.be.accessible();
    const show = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.show-category')];
    expect(show.map((b) => b.textContent)).to.deep.equal(['Voir les 201 « Boutique de seconde main »', 'Voir les 31 « Bulle à textiles »']);
    show[1].click();
    await waitUntil(() => !$(el, '.group') && $(el, '.list-heading')?.textContent === '31 lieux', 'the bubbles', { timeout: 10_000 });
  });

  it('a location picked in the list comes to the middle of the map', async () => {
    const wrap = await page(`<ess-shop-finder feed="/f/feed.json" tile-url="${TILE}" lang="fr"></ess-shop-finder>`);
    const el = wrap.firstElementChild as EssShopFinder;
    await loaded(el);
    await waitUntil(() => mapOf(el)?.view, 'the map', { timeout: 15_000 });
    const item = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.list .item')].find((i) => i.dataset.id === 'p29')!;
    (item.querySelector('.name') as HTMLElement).click();
    await waitUntil(() => {
      const v = mapOf(el)!.view!;
      return Math.abs(v.lat - (50.3 + 4 * 0.1)) < 0.01 && Math.abs(v.lon - (4.2 + 5 * 0.12)) < 0.01;
    }, 'the point in the middle', { timeout: 10_000 });
  });
});
