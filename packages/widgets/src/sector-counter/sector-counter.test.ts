import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { mount } from '../mount.test-helper.js';
import { FeedLoader, missingMessages, placeholderMismatches } from '@ess-widgets/core';
import { fakeFetch, feature, installFrames, memoryCache, minimalFeed, type FakeFrames, onScreen } from '@ess-widgets/core/testing';
import './define.js';
import type { EssSectorCounter } from './sector-counter.js';
import { counterMessages } from './sector-counter.messages.js';

const STATS = [
  { id: 'establishments', value: 15827, unit: 'establishments', label: { fr: 'établissements', nl: 'vestigingen', de: 'Einrichtungen', en: 'establishments' }, region: 'FR-HDF', asOf: '2023-01-01', source: { name: 'CRESS', url: 'https://cress.example.org/' } },
  { id: 'people', value: 207824, unit: 'people', label: { fr: 'personnes', en: 'people' } },
  { id: 'share', value: 10, unit: 'percent', approximate: true, label: { fr: 'de l’emploi', nl: 'van de werkgelegenheid', de: 'der Beschäftigung', en: 'of employment' } },
  { id: 'budget', value: 45000, unit: 'euros', label: 'budget' },
  { id: 'evil', value: 1, label: '<img src=x onerror="window.__pwned=1">', source: { name: '<b>bold</b>', url: 'javascript:alert(1)' } },
];

/** The test directory: the minimal feed's locations and three more. */
function directory() {
  return [
    ...(minimalFeed().locations as unknown[]),
    feature('bxl-shop', 4.35, 50.85, { name: 'Shop BXL', categories: ['shop'], address: { region: 'BE-BRU' } }),
    feature('bxl-bubble', 4.36, 50.84, { name: 'Bubble', categories: ['collection-point'], materials: ['textile'], address: { region: 'BE-BRU' } }),
    feature('vlg-bubble', 4.7, 51.0, { name: 'Bubble VLG', categories: ['collection-point'], address: { region: 'BE-VLG' } }),
  ] as { properties: { categories?: string[]; address?: { region?: string } } }[];
}

function network() {
  const features = directory();
  return fakeFetch({
    '/counter/feed.json': { json: minimalFeed({ stats: STATS, locations: { href: 'locations.geojson' } }) },
    '/counter/locations.geojson': { json: { type: 'FeatureCollection', features } },
  });
}

let net: ReturnType<typeof network>;
let loader: FeedLoader;

function counter(attrs: string, inner = ''): Promise<EssSectorCounter> {
  return mount(`<ess-sector-counter ${attrs}>${inner}</ess-sector-counter>`, loader);
}

/** Waits until the counter shows its figures, its error or its fallback for good (aria-busy="false"). */
async function loaded(el: EssSectorCounter): Promise<void> {
  await waitUntil(() => el.getAttribute('aria-busy') === 'false', 'the counter stays busy', { timeout: 8000 });
  await el.updateComplete;
}

/** The digits on screen (the animated ones, hidden from assistive technology). */
const digits = (el: EssSectorCounter) => el.shadowRoot!.querySelector('.shown')!.textContent!;

/** Fake animation frames for the test that installs them; put back after each test. */
let frames: FakeFrames | undefined;
const useFrames = () => (frames = installFrames());

/** Waits until the counter asks for an animation frame (it starts counting), on fake frames. */
const counting = (f: FakeFrames) => waitUntil(() => f.pending > 0, 'the counter never started counting', { timeout: 8000 });


/** A counter built with the test loader before it joins the page. */
function place(attrs: string): EssSectorCounter {
  const t = document.createElement('template');
  t.innerHTML = `<ess-sector-counter ${attrs}></ess-sector-counter>`;
  const el = document.createElement('ess-sector-counter');
  for (const a of t.content.firstElementChild!.attributes) el.setAttribute(a.name, a.value);
  el.loader = loader;
  return el;
}

/** A counter placed far below the visible part of the page. */
async function belowTheFold(attrs: string): Promise<EssSectorCounter> {
  const wrapper = await fixture<HTMLDivElement>(html`<div><div style="height: 3000px"></div></div>`);
  window.scrollTo(0, 0);
  const el = place(attrs);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const shown = (el: EssSectorCounter) => [...el.shadowRoot!.querySelectorAll('.figure')].map((f) => f.querySelector('.visually-hidden')!.textContent);

let reduce = false;
const realMatchMedia = window.matchMedia;

describe('<ess-sector-counter>', () => {
  beforeEach(() => {
    net = network();
    loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    reduce = true;
    window.matchMedia = ((q: string) => ({ matches: q.includes('reduce') ? reduce : realMatchMedia(q).matches })) as typeof matchMedia;
  });
  afterEach(() => {
    window.matchMedia = realMatchMedia;
    frames?.restore();
    frames = undefined;
  });

  it('is accessible loading, loaded and in error', async () => {
    net.route('/counter/slow.json', { json: minimalFeed({ stats: STATS }), delay: 100 });
    const el = await counter('feed="/counter/slow.json" stats="establishments,share" lang="fr"');
    expect(el.shadowRoot!.querySelector('[data-state="loading"]')).to.exist;
    await expect(el).to.be.accessible();
    await loaded(el);
    await expect(el).to.be.accessible();
    const bad = await counter('feed="/counter/feed.json" stat="jobz"');
    await loaded(bad);
    await expect(bad).to.be.accessible();
  });

  for (const [lang, expected] of [
    ['fr-BE', ['15\u202F827', 'environ 10\u00A0%', '45\u202F000\u00A0€']],
    ['nl-BE', ['15.827', 'ongeveer 10%', '€\u00A045.000']],
    ['de-BE', ['15.827', 'etwa 10\u00A0%', '45.000\u00A0€']],
    ['en', ['15,827', 'about 10%', '€45,000']],
  ] as const) {
    it(`formats in ${lang} with the exact characters`, async () => {
      const el = await counter(`feed="/counter/feed.json" stats="establishments,share,budget" lang="${lang}"`);
      await loaded(el);
      expect(shown(el)).to.deep.equal(expected);
    });
  }

  it('shows the label, the source as a link and the date in the reader’s language', async () => {
    const el = await counter('feed="/counter/feed.json" stat="establishments" lang="fr-BE"');
    await loaded(el);
    const fig = el.shadowRoot!.querySelector('.figure')!;
    expect(fig.querySelector('.label')!.textContent).to.equal('établissements');
    expect(fig.querySelector('.source a')!.getAttribute('href')).to.equal('https://cress.example.org/');
    expect(fig.querySelector('.source')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Source : CRESS · au 1 janvier 2023');
  });

  it('offers compact notation', async () => {
    const el = await counter('feed="/counter/feed.json" stat="people" compact lang="fr-BE"');
    await loaded(el);
    expect(shown(el)).to.deep.equal(['207,8\u00A0k']);
  });

  it('renders hostile feed text inert and drops a javascript: source link', async () => {
    const el = await counter('feed="/counter/feed.json" stat="evil" lang="en"');
    await loaded(el);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.label')!.textContent).to.contain('<img');
    expect(el.shadowRoot!.querySelector('.source a')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('names an unknown stat id and lists the available ones', async () => {
    const el = await counter('feed="/counter/feed.json" stats="establishments,jobz" lang="en"');
    await loaded(el);
    // The known figure is shown; the unknown one is explained beside it.
    expect(el.shadowRoot!.querySelector('.figure[data-id="establishments"]')).to.exist;
    const text = el.shadowRoot!.querySelector('[data-kind="missing"]')!.textContent!;
    expect(text).to.contain('“jobz”').and.contain('establishments, people, share');
  });

  it('derives counts from the directory, fetching the locations only then', async () => {
    const stat = await counter('feed="/counter/feed.json" stat="people"');
    await loaded(stat);
    expect(net.count('/counter/locations.geojson'), 'a stat never downloads the points').to.equal(0);
    const all = await counter('feed="/counter/feed.json" count="locations" lang="en"');
    const brussels = await counter('feed="/counter/feed.json" count="locations" region="BE-BRU" lang="en"');
    const shops = await counter('feed="/counter/feed.json" count="locations" categories="shop,repair" lang="en"');
    const textile = await counter('feed="/counter/feed.json" count="locations" materials="textile" lang="en"');
    for (const el of [all, brussels, shops, textile]) await loaded(el);
    expect([shown(all), shown(brussels), shown(shops), shown(textile)]).to.deep.equal([['6'], ['3'], ['3'], ['3']]);
    expect(shops.shadowRoot!.querySelector('.label')!.textContent).to.equal('Second-hand shop · Repair workshop');
    expect(net.count('/counter/locations.geojson')).to.equal(1);
  });

  it('still reads the old category and material attributes, the same as categories and materials, and says which to write', async () => {
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => void warned.push(a.map(String).join(' '));
    try {
      const pairs = [
        ['categories="shop,repair"', 'category="shop,repair"'],
        ['materials="textile"', 'material="textile"'],
      ];
      for (const [now, old] of pairs) {
        const [a, b] = await Promise.all([now, old].map((f) => counter(`feed="/counter/feed.json" count="locations" ${f} lang="en"`)));
        await Promise.all([loaded(a), loaded(b)]);
        expect(shown(b), old).to.deep.equal(shown(a));
        expect(b.shadowRoot!.querySelector('.label')!.textContent, old).to.equal(a.shadowRoot!.querySelector('.label')!.textContent);
      }
    } finally {
      console.warn = warn;
    }
    const deprecations = warned.filter((w) => w.includes('deprecated'));
    expect(deprecations.some((w) => w.includes('category="…"') && w.includes('categories="shop,repair"'))).to.equal(true);
    expect(deprecations.some((w) => w.includes('material="…"') && w.includes('materials="textile"'))).to.equal(true);
  });

  it('counts up when visible, keeping the final value for screen readers and the width reserved', async () => {
    reduce = false;
    const f = useFrames();
    const el = await counter('feed="/counter/feed.json" stat="establishments" lang="en"');
    await loaded(el);
    const value = el.shadowRoot!.querySelector('.value') as HTMLElement;
    const width = value.getBoundingClientRect().width;
    await counting(f);
    await f.frame(150);
    await el.updateComplete;
    const mid = digits(el);
    expect(Number(mid.replace(/,/g, '')), '150 ms into the count').to.be.within(1, 15826);
    expect(value.getAttribute('aria-hidden')).to.equal('true');
    expect(shown(el)).to.deep.equal(['15,827']);
    expect(value.getBoundingClientRect().width).to.equal(width);
    expect(el.shadowRoot!.querySelector('[aria-live]')).to.equal(null);
    await f.frame(1500);
    await el.updateComplete;
    expect(digits(el), 'the count ends on the value').to.equal('15,827');
    expect(f.pending, 'and stops asking for frames').to.equal(0);
  });

  it('shows the final value at once with reduced motion', async () => {
    reduce = true;
    const f = useFrames(); // no frame is ever run: the value must not need one
    const el = await counter('feed="/counter/feed.json" stat="establishments" lang="en"');
    await loaded(el);
    await waitUntil(() => digits(el) === '15,827', 'the final value at once', { timeout: 5000 });
    expect(f.pending, 'no animation').to.equal(0);
  });

  it('while loading, holds the height of the figures asked for, not of its fallback text', async () => {
    net.route('/counter/slow.json', { json: minimalFeed({ stats: STATS }), delay: 150 });
    for (const [attrs, width] of [['stats="establishments,people,share,budget"', '358px'], ['stats="establishments,people,share,budget"', '900px'], ['stat="establishments" layout="big"', '358px'], ['count="locations"', '358px']]) {
      for (const inner of ['', '15 827']) {
        const el = await mount<EssSectorCounter>(`<ess-sector-counter feed="/counter/slow.json" ${attrs} lang="en">${inner}</ess-sector-counter>`, loader, width);
        const loading = el.getBoundingClientRect().height;
        await loaded(el);
        const drawn = el.getBoundingClientRect().height;
        // Within half a line: the figures' labels and sources may wrap where the held ones do not.
        expect(Math.abs(loading - drawn), `${attrs} at ${width}, fallback "${inner}": ${loading} px loading, ${drawn} px drawn`).to.be.at.most(8);
        el.parentElement!.remove();
      }
    }
  });

  it('shows its light-DOM fallback until the feed arrives, and when the feed fails', async () => {
    net.route('/counter/slow.json', { json: minimalFeed({ stats: STATS }), delay: 100 });
    const el = await counter('feed="/counter/slow.json" stat="establishments" lang="en"', '15 827 établissements');
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
    await loaded(el);
    expect(shown(el)).to.deep.equal(['15,827']);
    const down = await counter('feed="/counter/down.json" stat="establishments"', '15 827 établissements');
    await loaded(down);
    expect(down.shadowRoot!.querySelector('slot')).to.exist;
    expect(down.shadowRoot!.querySelector('[data-state="error"]')).to.equal(null);
  });

  it('picks up a changed feed on refresh and tells the page', async () => {
    const el = await counter('feed="/counter/feed.json" stat="establishments" lang="en"');
    await loaded(el);
    const updates: unknown[] = [];
    el.addEventListener('ess-counter-update', (e) => updates.push(e.detail));
    const changed = STATS.map((s) => (s.id === 'establishments' ? { ...s, value: 16000 } : s));
    net.route('/counter/feed.json', { json: minimalFeed({ stats: changed, locations: { href: 'locations.geojson' } }) });
    await loader.refresh('/counter/feed.json');
    el.retry();
    await waitUntil(() => shown(el)[0] === '16,000', 'the new value', { timeout: 5000 });
    expect(updates).to.deep.equal([{ id: 'establishments', from: 15827, to: 16000 }]);
  });

  it('derived counts match the sample directory', async () => {
    loader = new FeedLoader({ cache: memoryCache() }); // the real sample files, from the test server
    const feed = '/demo/feeds/wallonie-bruxelles/feed.json';
    // The counts expected, counted here from the sample's own locations file.
    type Props = { categories?: string[]; address?: { region?: string } };
    const all = ((await (await fetch('/demo/feeds/wallonie-bruxelles/locations.geojson')).json()) as { features: { properties: Props }[] }).features.map((x) => x.properties);
    const inCategory = (c: string, p: Props) => (p.categories ?? []).includes(c);
    const expected = [all.length, ...['shop', 'collection-point', 'sorting'].map((c) => all.filter((p) => inCategory(c, p)).length), all.filter((p) => inCategory('collection-point', p) && p.address?.region === 'BE-BRU').length];
    expect(expected.every((n) => n > 0), `every filter counts something: ${expected}`).to.equal(true);
    const els = await Promise.all(['', 'categories="shop"', 'categories="collection-point"', 'categories="sorting"', 'region="BE-BRU" categories="collection-point"'].map((f) => counter(`feed="${feed}" count="locations" ${f} lang="en"`)));
    for (const el of els) await loaded(el);
    const values = els.map((el) => Number(shown(el)[0]!.replace(/,/g, '')));
    expect(values).to.deep.equal(expected);
  });

  it('takes a count from the stats ess-feed stats --write stored, without requesting the locations file', async () => {
    // What `ess-feed stats --write` stores, counted here from the same directory.
    const features = directory().map((f) => f.properties);
    const asOf = '2026-11-30';
    const stats = [
      { id: 'count-locations', value: features.length, label: 'places in the directory', asOf },
      { id: 'count-category-collection-point', value: features.filter((p) => p.categories?.includes('collection-point')).length, label: 'Textile bank', asOf },
      { id: 'count-region-BE-BRU', value: features.filter((p) => p.address?.region === 'BE-BRU').length, label: 'places in the directory', region: 'BE-BRU', asOf },
    ];
    net.route('/counter/counted.json', { json: minimalFeed({ stats, locations: { href: 'locations.geojson' } }) });
    const filters = ['', 'categories="collection-point"', 'region="BE-BRU"'];
    const fromStats = await Promise.all(filters.map((f) => counter(`feed="/counter/counted.json" count="locations" ${f} lang="en"`)));
    for (const el of fromStats) await loaded(el);
    expect(net.count('/counter/locations.geojson'), 'requests for the locations file').to.equal(0);
    // The same counts from a feed without them: the locations are downloaded and counted.
    const counted = await Promise.all(filters.map((f) => counter(`feed="/counter/feed.json" count="locations" ${f} lang="en"`)));
    for (const el of counted) await loaded(el);
    expect(net.count('/counter/locations.geojson')).to.equal(1);
    expect(fromStats.map((el) => shown(el)[0])).to.deep.equal(counted.map((el) => shown(el)[0]));
    expect(fromStats.map((el) => shown(el)[0])).to.deep.equal(stats.map((x) => String(x.value)));
    expect(fromStats.map((el) => el.shadowRoot!.querySelector('.label')!.textContent)).to.deep.equal(counted.map((el) => el.shadowRoot!.querySelector('.label')!.textContent));
    expect(fromStats[0].shadowRoot!.querySelector('.source')!.textContent!.trim()).to.equal('as of November 30, 2026');
  });

  it('counts from the locations what the stats do not hold: two filters, several values, an absent stat', async () => {
    const stats = [{ id: 'count-locations', value: 999, label: 'places', asOf: '2026-11-30' }];
    net.route('/counter/counted.json', { json: minimalFeed({ stats, locations: { href: 'locations.geojson' } }) });
    const features = directory().map((f) => f.properties);
    const cases = [
      ['categories="collection-point" region="BE-BRU"', features.filter((p) => p.categories?.includes('collection-point') && p.address?.region === 'BE-BRU').length],
      ['categories="shop,collection-point"', features.filter((p) => p.categories?.some((c) => c === 'shop' || c === 'collection-point')).length],
      ['region="BE-VLG"', features.filter((p) => p.address?.region === 'BE-VLG').length],
    ] as const;
    const els = await Promise.all(cases.map(([f]) => counter(`feed="/counter/counted.json" count="locations" ${f} lang="en"`)));
    for (const el of els) await loaded(el);
    expect(net.count('/counter/locations.geojson')).to.equal(1);
    expect(els.map((el) => shown(el)[0])).to.deep.equal(cases.map(([, n]) => String(n)));
  });

  it('live refresh re-reads the feed on its interval, not while the page is hidden, and stops when removed', async () => {
    const ticks: (() => void)[] = [];
    const cleared: unknown[] = [];
    const real = { setInterval: window.setInterval, clearInterval: window.clearInterval, now: Date.now };
    let now = Date.now();
    let hidden = false;
    window.setInterval = ((fn: () => void) => (ticks.push(fn), ticks.length)) as typeof setInterval;
    window.clearInterval = ((id: unknown) => void cleared.push(id)) as typeof clearInterval;
    Date.now = () => now;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    try {
      const el = await counter('feed="/counter/feed.json" stat="establishments" refresh="30" lang="en"');
      await loaded(el);
      expect(ticks.length, 'one watch').to.equal(1);
      const changed = STATS.map((s) => (s.id === 'establishments' ? { ...s, value: 16000 } : s));
      net.route('/counter/feed.json', { json: minimalFeed({ stats: changed }) });
      hidden = true;
      now += 31_000;
      ticks[0]();
      hidden = false;
      ticks[0]();
      await waitUntil(() => shown(el)[0] === '16,000', 'the refreshed value', { timeout: 5000 });
      // One request for the visible tick; the hidden one made none.
      expect(net.count('/counter/feed.json'), 'hidden: no request').to.equal(2);
      el.remove();
      expect(cleared).to.deep.equal([1]);
    } finally {
      Object.assign(window, { setInterval: real.setInterval, clearInterval: real.clearInterval });
      Date.now = real.now;
      delete (document as unknown as Record<string, unknown>).hidden;
    }
  });

  it('is accessible in every state: fallback, big, inline, counting, an empty count, a feed that fails, no figure asked', async () => {
    net.route('/counter/slow.json', { json: minimalFeed({ stats: STATS }), delay: 100 });
    const fallback = await counter('feed="/counter/slow.json" stat="establishments"', '15 827 établissements');
    await expect(fallback).to.be.accessible();
    const big = await counter('feed="/counter/feed.json" stat="share" layout="big" lang="fr-BE"');
    await loaded(big);
    await expect(big).to.be.accessible();
    const p = await fixture<HTMLParagraphElement>(html`<p lang="nl">In Wallonië zijn <span></span> mensen actief.</p>`);
    const inline = place('feed="/counter/feed.json" stat="share" layout="inline"');
    p.querySelector('span')!.replaceWith(inline);
    await loaded(inline);
    await expect(inline).to.be.accessible();
    expect(p.textContent!.replace(/\s+/g, ' ')).to.contain('In Wallonië zijn');
    expect(shown(inline)).to.deep.equal(['ongeveer 10%']);
    reduce = false;
    const f = useFrames();
    const busy = await counter('feed="/counter/feed.json" stat="people" lang="en"');
    await loaded(busy);
    await counting(f);
    await f.frame(0);
    await f.frame(100);
    expect(Number(digits(busy).replace(/,/g, '')), 'counting').to.be.within(1, 207823);
    await expect(busy).to.be.accessible();
    f.restore();
    const none = await counter('feed="/counter/feed.json" count="locations" categories="no-such-category" lang="en"');
    await loaded(none);
    expect(shown(none)).to.deep.equal(['0']);
    await expect(none).to.be.accessible();
    const down = await counter('feed="/counter/down.json" stat="people"');
    await loaded(down);
    expect(down.shadowRoot!.querySelector('[data-state="error"] button')).to.exist;
    await expect(down).to.be.accessible();
    const unset = await counter('feed="/counter/feed.json" lang="en"');
    await loaded(unset);
    expect(unset.shadowRoot!.querySelector('[data-state="error"]')!.textContent).to.contain('stat=');
    await expect(unset).to.be.accessible();
  });

  for (const [lang, expected] of [
    ['fr-BE', ['207\u202F824', 'environ 7\u202F900', '207,8\u00A0k', '52\u00A0k']],
    ['nl-BE', ['207.824', 'ongeveer 7.900', '207,8K', '52K']],
    // German compact notation does not shorten thousands.
    ['de-BE', ['207.824', 'etwa 7.900', '207.824', '52.000']],
    ['en', ['207,824', 'about 7,900', '207.8K', '52K']],
  ] as const) {
    it(`formats people, approximate figures and compact notation in ${lang}`, async () => {
      net.route('/counter/more.json', { json: minimalFeed({ stats: [STATS[1], { id: 'jobs', value: 7900, unit: 'people', approximate: true, label: 'jobs' }, { id: 'lille', value: 52000, unit: 'people', label: 'jobs' }] }) });
      const plain = await counter(`feed="/counter/more.json" stats="people,jobs" lang="${lang}"`);
      const compact = await counter(`feed="/counter/more.json" stats="people,lille" compact lang="${lang}"`);
      await loaded(plain);
      await loaded(compact);
      expect([...shown(plain), ...shown(compact)]).to.deep.equal(expected);
    });
  }

  it('names an unknown stat in the reader’s language', async () => {
    const el = await counter('feed="/counter/feed.json" stat="jobz" lang="fr"');
    await loaded(el);
    expect(el.shadowRoot!.querySelector('[data-state="error"]')!.textContent!.trim()).to.equal(
      'Aucun chiffre « jobz » dans ce flux. Disponibles : establishments, people, share, budget, evil.',
    );
  });

  it('shows the date of a figure as written, whatever the reader’s time zone', async () => {
    // "2023-01-01" is a calendar date: read as UTC midnight and shown in local time it
    // would become 31 December 2022 west of Greenwich.
    const el = await counter('feed="/counter/feed.json" stat="establishments" lang="en"');
    await loaded(el);
    expect(el.shadowRoot!.querySelector('.source')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Source: CRESS · as of January 1, 2023');
  });

  it('keeps the figure on screen while a refresh is on its way', async () => {
    const el = await counter('feed="/counter/feed.json" count="locations" lang="en"', '6 places');
    await loaded(el);
    // The refreshed feed points at a new directory file, slow to arrive.
    net.route('/counter/feed.json', { json: minimalFeed({ stats: STATS, locations: { href: 'locations-2.geojson' } }) });
    net.route('/counter/locations-2.geojson', { json: { type: 'FeatureCollection', features: (minimalFeed().locations as unknown[]).slice(0, 2) }, delay: 150 });
    // What the reader sees after every change of the element's content, until the new figure.
    const seen: string[] = [];
    const look = () => seen.push(el.shadowRoot!.querySelector('.figures') ? shown(el).join() : el.shadowRoot!.querySelector('slot, [data-state]') ? 'placeholder' : 'nothing');
    const watcher = new MutationObserver(look);
    watcher.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    watcher.observe(el, { attributes: true });
    await loader.refresh('/counter/feed.json');
    el.retry();
    await waitUntil(() => el.getAttribute('aria-busy') === 'true', 'the refresh under way', { timeout: 5000 });
    look();
    await waitUntil(() => shown(el)[0] === '2', 'the new figure', { timeout: 5000 });
    watcher.disconnect();
    expect(seen.length, 'changes seen while refreshing').to.be.greaterThan(1);
    expect(seen.every((s) => s === '6' || s === '2'), seen.join(' ')).to.equal(true);
    expect(shown(el)).to.deep.equal(['2']);
  });

  it('counts from the old value to the new one, the width reserved for both', async () => {
    const el = await counter('feed="/counter/feed.json" stat="establishments" lang="en"');
    await loaded(el);
    await waitUntil(() => digits(el) === '15,827', 'the first value', { timeout: 5000 });
    reduce = false;
    const f = useFrames();
    const value = el.shadowRoot!.querySelector('.value') as HTMLElement;
    const before = value.getBoundingClientRect().width;
    const changed = STATS.map((s) => (s.id === 'establishments' ? { ...s, value: 9000 } : s));
    net.route('/counter/feed.json', { json: minimalFeed({ stats: changed }) });
    await loader.refresh('/counter/feed.json');
    el.retry();
    await counting(f);
    // A frame every 16 ms, from the first to past the end of the count.
    const frames: string[] = [];
    const widths = new Set<number>();
    for (let t = 0; t <= 1600; t += 40) {
      await f.frame(t);
      await el.updateComplete;
      frames.push(digits(el));
      if (frames.at(-1) !== '9,000') widths.add(value.getBoundingClientRect().width);
      expect(shown(el)).to.deep.equal(['9,000']);
    }
    const numbers = frames.map((x) => Number(x.replace(/,/g, '')));
    expect(numbers.some((n) => n < 15827 && n > 9000), 'an intermediate value').to.equal(true);
    expect(numbers.every((n, i) => n >= 9000 && n <= 15827 && (i === 0 || n <= numbers[i - 1]!)), frames.join(' ')).to.equal(true);
    expect(frames.at(-1)).to.equal('9,000');
    expect([...widths], 'no width change while counting').to.deep.equal([before]);
  });

  it('reaches the final value 1.5 s (of animation time) after first being seen, not before its first frames', async () => {
    reduce = false;
    const f = useFrames();
    const el = await counter('feed="/counter/feed.json" stat="people" lang="en"');
    await loaded(el);
    await counting(f);
    await f.frame(0);
    expect(digits(el), 'the first frame').not.to.equal('207,824');
    await f.frame(16);
    expect(digits(el), 'the next frame').not.to.equal('207,824');
    await f.frame(1500);
    expect(digits(el), '1.5 s after the first frame').to.equal('207,824');
    expect(f.pending).to.equal(0);
  });

  it('does not count until scrolled into view', async () => {
    reduce = false;
    const f = useFrames();
    const c = await belowTheFold('feed="/counter/feed.json" stat="people" lang="en"');
    await loaded(c);
    // The page's own observer (created after the counter's) reports it off screen.
    expect(await onScreen(c), 'below the fold').to.equal(false);
    expect(digits(c), 'not counted out of view').to.equal('');
    expect(f.pending, 'no count started').to.equal(0);
    expect(shown(c)).to.deep.equal(['207,824']);
    c.scrollIntoView();
    await counting(f);
    await f.frame(0);
    await f.frame(100);
    const text = digits(c);
    expect(text, 'counting once seen').not.to.equal('');
    expect(text).not.to.equal('207,824');
  });

  it('prints the final value, even for a figure never scrolled to', async () => {
    const c = await belowTheFold('feed="/counter/feed.json" stat="people" lang="en"');
    await loaded(c);
    await emulateMedia({ media: 'print' });
    try {
      const visible = [...c.shadowRoot!.querySelectorAll('.digits > *')].filter((s) => getComputedStyle(s).visibility === 'visible').map((s) => s.textContent);
      expect(visible).to.deep.equal(['207,824']);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('honours the browser’s real reduced-motion setting', async () => {
    window.matchMedia = realMatchMedia;
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const f = useFrames(); // no frame is ever run: the value must not need one
      const el = await counter('feed="/counter/feed.json" stat="people" lang="en"');
      await loaded(el);
      await waitUntil(() => digits(el) === '207,824', 'the final value at once', { timeout: 5000 });
      expect(f.pending, 'no animation').to.equal(0);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('finishes counting and keeps refreshing after being moved in the page', async () => {
    reduce = false;
    const intervals: number[] = [];
    const realSet = window.setInterval;
    window.setInterval = ((fn: () => void, ms: number) => (intervals.push(ms), realSet(fn, 3_600_000))) as typeof setInterval;
    const f = useFrames();
    try {
      const el = await counter('feed="/counter/feed.json" stat="people" refresh="60" lang="en"');
      await loaded(el);
      await counting(f);
      await f.frame(0);
      await f.frame(100);
      expect(digits(el), 'counting before the move').not.to.equal('207,824');
      const other = document.createElement('div');
      el.parentElement!.after(other);
      other.append(el);
      expect(intervals, 'watching again after the move').to.deep.equal([60_000, 60_000]);
      await counting(f);
      await f.frame(200);
      await f.frame(3000);
      await el.updateComplete;
      expect(digits(el)).to.equal('207,824');
      other.remove();
    } finally {
      window.setInterval = realSet;
    }
  });

  it('shows other figures when its attributes change', async () => {
    const el = await counter('feed="/counter/feed.json" stat="people" lang="en"');
    await loaded(el);
    el.setAttribute('stat', 'establishments');
    await waitUntil(() => shown(el).join() === '15,827', 'the other figure', { timeout: 5000 });
  });

  it('gives assistive technology the final value and its label while the digits count', async () => {
    reduce = false;
    const f = useFrames();
    const el = await counter('id="sr" feed="/counter/feed.json" stats="people,share" lang="fr-BE"');
    await loaded(el);
    await counting(f);
    await f.frame(0);
    await f.frame(150);
    const mid = digits(el);
    expect(mid).not.to.equal('207\u202F824');
    // What assistive technology is given: every text outside aria-hidden subtrees.
    const exposed = (n: Node): string[] =>
      n instanceof Element && n.getAttribute('aria-hidden') === 'true' ? [] : n.nodeType === Node.TEXT_NODE ? [n.textContent!] : [...n.childNodes].flatMap(exposed);
    const tree = exposed(el.shadowRoot!).join(' ');
    expect(tree).to.contain('207\u202F824').and.contain('personnes').and.contain('environ 10\u00A0%');
    expect(tree, 'no animation frame').not.to.contain(mid);
    expect(el.shadowRoot!.querySelector('[aria-live], [role="status"], [role="alert"]')).to.equal(null);
  });

  it('counts by organization and by several filters together', async () => {
    const org = await counter('feed="/counter/feed.json" count="locations" organization="org-a" lang="en"');
    const both = await counter('feed="/counter/feed.json" count="locations" categories="collection-point" region="BE-BRU" materials="textile" label="textile banks in Brussels" lang="en"');
    await loaded(org);
    await loaded(both);
    expect([shown(org), shown(both)]).to.deep.equal([['1'], ['2']]);
    expect(both.shadowRoot!.querySelector('.label')!.textContent).to.equal('textile banks in Brussels');
  });

  it('never re-reads the feed more often than every 30 seconds', async () => {
    const intervals: number[] = [];
    const realSet = window.setInterval;
    window.setInterval = ((fn: () => void, ms: number) => (intervals.push(ms), realSet(fn, 3_600_000))) as typeof setInterval;
    try {
      const el = await counter('feed="/counter/feed.json" stat="people" refresh="5"');
      await loaded(el);
      expect(intervals).to.deep.equal([30_000]);
      el.remove();
    } finally {
      window.setInterval = realSet;
    }
  });

  it('has every message in every language', () => {
    expect(missingMessages(counterMessages)).to.deep.equal({});
    expect(placeholderMismatches(counterMessages)).to.deep.equal([]);
  });
});
