import { expect, fixture, html as thtml, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { EssElement, type FeedData } from './ess-element.js';
import { FeedLoader } from '../feed/loader.js';
import { memoryCache } from '../feed/cache.js';
import { fakeFetch } from '../testing/fake-fetch.js';
import { minimalFeed } from '../testing/feeds.js';
import { coreMessages } from '../i18n/messages.js';
import { errorMessages } from '../i18n/error-messages.js';
import { missingMessages, placeholderMismatches } from '../i18n/translate.js';

let n = 0;
const net = fakeFetch({ '/base/feed.json': { json: minimalFeed({ sample: true }) } });
const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache(), timeout: 300 });

class TestElement extends EssElement {
  static override messages = { en: { hello: 'Hello' }, fr: { hello: 'Bonjour' }, nl: { hello: 'Hallo' }, de: { hello: 'Hallo' } };
  override loader = loader;
  protected renderData(d: FeedData) {
    return html`${this.renderNotices(d)}<p>${this.t('hello')} ${d.loaded.feed.publisher.name}</p>`;
  }
}

function define(): string {
  const tag = `ess-test-${++n}`;
  EssElement.define.call(TestElement, tag, class extends TestElement {});
  return tag;
}

async function make(tag: string, attrs: string, parentLang?: string) {
  const wrapper = await fixture<HTMLElement>(thtml`<div lang=${parentLang ?? ''}></div>`);
  wrapper.innerHTML = `<${tag} ${attrs}></${tag}>`;
  const el = wrapper.firstElementChild as TestElement;
  await el.updateComplete;
  return el;
}

/** Waits until the element shows its data or its error: the host's aria-busy turns "false". */
const settle = async (el: TestElement) => {
  await waitUntil(() => el.getAttribute('aria-busy') === 'false', 'the element stays busy', { timeout: 8000 });
  await el.updateComplete;
};

describe('EssElement', () => {
  beforeEach(() => loader.reset());

  it('is accessible while loading, loaded and in error', async () => {
    net.route('/base/slow.json', { json: minimalFeed(), delay: 150 });
    const el = await make(define(), 'feed="/base/slow.json"');
    expect(el.shadowRoot!.querySelector('[data-state="loading"]')).to.exist;
    expect(el.getAttribute('aria-busy'), 'busy while loading').to.equal('true');
    await expect(el).to.be.accessible();
    await settle(el);
    expect(el.shadowRoot!.querySelector('[data-state="loading"]'), 'no longer loading once not busy').to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('Test federation');
    await expect(el).to.be.accessible();
    const bad = await make(define(), 'feed="/base/missing.json"');
    await settle(bad);
    expect(bad.shadowRoot!.querySelector('[data-state="error"]'), 'an error is not busy').to.exist;
    await expect(bad).to.be.accessible();
  });

  it('shows a translated error with a retry button, and retry loads again', async () => {
    net.route('/base/flaky.json', { body: 'down', status: 503 });
    const el = await make(define(), 'feed="/base/flaky.json" lang="fr"');
    await settle(el);
    const box = el.shadowRoot!.querySelector('[data-state="error"]')!;
    expect(box.textContent).to.contain('erreur 503');
    net.route('/base/flaky.json', { json: minimalFeed() });
    (box.querySelector('button') as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Bonjour Test federation'), 'the feed shown after retry', { timeout: 8000 });
    expect(el.shadowRoot!.querySelector('[data-state="error"]')).to.equal(null);
  });

  it('says what to do when no feed is set', async () => {
    const el = await make(define(), '');
    await settle(el);
    expect(el.shadowRoot!.querySelector('[data-state="error"]')!.textContent).to.contain('feed attribute');
    expect(el.shadowRoot!.querySelector('[data-state="error"] button')).to.equal(null);
  });

  it('resolves language: own lang, then ancestor, then document, then the feed', async () => {
    const tag = define();
    expect((await make(tag, 'feed="/base/feed.json" lang="nl-BE"', 'de')).language).to.deep.equal({ lang: 'nl', locale: 'nl-BE' });
    expect((await make(tag, 'feed="/base/feed.json"', 'de')).language.lang).to.equal('de');
    const docLang = document.documentElement.lang;
    document.documentElement.lang = 'fr-BE';
    try {
      expect((await make(tag, 'feed="/base/feed.json"')).language).to.deep.equal({ lang: 'fr', locale: 'fr-BE' });
      document.documentElement.lang = 'es';
      const el = await make(tag, 'feed="/base/feed.json"');
      await settle(el);
      expect(el.language.lang).to.equal('fr'); // the feed's first language
    } finally {
      document.documentElement.lang = docLang;
    }
  });

  it('re-renders when an ancestor changes language', async () => {
    const el = await make(define(), 'feed="/base/feed.json"', 'en');
    await settle(el);
    expect(el.shadowRoot!.textContent).to.contain('Hello');
    el.parentElement!.setAttribute('lang', 'fr');
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Bonjour'), 'the text in French', { timeout: 8000 });
    expect(el.shadowRoot!.textContent).not.to.contain('Hello');
  });

  it('four elements reading one feed make one request', async () => {
    net.route('/base/shared.json', { json: minimalFeed(), delay: 30 });
    const wrapper = await fixture<HTMLElement>(thtml`<div></div>`);
    const tags = [define(), define(), define(), define()];
    wrapper.innerHTML = tags.map((t) => `<${t} feed="/base/shared.json"></${t}>`).join('');
    const els = [...wrapper.children] as TestElement[];
    for (const el of els) await settle(el);
    expect(els.map((el) => el.shadowRoot!.textContent!.includes('Test federation'))).to.deep.equal([true, true, true, true]);
    expect(net.count('/base/shared.json')).to.equal(1);
  });

  it('says when the data is sample data', async () => {
    const el = await make(define(), 'feed="/base/feed.json" lang="en"');
    await settle(el);
    expect(el.shadowRoot!.querySelector('[data-kind="sample"]')!.textContent).to.contain('Sample data');
  });

  it('define() is a no-op with a warning naming both versions when the tag is taken', async () => {
    // The version the package says it is (not typed in here).
    const { version } = (await (await fetch('/packages/core/package.json')).json()) as { version: string };
    expect(EssElement.version, 'the class ships the package.json version').to.equal(version);
    const tag = define();
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      class Other extends TestElement {
        static override readonly version = '9.9.9';
      }
      expect(() => EssElement.define.call(Other, tag, Other)).not.to.throw();
    } finally {
      console.warn = orig;
    }
    expect(warnings[0]).to.contain(`<${tag}>`).and.contain(`already defined by ESS Widgets ${version};`).and.contain("this copy (9.9.9)");
  });

  it('emit() dispatches a composed, bubbling event with its detail', async () => {
    const el = await make(define(), 'feed="/base/feed.json"');
    let got: CustomEvent | undefined;
    document.addEventListener('ess-test', (e) => (got = e as CustomEvent), { once: true });
    el.emit('ess-test', { id: 'x' });
    expect(got?.detail).to.deep.equal({ id: 'x' });
    expect(got?.composed).to.equal(true);
  });

  it('has every core message in every language, with the same placeholders', () => {
    expect(missingMessages(coreMessages)).to.deep.equal({});
    expect(placeholderMismatches(coreMessages)).to.deep.equal([]);
    // The messages of failures, a lazy chunk.
    expect(missingMessages(errorMessages)).to.deep.equal({});
    expect(placeholderMismatches(errorMessages)).to.deep.equal([]);
  });
});

// emit() takes only events declared in GlobalEventHandlersEventMap (as each element's define module does).
declare global {
  interface GlobalEventHandlersEventMap {
    'ess-test': CustomEvent<{ id: string }>;
  }
}
