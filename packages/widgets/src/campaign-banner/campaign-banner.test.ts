import { expect } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { FeedLoader, missingMessages, placeholderMismatches } from '@ess-widgets/core';
import { fakeFetch, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import type { EssCampaignBanner } from './campaign-banner.js';
import { bannerMessages } from './campaign-banner.messages.js';
import { dismissals } from './dismissals.js';
import { contrastRatio } from './contrast.js';

const CAMPAIGNS = [
  {
    id: 'humain', title: { fr: "L'humain avant le profit", en: 'People before profit' }, message: { fr: 'Plus de 500 entreprises.', en: 'Over 500 enterprises.' },
    cta: { label: { fr: 'Trouver', en: 'Find one' }, url: 'https://example.org/find' },
    image: { src: 'visual.svg', alt: { fr: 'Des personnes', en: 'People' } },
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

async function settled(el: EssCampaignBanner): Promise<void> {
  for (let i = 0; i < 50 && el['data'].status < 2; i++) await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
  await el.updateComplete;
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
      await new Promise((r) => setTimeout(r, 400)); // the floating variant fades in
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

  it('makes no request but the feed (no tracking)', async () => {
    const el = await banner('feed="/banner/feed.json" now="2023-03-01T09:00:00+01:00" region="BE-WAL"');
    await settled(el);
    expect(net.requests.map((u) => new URL(u).pathname)).to.deep.equal(['/banner/feed.json']);
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
});
