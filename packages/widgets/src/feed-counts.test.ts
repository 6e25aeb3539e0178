// Broken feeds through the elements: every count agrees with the validator's, each notice speaks of
// what its element shows, a linked file that fails says so with its URL, saved copies stand in for
// unusable answers (and say so, with their date), each requested figure is shown or explained.
import { expect, waitUntil } from '@open-wc/testing';
import { mount } from './mount.test-helper.js';
import { EssElement, FeedLoader, summarize, validateFeed, type EssElement as El } from '@ess-widgets/core';
import { fakeFetch, feature, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import { countedFeed } from '../../core/src/feed/fixtures/counted.js';
import './shop-finder/define.js';
import './nearby-points/define.js';
import './sector-counter/define.js';
import './campaign-banner/define.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const abs = (u: string) => new URL(u, location.href).href;
const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement | null;

let net: ReturnType<typeof fakeFetch>;
let loader: FeedLoader;
let warnings: string[];
const realWarn = console.warn;

function element<T extends El>(tag: string, attrs: string, width = '900px'): Promise<T> {
  const extra = tag === 'ess-shop-finder' ? ` tile-url="${TILE}"` : '';
  return mount<T>(`<${tag}${extra} ${attrs}></${tag}>`, loader, width);
}

/** The element once it shows its data or its error. */
async function settled(el: Element, ready: string): Promise<void> {
  await waitUntil(() => $(el, ready) || $(el, '[data-state="error"]'), `${el.localName} shows something`, { timeout: 8000 });
}

const partial = (el: Element) => Number($(el, '[data-kind="partial"]')?.dataset.count ?? 0);

describe('feed counts, linked files and saved copies', () => {
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      realWarn.apply(console, args as never);
    };
    loader = new FeedLoader({ cache: memoryCache(), timeout: 2000 });
  });
  afterEach(() => {
    console.warn = realWarn;
  });

  it('finder, nearby points, counter and console give the same number of skipped locations, and none of the campaigns', async () => {
    const raw = countedFeed();
    const v = validateFeed(raw, { baseUrl: abs('/counts/feed.json') });
    const locations = summarize(v.problems, '$.locations').skipped;
    const campaigns = summarize(v.problems, '$.campaigns').skipped;
    expect(locations).to.be.greaterThan(0);
    expect(campaigns).to.be.greaterThan(0);
    net = fakeFetch({ '/counts/feed.json': { json: raw } });
    loader.reset({ fetch: net.fetch });
    const finder = await element('ess-shop-finder', 'feed="/counts/feed.json" lang="fr"');
    const near = await element('ess-nearby-points', 'feed="/counts/feed.json" near="50.4669,4.8675" lang="fr"', '300px');
    const counter = await element('ess-sector-counter', 'feed="/counts/feed.json" count="locations" layout="big" lang="fr"');
    await settled(finder, '.list-heading');
    await settled(near, 'form');
    await settled(counter, '.figures');
    await waitUntil(() => partial(finder) > 0, 'the finder counts its skipped locations', { timeout: 15000 });
    expect([partial(finder), partial(near), partial(counter)]).to.deep.equal([locations, locations, locations]);
    // The notice is in the element's language and says the same number.
    expect($(near, '[data-kind="partial"]')!.textContent).to.contain(`${locations} entrées`);
    // The console gives the same numbers, per collection.
    const line = warnings.find((w) => w.includes(abs('/counts/feed.json')) && w.includes('skipped'));
    expect(line).to.contain(`${summarize(v.problems).skipped} record(s) skipped (locations ${locations}, campaigns ${campaigns}`);
    expect(net.count('/counts/feed.json')).to.equal(1);
    // The banner and a counter of figures speak of none of the skipped locations: the banner shows
    // its one good campaign, the counter names its invalid figures one by one (next tests).
    const banner = await element('ess-campaign-banner', 'feed="/counts/feed.json" now="2023-01-15T12:00:00Z" lang="fr"');
    const figures = await element('ess-sector-counter', 'feed="/counts/feed.json" stats="jobs" lang="fr"');
    await settled(banner, '.banner');
    await settled(figures, '.figures');
    expect($(banner, '.banner')!.textContent).to.contain('Bonne campagne');
    for (const el of [banner, figures]) {
      expect(partial(el), `${el.localName} counts no skipped location`).to.equal(0);
      expect(el.shadowRoot!.textContent, el.localName).not.to.contain('entrées');
    }
  });

  it('the same numbers with the locations in their own file', async () => {
    const raw = countedFeed();
    const features = raw.locations;
    raw.locations = { href: 'locations.geojson' };
    const { summarize: s, validateCollection, feedIds } = await import('@ess-widgets/core');
    const feed = validateFeed(raw, { baseUrl: abs('/linked/feed.json') }).value;
    const locations = s(validateCollection('locations', { type: 'FeatureCollection', features }, { baseUrl: abs('/linked/locations.geojson'), ids: feedIds(feed) }).problems).skipped;
    net = fakeFetch({ '/linked/feed.json': { json: raw }, '/linked/locations.geojson': { json: { type: 'FeatureCollection', features } } });
    loader.reset({ fetch: net.fetch });
    const finder = await element('ess-shop-finder', 'feed="/linked/feed.json" lang="en"');
    const near = await element('ess-nearby-points', 'feed="/linked/feed.json" near="50.4669,4.8675" lang="en"', '300px');
    const counter = await element('ess-sector-counter', 'feed="/linked/feed.json" count="locations" layout="big" lang="en"');
    await settled(near, 'form');
    await settled(counter, '.figures');
    await waitUntil(() => partial(finder) > 0, 'the finder counts its skipped locations', { timeout: 15000 });
    expect([partial(finder), partial(near), partial(counter)]).to.deep.equal([locations, locations, locations]);
    const line = warnings.find((w) => w.includes(abs('/linked/locations.geojson')) && w.includes('skipped'));
    expect(line).to.contain(`${locations} record(s) skipped`);
  });

  it('a missing locations file says it is the locations file, with its URL, in the element’s language', async () => {
    net = fakeFetch({ '/gone/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) } });
    loader.reset({ fetch: net.fetch });
    const expected: Record<string, string> = { fr: 'Le fichier des lieux', nl: 'Het locatiebestand', de: 'Die Standortdatei', en: 'The locations file' };
    for (const [lang, words] of Object.entries(expected)) {
      const near = await element('ess-nearby-points', `feed="/gone/feed.json" lang="${lang}"`, '300px');
      await settled(near, 'form');
      const text = $(near, '[data-state="error"]')!.textContent!;
      expect(text).to.contain(words);
      expect(text).to.contain(abs('/gone/locations.geojson'));
      expect(text).to.contain('404');
    }
    for (const [lang, words] of Object.entries(expected)) {
      const finder = await element('ess-shop-finder', `feed="/gone/feed.json" lang="${lang}"`);
      await settled(finder, '.list-heading');
      expect($(finder, '[data-state="error"]')!.textContent).to.contain(`${words} (${abs('/gone/locations.geojson')})`);
      expect($(finder, '[data-state="error"]')!.textContent).to.contain('404');
      expect($(finder, '[data-state="error"] button'), 'a retry button').to.exist;
      const counter = await element('ess-sector-counter', `feed="/gone/feed.json" count="locations" layout="big" lang="${lang}"`);
      await settled(counter, '.figures');
      expect($(counter, '[data-state="error"]')!.textContent).to.contain(`${words} (${abs('/gone/locations.geojson')})`);
      expect($(counter, '[data-state="error"] button'), 'a retry button').to.exist;
    }
  });

  for (const [what, route] of [
    ['answers 500', { body: 'Internal error', status: 500 }],
    ['is cut short', { body: '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a", "geom' }],
    ['is an HTML error page', { body: '<!doctype html><title>Proxy error</title>' }],
    ['is JSON of the wrong shape', { json: { error: 'quota exceeded' } }],
  ] as const) {
    it(`when only the locations file ${what}, every element shows its saved copy and says so, with its date`, async () => {
      const feed = minimalFeed({ locations: { href: 'locations.geojson' } });
      const good = { type: 'FeatureCollection', features: minimalFeed().locations };
      net = fakeFetch({ '/saved/feed.json': { json: feed }, '/saved/locations.geojson': { json: good } });
      const cache = memoryCache();
      loader.reset({ fetch: net.fetch, cache });
      // A first visit keeps the good copies (the finder's worker keeps its own: the loader's here).
      const first = await loader.load('/saved/feed.json');
      await loader.collection(first, 'locations');
      await waitUntil(() => cache.entries.has(abs('/saved/locations.geojson')), 'the copy is kept');
      const savedAt = cache.entries.get(abs('/saved/locations.geojson'))!.fetchedAt;
      // The next visit: the feed is fresh, its locations file is not usable.
      loader.reset({ fetch: net.fetch, cache });
      net.route('/saved/locations.geojson', route);
      const finder = await element('ess-shop-finder', 'feed="/saved/feed.json" lang="fr"');
      const near = await element('ess-nearby-points', 'feed="/saved/feed.json" near="50.4669,4.8675" lang="fr"', '300px');
      const counter = await element('ess-sector-counter', 'feed="/saved/feed.json" count="locations" layout="big" lang="fr"');
      for (const [el, ready] of [[finder, '.list-heading'], [near, 'form'], [counter, '.figures']] as const) {
        await settled(el, ready);
        expect($(el, '[data-state="error"]')?.textContent?.trim(), `${el.localName} shows no error`).to.equal(undefined);
        const stale = $(el, '[data-kind="stale"]');
        expect(stale, `${el.localName} says it shows a saved copy`).to.exist;
        expect(stale!.dataset.savedAt).to.equal(new Date(savedAt).toISOString());
        expect(stale!.textContent).to.contain('Copie enregistrée le');
      }
      expect($(counter, '.figures')!.textContent).to.contain('3');
    });
  }

  it('a host that answers without CORS and a host that is down are told apart in the element, in its language', async () => {
    const other = 'https://feeds.example.org/feed.json';
    const down = 'https://down.example.org/feed.json';
    net = fakeFetch({
      // The host answers, without the header: only an opaque request gets through.
      [other]: (req: Request) => {
        if (req.mode === 'no-cors') return new Response(null, { status: 200 });
        throw new TypeError('Failed to fetch');
      },
      [down]: { error: 'network' },
    });
    loader.reset({ fetch: net.fetch });
    const error = console.error;
    console.error = () => undefined;
    try {
      const cors = await element('ess-sector-counter', `feed="${other}" stat="jobs" lang="fr"`);
      const gone = await element('ess-sector-counter', `feed="${down}" stat="jobs" lang="nl"`);
      await settled(cors, '.figures');
      await settled(gone, '.figures');
      expect($(cors, '[data-state="error"]')!.textContent).to.contain('L’hébergeur du flux doit l’autoriser (CORS)');
      expect($(gone, '[data-state="error"]')!.textContent).not.to.contain('CORS');
      expect($(gone, '[data-state="error"]')!.textContent).to.contain('Controleer je verbinding');
      for (const el of [cors, gone]) expect($(el, '[data-state="error"] button'), 'a retry button').to.exist;
    } finally {
      console.error = error;
    }
  });

  it('a finder whose locations file is unusable and has no saved copy says what is wrong, with a retry button', async () => {
    net = fakeFetch({
      '/cut/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
      '/cut/locations.geojson': { body: '{"type": "FeatureCollection", "features": [{"type": "Fea' },
    });
    loader.reset({ fetch: net.fetch });
    const finder = await element('ess-shop-finder', 'feed="/cut/feed.json" lang="en"');
    await settled(finder, '.list-heading');
    const error = $(finder, '[data-state="error"]')!;
    expect(error.textContent).to.contain('The locations file');
    expect(error.textContent).to.contain('damaged');
    expect(error.textContent).not.to.contain('not set up correctly');
    expect(error.querySelector('button')).to.exist;
  });

  it('each requested figure is shown or explained on its own', async () => {
    net = fakeFetch({ '/figures/feed.json': { json: countedFeed() } });
    loader.reset({ fetch: net.fetch });
    const counter = await element('ess-sector-counter', 'feed="/figures/feed.json" stats="nope,broken,jobs" lang="fr"');
    await settled(counter, '.figures');
    expect([...counter.shadowRoot!.querySelectorAll('.figure')].map((f) => (f as HTMLElement).dataset.id)).to.deep.equal(['jobs']);
    expect($(counter, '[data-kind="missing"]')!.dataset.ids).to.equal('nope');
    expect($(counter, '[data-kind="missing"]')!.textContent).to.contain('« nope »');
    expect($(counter, '[data-kind="invalid"]')!.dataset.ids).to.equal('broken');
    expect($(counter, '[data-kind="invalid"]')!.textContent).to.contain('« broken » contient une erreur');
  });

  it('two invalid figures beside a valid one: the valid one is shown, each invalid one named', async () => {
    const feed = countedFeed();
    (feed.stats as unknown[]).push({ id: 'negative', value: -5, unit: 'people', label: 'emplois perdus' }, { id: 'nolabel', value: 3 });
    net = fakeFetch({ '/figures2/feed.json': { json: feed } });
    loader.reset({ fetch: net.fetch });
    const counter = await element('ess-sector-counter', 'feed="/figures2/feed.json" stats="broken,nolabel,jobs,negative" lang="fr"');
    await settled(counter, '.figures');
    // A negative count is shown as published, with a warning for the publisher.
    expect([...counter.shadowRoot!.querySelectorAll('.figure')].map((f) => (f as HTMLElement).dataset.id)).to.deep.equal(['jobs', 'negative']);
    expect($(counter, '[data-kind="invalid"]')!.dataset.ids).to.equal('broken,nolabel');
    expect($(counter, '[data-kind="invalid"]')!.textContent).to.contain('« broken, nolabel »');
    expect($(counter, '[data-kind="missing"]')).to.equal(null);
    expect(warnings.join('\n')).to.contain('stat "negative" counts people but its value is -5; a count cannot be negative');
  });

  it('a name with direction overrides and zero-width spaces is shown without them, in the finder and nearby points', async () => {
    const feed = minimalFeed();
    const names = (feed.locations as { properties: { name: string } }[]).map((l) => {
      const name = l.properties.name;
      l.properties.name = `\u202e${name.replace(' ', '\u200b ')}`;
      return name;
    });
    net = fakeFetch({ '/bidi/feed.json': { json: feed } });
    loader.reset({ fetch: net.fetch });
    const near = await element('ess-nearby-points', 'feed="/bidi/feed.json" near="50.4669,4.8675" lang="fr"', '300px');
    const finder = await element('ess-shop-finder', 'feed="/bidi/feed.json" lang="fr"');
    await settled(near, '.item');
    await settled(finder, '.list .item');
    for (const el of [near, finder]) {
      const text = el.shadowRoot!.textContent!;
      expect(names.some((n) => text.includes(n)), `${el.localName} shows a name as published, without its invisible characters`).to.equal(true);
      expect(/[\u200b\u202e]/.test(text), `${el.localName} shows no invisible character`).to.equal(false);
    }
    expect(warnings.join('\n')).to.contain('invisible character');
  });

  /** A feed whose locations file sends half its bytes, then nothing until `release()`. */
  function slowLocations(length: boolean) {
    const features = Array.from({ length: 400 }, (_, i) => feature(`p${i}`, 4.3 + (i % 20) * 0.01, 50.8 + Math.floor(i / 20) * 0.01, { name: `Point ${i}`, categories: ['shop'] }));
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    net = fakeFetch({
      '/slow/feed.json': { json: minimalFeed({ locations: { href: 'locations.geojson' } }) },
      '/slow/locations.geojson': () =>
        new Response(new ReadableStream({
          async start(c) {
            c.enqueue(bytes.slice(0, bytes.length >> 1));
            await gate;
            c.enqueue(bytes.slice(bytes.length >> 1));
            c.close();
          },
        }), { headers: length ? { 'content-length': String(bytes.length) } : {} }),
    });
    return { bytes, release };
  }

  for (const [lang, word] of [['nl', 'ontvangen'], ['fr', 'reçus'], ['en', 'received']] as const) {
    it(`a long download shows its progress in the element, in its language (${lang})`, async () => {
      const { bytes, release } = slowLocations(true);
      loader.reset({ fetch: net.fetch });
      const before = EssElement.progressAfter;
      EssElement.progressAfter = 0;
      try {
        const near = await element('ess-nearby-points', `feed="/slow/feed.json" near="50.8,4.3" lang="${lang}"`, '300px');
        await waitUntil(() => $(near, '[part~="progress"]'), 'the progress is shown', { timeout: 8000 });
        const p = $(near, '[part~="progress"]')!;
        expect(Number(p.dataset.loaded)).to.equal(bytes.length >> 1);
        expect(Number(p.dataset.total)).to.equal(bytes.length);
        expect(p.textContent).to.contain(word);
        expect(p.textContent).to.contain(new Intl.NumberFormat(lang, { style: 'percent' }).format(Math.floor(((bytes.length >> 1) / bytes.length) * 100) / 100));
        release();
        await settled(near, 'form');
        expect($(near, '[part~="progress"]')?.textContent, 'the progress is gone').to.equal(undefined);
      } finally {
        EssElement.progressAfter = before;
        release();
      }
    });
  }

  it('a download that stops after its first part shows what arrived once it has lasted a moment, size unknown', async () => {
    // The element's own moment (progressAfter as shipped): the first part is told before it, then nothing more comes.
    const { bytes, release } = slowLocations(false);
    // The stall outlasts the moment without timing out.
    loader.reset({ fetch: net.fetch, timeout: 10_000 });
    try {
      const near = await element('ess-nearby-points', 'feed="/slow/feed.json" near="50.8,4.3" lang="de"', '300px');
      await waitUntil(() => $(near, '[part~="progress"]'), 'the progress is shown', { timeout: 8000 });
      const p = $(near, '[part~="progress"]')!;
      expect(Number(p.dataset.loaded)).to.equal(bytes.length >> 1);
      expect(p.dataset.total, 'no total is known').to.equal('');
      expect(p.textContent).to.contain('empfangen').and.not.contain('%');
      release();
      await settled(near, 'form');
      expect($(near, '[part~="progress"]')?.textContent, 'the progress is gone').to.equal(undefined);
    } finally {
      release();
    }
  });

  it('a banner never shows a saved campaign outside its window', async () => {
    const campaign = (id: string, start: string, end: string, priority = 0) => ({ id, title: { fr: `Campagne ${id}` }, start, end, priority });
    // The ended campaign would win if it still ran (higher priority).
    const feed = minimalFeed({ campaigns: [campaign('past', '2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z', 5), campaign('now', '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z')] });
    net = fakeFetch({ '/banner-saved/feed.json': { json: feed } });
    const cache = memoryCache();
    loader.reset({ fetch: net.fetch, cache });
    await loader.load('/banner-saved/feed.json');
    await waitUntil(() => cache.entries.has(abs('/banner-saved/feed.json')));
    // A copy saved while the ended campaign ran: today's clock decides, not the copy's date.
    cache.entries.get(abs('/banner-saved/feed.json'))!.fetchedAt = Date.parse('2020-01-15T00:00:00Z');
    loader.reset({ fetch: net.fetch, cache });
    net.route('/banner-saved/feed.json', { error: 'network' });
    const banner = await element('ess-campaign-banner', 'feed="/banner-saved/feed.json" lang="fr"');
    await waitUntil(() => banner.shadowRoot!.textContent!.includes('Campagne'), 'the saved campaign shows');
    expect(banner.shadowRoot!.textContent).to.contain('Campagne now');
    expect(banner.shadowRoot!.textContent).not.to.contain('Campagne past');
  });
});
