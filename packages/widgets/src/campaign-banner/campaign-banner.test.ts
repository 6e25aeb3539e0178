import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { mount } from '../mount.test-helper.js';
import { FeedLoader, missingMessages, placeholderMismatches, type Campaign } from '@ess-widgets/core';
import { fakeFetch, installClock, memoryCache, minimalFeed, onScreen } from '@ess-widgets/core/testing';
import './define.js';
import { nextChange, whyHidden, type EssCampaignBanner } from './campaign-banner.js';
import { bannerMessages } from './campaign-banner.messages.js';
import { dismissals, heights } from './dismissals.js';
import { contrastRatio } from './contrast.js';

const CAMPAIGNS = [
  {
    id: 'humain', title: { fr: "L'humain avant le profit", en: 'People before profit' }, message: { fr: 'Plus de 500 entreprises.', en: 'Over 500 enterprises.' },
    cta: { label: { fr: 'Trouver', en: 'Find one' }, url: 'https://example.org/find' },
    image: { src: '../demo/img/plan-recup.svg', alt: { fr: 'Des personnes', en: 'People' } },
    start: '2023-02-27T00:00:00+01:00', end: '2023-04-24T00:00:00+02:00', regions: ['BE-WAL', 'BE-BRU'], priority: 2,
    theme: { background: '#1b1b3a', foreground: '#ffffff', accent: '#ffcc00' },
  },
  { id: 'bulle', title: 'Fais gaffe à ma bulle !', start: '2023-03-20T00:00:00+01:00', end: '2023-06-30T00:00:00+02:00', regions: ['BE-BRU'], priority: 1, theme: { background: '#ffffff', foreground: '#dddddd' } },
  { id: 'flanders', title: 'Vlaanderen', start: '2023-03-01T00:00:00+01:00', end: '2023-03-31T00:00:00+02:00', regions: ['BE-VLG'], priority: 5 },
  { id: 'withdrawn', title: 'Withdrawn', start: '2023-01-01T00:00:00+01:00', end: '2024-01-01T00:00:00+01:00', priority: 9, withdrawn: true },
  { id: 'low-contrast', title: 'Low', start: '2023-07-01T00:00:00+02:00', end: '2023-07-31T00:00:00+02:00', theme: { background: '#ffffff', foreground: '#dddddd' } },
  { id: 'evil', title: '<script>window.__pwned=1</script>', cta: { label: 'Click', url: 'javascript:window.__pwned=1' }, start: '2030-01-01T00:00:00Z', end: '2030-02-01T00:00:00Z' },
];

let net: ReturnType<typeof fakeFetch>;
let loader: FeedLoader;

function banner(attrs: string, inner = ''): Promise<EssCampaignBanner> {
  return mount(`<ess-campaign-banner ${attrs}>${inner}</ess-campaign-banner><p id="after">after</p>`, loader);
}

/** Waits until the banner shows what it will show (its host's aria-busy turns "false"). */
async function settled(el: EssCampaignBanner): Promise<void> {
  await waitUntil(() => el.getAttribute('aria-busy') === 'false', 'the banner stays busy', { timeout: 8000 });
  await el.updateComplete;
}

/** Waits until every animation in the banner (the floating variant's rise) has played out. */
async function animated(el: EssCampaignBanner): Promise<void> {
  const finite = el.shadowRoot!.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map((a) => a.finished));
}


const title = (el: EssCampaignBanner) => el.shadowRoot!.querySelector('.title')?.textContent ?? null;

describe('<ess-campaign-banner>', () => {
  beforeEach(() => {
    net = fakeFetch({ '/banner/feed.json': { json: minimalFeed({ campaigns: CAMPAIGNS }) } });
    loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    dismissals.resetPage();
    localStorage.clear();
  });

  for (const variant of ['card', 'bar', 'floating']) {
    it(`is accessible as ${variant}, loading and loaded`, async () => {
      net.route('/banner/slow.json', { json: minimalFeed({ campaigns: CAMPAIGNS }), delay: 80 });
      const el = await banner(`feed="/banner/slow.json" variant="${variant}" now="2023-03-01T09:00:00+01:00" region="BE-WAL" lang="fr"`);
      await expect(el).to.be.accessible();
      await settled(el);
      expect(title(el)).to.equal("L'humain avant le profit");
      await animated(el); // the floating variant rises in
      await expect(el).to.be.accessible();
      const region = el.shadowRoot!.querySelector('section')!;
      expect(region.getAttribute('aria-labelledby')).to.equal('title');
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    });
  }

  it('shows each campaign for exactly its window, comparing instants across time zones', async () => {
    // humain starts 2023-02-27T00:00+01:00 = 2023-02-26T23:00Z and ends 2023-04-24T00:00+02:00 = 2023-04-23T22:00Z.
    const at = async (now: string) => {
      const el = await banner(`feed="/banner/feed.json" now="${now}" region="BE-WAL"`);
      await settled(el);
      return el.current?.id ?? null;
    };
    expect(await at('2023-02-26T22:59:59Z')).to.equal(null);
    expect(await at('2023-02-26T23:00:00Z')).to.equal('humain');
    expect(await at('2023-02-27T07:30:00+08:30')).to.equal('humain'); // a reader far east, same instant as 23:00Z
    expect(await at('2023-04-23T21:59:59Z')).to.equal('humain');
    expect(await at('2023-04-24T00:00:00+02:00')).to.equal(null);
    expect(await at('2023-04-23T18:00:00-04:00')).to.equal(null); // the end instant, seen from Montréal
  });

  it('picks by region and priority, and ignores withdrawn campaigns', async () => {
    const pick = async (attrs: string) => {
      const el = await banner(`feed="/banner/feed.json" now="2023-03-25T12:00:00+01:00" ${attrs}`);
      await settled(el);
      return el.current?.id ?? null;
    };
    expect(await pick('region="BE-BRU"')).to.equal('humain'); // priority 2 over bulle's 1
    expect(await pick('region="BE-VLG"')).to.equal('flanders');
    expect(await pick('')).to.equal('flanders'); // priority 5; the withdrawn one (9) never shows
    expect(await pick('region="FR-HDF"')).to.equal(null);
  });

  it('shows a named campaign only', async () => {
    const el = await banner('feed="/banner/feed.json" now="2023-03-25T12:00:00+01:00" campaign="bulle"');
    await settled(el);
    expect(title(el)).to.equal('Fais gaffe à ma bulle !');
  });

  it('takes no space at all when no campaign is running', async () => {
    const el = await banner('feed="/banner/feed.json" now="2025-01-01T00:00:00Z"');
    await settled(el);
    expect(el.getBoundingClientRect().height).to.equal(0);
    expect(el.hasAttribute('data-empty')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('reserves its height while loading (inline variants), not when floating', async () => {
    net.route('/banner/slow.json', { json: minimalFeed({ campaigns: CAMPAIGNS }), delay: 100 });
    const card = await banner('feed="/banner/slow.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    const bar = await banner('feed="/banner/slow.json" variant="bar" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    const floating = await banner('feed="/banner/slow.json" variant="floating" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    expect(card.getBoundingClientRect().height).to.be.greaterThan(100);
    expect(bar.getBoundingClientRect().height).to.be.greaterThan(30);
    expect(floating.getBoundingClientRect().height).to.equal(0);
  });

  it('floats over the page without moving what follows', async () => {
    const el = await banner('feed="/banner/feed.json" variant="floating" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    const after = el.parentElement!.querySelector('#after')!;
    const before = after.getBoundingClientRect().top;
    await settled(el);
    expect(title(el)).to.not.equal(null);
    expect(getComputedStyle(el).position).to.equal('fixed');
    expect(after.getBoundingClientRect().top).to.equal(before);
  });

  it('never moves focus on load', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const el = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    await settled(el);
    expect(document.activeElement).to.equal(input);
    input.remove();
  });

  it('closes with the button or Escape, remembers it per revision, and fires events', async () => {
    const events: string[] = [];
    const el = await banner('feed="/banner/feed.json" region="BE-WAL" lang="en"');
    const realNow = Date.now;
    Date.now = () => Date.parse('2023-03-01T09:00:00+01:00');
    try {
      await settled(el);
      for (const t of ['ess-campaign-dismiss', 'ess-campaign-click']) el.addEventListener(t, (e) => events.push(`${t}:${(e as CustomEvent).detail.id}`));
      const close = el.shadowRoot!.querySelector('button.close') as HTMLButtonElement;
      expect(close.getAttribute('aria-label')).to.equal('Close this campaign');
      close.focus();
      close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await el.updateComplete;
      expect(el.getBoundingClientRect().height).to.equal(0);
      expect(events).to.deep.equal(['ess-campaign-dismiss:humain']);
      // Another page (a new element) remembers it…
      dismissals.resetPage();
      const again = await banner('feed="/banner/feed.json" region="BE-WAL"');
      await settled(again);
      expect(again.current).to.equal(undefined);
      // …until the campaign changes.
      net.route('/banner/feed.json', { json: minimalFeed({ campaigns: [{ ...CAMPAIGNS[0], revision: '2' }] }) });
      loader.reset();
      const changed = await banner('feed="/banner/feed.json" region="BE-WAL"');
      await settled(changed);
      expect(changed.current?.id).to.equal('humain');
    } finally {
      Date.now = realNow;
    }
  });

  it('forgets a dismissal after dismiss-days', async () => {
    dismissals.add('humain', 'r1', 2, Date.parse('2023-03-01T00:00:00Z'));
    dismissals.resetPage();
    expect(dismissals.has('humain', 'r1', Date.parse('2023-03-02T00:00:00Z'))).to.equal(true);
    expect(dismissals.has('humain', 'r1', Date.parse('2023-03-03T00:00:01Z'))).to.equal(false);
  });

  it('still closes, for this page only, when storage throws', async () => {
    const desc = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', { configurable: true, get: () => { throw new DOMException('blocked', 'SecurityError'); } });
    try {
      const el = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
      await settled(el);
      expect(() => el.dismiss()).not.to.throw();
      await el.updateComplete;
      expect(el.getBoundingClientRect().height).to.equal(0);
      expect(dismissals.has('x', 'y')).to.equal(false);
    } finally {
      Object.defineProperty(window, 'localStorage', desc);
    }
  });

  it('uses the theme only when it passes WCAG AA, and warns naming the campaign', async () => {
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => warnings.push(String(m));
    try {
      const good = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
      await settled(good);
      expect(getComputedStyle(good.shadowRoot!.querySelector('.banner')!).backgroundColor).to.equal('rgb(27, 27, 58)');
      const bad = await banner('feed="/banner/feed.json" now="2023-07-10T09:00:00+02:00" campaign="low-contrast"');
      await settled(bad);
      expect(getComputedStyle(bad.shadowRoot!.querySelector('.banner')!).backgroundColor).to.equal('rgb(246, 248, 250)');
      expect(warnings.some((w) => w.includes('"low-contrast"') && w.includes('4.5:1'))).to.equal(true);
    } finally {
      console.warn = orig;
    }
    expect(contrastRatio('#ffffff', '#000000')).to.be.closeTo(21, 0.01);
    expect(contrastRatio('#777777', '#ffffff')).to.be.closeTo(4.48, 0.01);
  });

  it('renders a hostile title as text and a javascript: call to action as no link', async () => {
    const el = await banner('feed="/banner/feed.json" now="2030-01-15T00:00:00Z"');
    await settled(el);
    expect(title(el)).to.equal('<script>window.__pwned=1</script>');
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    expect(el.shadowRoot!.querySelector('script')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows the image lazily with its alt text, and the call to action fires a click event', async () => {
    const el = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL" lang="en"');
    await settled(el);
    const img = el.shadowRoot!.querySelector('img')!;
    expect([img.getAttribute('alt'), img.getAttribute('loading')]).to.deep.equal(['People', 'lazy']);
    let clicked = '';
    el.addEventListener('ess-campaign-click', (e) => (clicked = e.detail.id));
    const a = el.shadowRoot!.querySelector('a.cta') as HTMLAnchorElement;
    a.addEventListener('click', (e) => e.preventDefault());
    a.click();
    expect(clicked).to.equal('humain');
    expect(a.href).to.equal('https://example.org/find');
  });

  it('makes no request but the feed and its own image (no tracking): no fetch, beacon or pixel, shown, clicked or closed', async () => {
    performance.clearResourceTimings();
    const resources: string[] = [];
    const observer = new PerformanceObserver((list) => resources.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource' });
    const beacons: string[] = [];
    const realBeacon = navigator.sendBeacon;
    navigator.sendBeacon = (url: string | URL) => (beacons.push(String(url)), true);
    // An image's request shows in resource timing only once answered: its src is watched as it is set.
    const images: string[] = [];
    const srcProp = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!;
    Object.defineProperty(HTMLImageElement.prototype, 'src', { ...srcProp, set(v: string) { images.push(new URL(v, location.href).href); srcProp.set!.call(this, v); } });
    const realSetAttribute = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
      if (this instanceof HTMLImageElement && name.toLowerCase() === 'src') images.push(new URL(value, location.href).href);
      return realSetAttribute.call(this, name, value);
    };
    try {
      const viewed = new Promise((r) => document.addEventListener('ess-campaign-view', r, { once: true }));
      const el = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
      await settled(el);
      await viewed;
      const img = el.shadowRoot!.querySelector('img')!;
      await waitUntil(() => img.complete, 'the campaign image', { timeout: 5000 });
      const a = el.shadowRoot!.querySelector('a.cta') as HTMLAnchorElement;
      a.addEventListener('click', (e) => e.preventDefault());
      a.click();
      (el.shadowRoot!.querySelector('button.close') as HTMLButtonElement).click();
      await el.updateComplete;
      // Entries of this test only: the buffer was cleared; the observer sees those the buffer would drop.
      resources.push(...observer.takeRecords().map((e) => e.name), ...performance.getEntriesByType('resource').map((e) => e.name));
      expect([...new Set(resources)].filter((u) => u !== img.src), 'requests besides the campaign image').to.deep.equal([]);
      expect(beacons).to.deep.equal([]);
      expect(images.filter((u) => u !== img.src), 'images besides the campaign image').to.deep.equal([]);
      expect(net.requests.map((u) => new URL(u).pathname)).to.deep.equal(['/banner/feed.json']);
    } finally {
      navigator.sendBeacon = realBeacon;
      Object.defineProperty(HTMLImageElement.prototype, 'src', srcProp);
      Element.prototype.setAttribute = realSetAttribute;
      observer.disconnect();
    }
  });

  it('previews from the page URL hash', async () => {
    const old = location.hash;
    location.hash = '#ess-preview=2023-05-10T09:00:00%2B02:00';
    try {
      const el = await banner('feed="/banner/feed.json" region="BE-BRU"');
      await settled(el);
      expect(el.current?.id).to.equal('bulle');
      expect(el.shadowRoot!.querySelector('.preview')).to.exist;
    } finally {
      history.replaceState(null, '', old || location.pathname + location.search);
    }
  });

  it('shows its light-DOM fallback while loading and when the feed fails', async () => {
    const el = await banner('feed="/banner/missing.json"', '<p>Notre campagne</p>');
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    await settled(el);
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('[data-state="error"]')).to.equal(null);
  });

  it('has every message in every language', () => {
    expect(missingMessages(bannerMessages)).to.deep.equal({});
    expect(placeholderMismatches(bannerMessages)).to.deep.equal([]);
  });

  // ——— Added in the review of issue 5 ———

  it('is accessible when dismissed, failing with a fallback, failing without one, and themed by default colours', async () => {
    const closed = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    await settled(closed);
    closed.dismiss();
    await closed.updateComplete;
    await expect(closed).to.be.accessible();
    const fallback = await banner('feed="/banner/missing.json"', '<p><a href="https://example.org/">Notre campagne</a></p>');
    await settled(fallback);
    await expect(fallback).to.be.accessible();
    const bare = await banner('feed="/banner/missing.json" variant="bar"');
    await settled(bare);
    expect(bare.getBoundingClientRect().height).to.equal(0);
    await expect(bare).to.be.accessible();
    const low = await banner('feed="/banner/feed.json" now="2023-07-10T09:00:00+02:00" campaign="low-contrast"');
    await settled(low);
    await expect(low).to.be.accessible();
  });

  it('follows the real clock at the start and end instants (not only a preview)', async () => {
    const realNow = Date.now;
    const at = async (iso: string) => {
      Date.now = () => Date.parse(iso);
      const el = await banner('feed="/banner/feed.json" region="BE-WAL"');
      await settled(el);
      return [el.current?.id ?? null, el.shadowRoot!.querySelector('.preview') !== null];
    };
    try {
      expect(await at('2023-02-26T23:59:59.999+01:00')).to.deep.equal([null, false]);
      expect(await at('2023-02-27T00:00:00+01:00')).to.deep.equal(['humain', false]);
      expect(await at('2023-04-23T23:59:59.999+02:00')).to.deep.equal(['humain', false]);
      expect(await at('2023-04-24T00:00:00+02:00')).to.deep.equal([null, false]);
    } finally {
      Date.now = realNow;
    }
  });

  it('drops a campaign at its end, and shows the next at its start, on a page left open', async () => {
    const t0 = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const end = t0 + 3600e3;
    const start = t0 + 2 * 3600e3;
    net.route('/banner/live.json', {
      json: minimalFeed({
        campaigns: [
          { id: 'ending', title: 'Ending', start: iso(t0 - 3600e3), end: iso(end) },
          { id: 'next', title: 'Next', start: iso(start), end: iso(t0 + 24 * 3600e3) },
        ],
      }),
    });
    const el = await banner('feed="/banner/live.json" variant="bar"');
    await settled(el);
    expect(title(el)).to.equal('Ending');
    // The page stays open: time moves on a fake clock, the banner's own timer redraws it.
    const clock = installClock();
    try {
      el.requestUpdate(); // its next redraw is planned again, on the fake clock
      await el.updateComplete;
      expect(clock.pending, 'one redraw planned').to.equal(1);
      await clock.tickTo(end - 1);
      expect(title(el), 'a millisecond before its end').to.equal('Ending');
      await clock.tickTo(end);
      await el.updateComplete;
      expect([title(el), el.getBoundingClientRect().height], 'at its end').to.deep.equal([null, 0]);
      await clock.tickTo(start - 1);
      expect(title(el), 'a millisecond before the next start').to.equal(null);
      await clock.tickTo(start);
      await el.updateComplete;
      expect(title(el), 'at the next start').to.equal('Next');
    } finally {
      clock.restore();
    }
  });

  it('plans its next redraw at the next start or end of the campaigns it may show', () => {
    const c = (id: string, start: string, end: string, extra: Partial<Campaign> = {}): Campaign =>
      ({ id, title: id, start, end, startMs: Date.parse(start), endMs: Date.parse(end), regions: [], priority: 0, withdrawn: false, ...extra });
    const list = [
      c('a', '2023-01-01T00:00:00Z', '2023-02-01T00:00:00Z'),
      c('b', '2023-01-15T00:00:00Z', '2023-03-01T00:00:00Z', { regions: ['BE-VLG'] }),
      c('w', '2023-01-10T00:00:00Z', '2023-01-20T00:00:00Z', { withdrawn: true }),
    ];
    const now = Date.parse('2023-01-05T00:00:00Z');
    expect(nextChange(list, now)).to.equal(Date.parse('2023-01-15T00:00:00Z'));
    expect(nextChange(list, now, { region: 'BE-WAL' })).to.equal(Date.parse('2023-02-01T00:00:00Z'));
    expect(nextChange(list, now, { id: 'b' })).to.equal(Date.parse('2023-01-15T00:00:00Z'));
    expect(nextChange(list, Date.parse('2023-03-01T00:00:00Z'))).to.equal(undefined);
  });

  it('says in the console why a named campaign or a preview shows nothing', async () => {
    const infos: string[] = [];
    const orig = console.info;
    console.info = (m: string) => infos.push(String(m));
    try {
      const missing = await banner('feed="/banner/feed.json" campaign="nope" now="2023-03-01T09:00:00+01:00"');
      await settled(missing);
      const early = await banner('feed="/banner/feed.json" campaign="bulle" now="2023-03-01T09:00:00+01:00"');
      await settled(early);
      const elsewhere = await banner('feed="/banner/feed.json" campaign="humain" region="BE-VLG" now="2023-03-01T09:00:00+01:00"');
      await settled(elsewhere);
      const quiet = await banner('feed="/banner/feed.json" region="FR-HDF"');
      await settled(quiet);
      const previewed = await banner('feed="/banner/feed.json" region="FR-HDF" now="2025-01-01T00:00:00Z"');
      await settled(previewed);
    } finally {
      console.info = orig;
    }
    expect(infos.find((m) => m.includes('"nope"'))).to.include('is not in the feed (it has: humain, bulle, flanders, withdrawn, low-contrast, evil)');
    expect(infos.find((m) => m.includes('"bulle"'))).to.include('runs from 2023-03-20T00:00:00+01:00 to 2023-06-30T00:00:00+02:00, not at 2023-03-01T08:00:00.000Z');
    expect(infos.find((m) => m.includes('"humain"'))).to.include('is for BE-WAL, BE-BRU, not region="BE-VLG"');
    expect(infos.filter((m) => m.includes('no campaign runs'))).to.have.length(1); // the preview, not the visitor's view
    expect(infos.find((m) => m.includes('no campaign runs'))).to.include('at 2025-01-01T00:00:00.000Z in FR-HDF');
    expect(whyHidden([], 0, {}, false)).to.equal(undefined);
  });

  it('logs a missing feed attribute instead of showing an error, and takes no space', async () => {
    const errors: string[] = [];
    const orig = console.error;
    console.error = (m: string) => errors.push(String(m));
    try {
      const el = await banner('variant="card"');
      await settled(el);
      expect(el.getBoundingClientRect().height).to.equal(0);
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    } finally {
      console.error = orig;
    }
    expect(errors.some((m) => m.includes('<ess-campaign-banner>') && m.includes('feed='))).to.equal(true);
  });

  it('never links a javascript: call to action, even when the data skipped the validator', async () => {
    const evil = {
      id: 'raw', title: 'Raw', start: '2023-01-01T00:00:00Z', end: '2024-01-01T00:00:00Z', startMs: Date.parse('2023-01-01T00:00:00Z'), endMs: Date.parse('2024-01-01T00:00:00Z'),
      regions: [], priority: 0, withdrawn: false, cta: { label: 'Click', url: 'javascript:window.__pwned=2' }, image: { src: 'javascript:window.__pwned=3' },
    } as Campaign;
    const raw = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
    raw.collection = (async () => ({ items: [evil], skipped: 0, problems: [] })) as unknown as FeedLoader['collection'];
    const el = await mount<EssCampaignBanner>('<ess-campaign-banner feed="/banner/feed.json" now="2023-06-01T00:00:00Z"></ess-campaign-banner>', raw);
    await settled(el);
    expect(title(el)).to.equal('Raw');
    expect(el.shadowRoot!.querySelector('a, [href], img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('stays at zero height when the host page styles the tag', async () => {
    const style = document.createElement('style');
    style.textContent = 'ess-campaign-banner { display: block; margin: 2em 0; padding: 1em; border: 1px solid; }';
    document.head.append(style);
    try {
      const el = await banner('feed="/banner/feed.json" now="2025-01-01T00:00:00Z"');
      await settled(el);
      const after = el.parentElement!.querySelector('#after')!;
      expect(el.getBoundingClientRect().height).to.equal(0);
      const top = after.getBoundingClientRect().top;
      el.remove();
      expect(after.getBoundingClientRect().top).to.equal(top); // the margins and border took no room either
    } finally {
      style.remove();
    }
  });

  it('closes every banner of that campaign on the page, and follows a close in another tab', async () => {
    const realNow = Date.now;
    Date.now = () => Date.parse('2023-03-01T09:00:00+01:00');
    try {
      const a = await banner('feed="/banner/feed.json" region="BE-WAL"');
      const b = await banner('feed="/banner/feed.json" region="BE-WAL" variant="floating"');
      await settled(a);
      await settled(b);
      expect(b.current?.id).to.equal('humain');
      (a.shadowRoot!.querySelector('button.close') as HTMLButtonElement).click();
      await b.updateComplete;
      expect(b.getBoundingClientRect().height).to.equal(0);
      // Another tab closed bulle: this page hears the storage event.
      const c = await banner('feed="/banner/feed.json" region="BE-BRU" campaign="bulle"');
      Date.now = () => Date.parse('2023-03-25T12:00:00+01:00');
      await settled(c);
      expect(c.current?.id).to.equal('bulle');
      const key = `ess-campaign-dismissed:bulle:${(await import('./campaign-banner.js')).revisionOf(c.current!)}`;
      localStorage.setItem(key, String(Date.now() + 864e5));
      window.dispatchEvent(new StorageEvent('storage', { key }));
      await c.updateComplete;
      expect(c.current).to.equal(undefined);
    } finally {
      Date.now = realNow;
    }
  });

  it('keeps a close through an extended end date, not through a changed message', async () => {
    const realNow = Date.now;
    Date.now = () => Date.parse('2023-03-01T09:00:00+01:00');
    const { revision: _r, ...humain } = { ...CAMPAIGNS[0], revision: undefined };
    const serve = (c: object) => {
      net.route('/banner/one.json', { json: minimalFeed({ campaigns: [c] }) });
      loader.reset();
    };
    const shown = async () => {
      dismissals.resetPage(); // a new page view
      const el = await banner('feed="/banner/one.json" region="BE-WAL"');
      await settled(el);
      return el.current?.id ?? null;
    };
    try {
      serve(humain);
      const el = await banner('feed="/banner/one.json" region="BE-WAL"');
      await settled(el);
      el.dismiss();
      serve({ ...humain, end: '2023-05-08T00:00:00+02:00' });
      expect(await shown()).to.equal(null);
      serve({ ...humain, message: { fr: 'Nouveau message', en: 'New message' } });
      expect(await shown()).to.equal('humain');
    } finally {
      Date.now = realNow;
    }
  });

  it('remembers a close for the page only when storage throws, and forgets it on the next page', async () => {
    const desc = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', { configurable: true, get: () => { throw new DOMException('blocked', 'SecurityError'); } });
    const realNow = Date.now;
    Date.now = () => Date.parse('2023-03-01T09:00:00+01:00');
    try {
      const el = await banner('feed="/banner/feed.json" region="BE-WAL"');
      await settled(el);
      el.dismiss();
      const samePage = await banner('feed="/banner/feed.json" region="BE-WAL"');
      await settled(samePage);
      expect(samePage.current).to.equal(undefined);
      dismissals.resetPage();
      const nextPage = await banner('feed="/banner/feed.json" region="BE-WAL"');
      await settled(nextPage);
      expect(nextPage.current?.id).to.equal('humain');
    } finally {
      Date.now = realNow;
      Object.defineProperty(window, 'localStorage', desc);
    }
  });

  it('clears lapsed dismissals from storage when it writes one', () => {
    const t = Date.parse('2023-03-01T00:00:00Z');
    dismissals.add('old', 'r', 1, t - 3 * 864e5);
    dismissals.add('live', 'r', 30, t - 864e5);
    dismissals.add('new', 'r', 30, t);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('ess-campaign-dismissed:')).sort()).to.deep.equal([
      'ess-campaign-dismissed:live:r',
      'ess-campaign-dismissed:new:r',
    ]);
  });

  it('closes with Escape only when focus is inside the banner', async () => {
    const el = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    await settled(el);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.current?.id).to.equal('humain');
    const cta = el.shadowRoot!.querySelector('a.cta') as HTMLAnchorElement;
    cta.focus();
    cta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.current).to.equal(undefined);
  });

  it('fires ess-campaign-view once, when the banner is on screen, and every event reaches the document', async () => {
    const seen: string[] = [];
    const log = (e: Event) => seen.push(`${e.type}:${(e as CustomEvent).detail.id}`);
    for (const t of ['ess-campaign-view', 'ess-campaign-click', 'ess-campaign-dismiss']) document.addEventListener(t, log);
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    try {
      document.body.prepend(spacer);
      const el = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
      await settled(el);
      // Below the fold: the page's own observer (created after the banner's) reports it off screen, and no view.
      expect(await onScreen(el), 'below the fold').to.equal(false);
      expect(seen).to.deep.equal([]);
      el.scrollIntoView();
      await waitUntil(() => seen.length > 0, 'the view event', { timeout: 5000 });
      el.requestUpdate();
      await el.updateComplete;
      expect(await onScreen(el), 'on screen').to.equal(true);
      const a = el.shadowRoot!.querySelector('a.cta') as HTMLAnchorElement;
      a.addEventListener('click', (e) => e.preventDefault());
      a.click();
      el.dismiss();
      expect(seen).to.deep.equal(['ess-campaign-view:humain', 'ess-campaign-click:humain', 'ess-campaign-dismiss:humain']);
    } finally {
      spacer.remove();
      for (const t of ['ess-campaign-view', 'ess-campaign-click', 'ess-campaign-dismiss']) document.removeEventListener(t, log);
    }
  });

  it('uses neither a translucent background nor a one-sided theme, and rings focus in the theme text colour', async () => {
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => warnings.push(String(m));
    net.route('/banner/themes.json', {
      json: minimalFeed({
        campaigns: [
          { id: 'glass', title: 'Glass', start: '2023-01-01T00:00:00Z', end: '2024-01-01T00:00:00Z', theme: { background: '#00000000', foreground: '#ffffff' } },
          { id: 'half', title: 'Half', start: '2023-01-01T00:00:00Z', end: '2024-01-01T00:00:00Z', theme: { background: '#004d40' } },
        ],
      }),
    });
    try {
      const glass = await banner('feed="/banner/themes.json" campaign="glass" now="2023-06-01T00:00:00Z"');
      const half = await banner('feed="/banner/themes.json" campaign="half" now="2023-06-01T00:00:00Z"');
      await settled(glass);
      await settled(half);
      for (const el of [glass, half]) expect(getComputedStyle(el.shadowRoot!.querySelector('.banner')!).backgroundColor).to.equal('rgb(246, 248, 250)');
      expect(warnings.some((w) => w.includes('"glass"') && w.includes('below 4.5:1'))).to.equal(true);
      expect(warnings.some((w) => w.includes('"half"') && w.includes('both a background and a foreground'))).to.equal(true);
    } finally {
      console.warn = orig;
    }
    expect(contrastRatio('#ffffff', '#00000000')).to.be.closeTo(1, 0.01); // white text on a white page behind
    expect(contrastRatio('#ffffff80', '#000000')).to.be.closeTo(5.28, 0.05); // half-white text is mid grey
    const themed = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    await settled(themed);
    const cta = themed.shadowRoot!.querySelector('a.cta') as HTMLAnchorElement;
    cta.focus();
    expect(getComputedStyle(cta).outlineColor).to.equal('rgb(255, 255, 255)');
  });

  it('names the time zone of a preview, and reads a hash with a plain +', async () => {
    const old = location.hash;
    location.hash = '#ess-preview=2023-03-01T09:00:00+01:00';
    try {
      const el = await banner('feed="/banner/feed.json" region="BE-WAL" lang="fr"');
      await settled(el);
      expect(el.current?.id).to.equal('humain');
      const when = new Date('2023-03-01T09:00:00+01:00');
      // The reader's own zone (the suite is also run with TZ=America/Montreal, Pacific/Auckland and Asia/Kolkata).
      const zone = new Intl.DateTimeFormat('fr-BE', { timeZoneName: 'short' }).formatToParts(when).find((p) => p.type === 'timeZoneName')!.value;
      const badge = el.shadowRoot!.querySelector('.preview')!.textContent!;
      expect(badge).to.include(`${when.getDate()} mars 2023`).and.include(`${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`).and.include(zone);
    } finally {
      history.replaceState(null, '', old || location.pathname + location.search);
    }
  });

  it('keeps the image box at its final size before the image arrives', async () => {
    net.route('/banner/img.json', {
      json: minimalFeed({ campaigns: [{ id: 'pic', title: 'Pic', start: '2023-01-01T00:00:00Z', end: '2024-01-01T00:00:00Z', image: { src: 'https://never.invalid/x.png', alt: 'x' } }] }),
    });
    const el = await mount<EssCampaignBanner>('<ess-campaign-banner feed="/banner/img.json" now="2023-06-01T00:00:00Z"></ess-campaign-banner>', loader, '320px');
    await settled(el);
    const img = el.shadowRoot!.querySelector('img')!;
    expect(img.complete && img.naturalWidth > 0).to.equal(false);
    expect(img.getBoundingClientRect().height).to.be.closeTo(180, 1); // 320 × 9/16
  });

  it('reserves, on the next page, the height this banner had (or none when nothing showed)', async () => {
    const realNow = Date.now;
    Date.now = () => Date.parse('2023-03-01T09:00:00+01:00');
    net.route('/banner/slow.json', { json: minimalFeed({ campaigns: CAMPAIGNS }), delay: 150 });
    const view = async (attrs: string) => {
      loader.reset();
      const el = await mount<EssCampaignBanner>(`<ess-campaign-banner feed="/banner/slow.json" ${attrs}></ess-campaign-banner>`, loader, '500px');
      const loading = el.getBoundingClientRect().height;
      await settled(el);
      return [Math.round(loading), Math.round(el.getBoundingClientRect().height)];
    };
    try {
      const [firstLoading, shown] = await view('region="BE-WAL"');
      expect(firstLoading).to.equal(10 * 16); // the typical card height below 40em, first visit
      expect(shown).to.be.greaterThan(0);
      expect(await view('region="BE-WAL"')).to.deep.equal([shown, shown]);
      expect(await view('region="FR-HDF"')).to.deep.equal([10 * 16, 0]);
      expect(await view('region="FR-HDF"')).to.deep.equal([0, 0]);
      expect(heights.get('unknown', 500)).to.equal(undefined);
    } finally {
      Date.now = realNow;
    }
  });

  it('a card 40em wide or more draws as tall as it reserved, with an image or without, its fallback included', async () => {
    net.route('/banner/slow.json', { json: minimalFeed({ campaigns: CAMPAIGNS }), delay: 150 });
    const heightsOf = async (attrs: string, inner = '') => {
      const el = await mount<EssCampaignBanner>(`<ess-campaign-banner feed="/banner/slow.json" ${attrs}>${inner}</ess-campaign-banner>`, loader, '800px');
      const loading = el.getBoundingClientRect().height;
      await settled(el);
      expect(title(el), attrs).to.not.equal(null);
      return [loading, el.getBoundingClientRect().height, !!el.shadowRoot!.querySelector('img')];
    };
    // "humain" has an image, a message and a call to action; "bulle" only a title.
    expect(await heightsOf('now="2023-03-01T09:00:00+01:00" region="BE-WAL"')).to.deep.equal([12 * 16, 12 * 16, true]);
    expect(await heightsOf('now="2023-05-01T09:00:00+02:00" region="BE-BRU"')).to.deep.equal([12 * 16, 12 * 16, false]);
    expect(await heightsOf('now="2023-03-01T09:00:00+01:00" region="BE-WAL"', '<p><a href="/find">Find one</a></p>')).to.deep.equal([12 * 16, 12 * 16, true]);
  });

  it('holds --ess-min-height both while loading and once drawn', async () => {
    net.route('/banner/slow.json', { json: minimalFeed({ campaigns: CAMPAIGNS }), delay: 100 });
    const el = await banner('feed="/banner/slow.json" variant="bar" now="2023-03-01T09:00:00+01:00" region="BE-WAL" style="--ess-min-height: 200px"');
    expect(el.getBoundingClientRect().height).to.equal(200);
    await settled(el);
    expect(title(el)).to.not.equal(null);
    expect(el.getBoundingClientRect().height).to.equal(200);
  });

  it('animates the floating entrance only when the reader allows motion', async () => {
    const anim = async () => {
      const el = await banner('feed="/banner/feed.json" variant="floating" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
      await settled(el);
      return getComputedStyle(el.shadowRoot!.querySelector('.banner')!).animationName;
    };
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(await anim()).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
    expect(await anim()).to.equal('ess-rise');
  });
});
