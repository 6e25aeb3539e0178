// What a framework or a site sees of the base element's typed API: listeners under the camel-case
// name React 19 and Preact derive from `onEssLocationSelect`, and a site's own wording.
import { expect, fixture, html as thtml, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { EssElement, essEventType, type FeedData } from './ess-element.js';
import { FeedLoader } from '../feed/loader.js';
import { memoryCache } from '../feed/cache.js';
import { fakeFetch } from '../testing/fake-fetch.js';
import { minimalFeed } from '../testing/feeds.js';

const net = fakeFetch({ '/typed/feed.json': { json: minimalFeed() } });
const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache(), timeout: 300 });
const messages = { en: { hello: 'Hello' }, fr: { hello: 'Bonjour' }, nl: { hello: 'Hallo' }, de: { hello: 'Hallo' } };

class Greeter extends EssElement<FeedData, 'hello'> {
  static override messages = messages;
  override loader = loader;
  protected renderData() {
    return html`<p>${this.t('hello')}</p>`;
  }
}
customElements.define('ess-typed-greeter', Greeter);

declare global {
  interface GlobalEventHandlersEventMap {
    'ess-typed-ping': CustomEvent<{ n: number }>;
  }
}

describe('EssElement typed API', () => {
  it('names events as the elements fire them from the camel-case form', () => {
    expect(essEventType('EssLocationSelect')).to.equal('ess-location-select');
    expect(essEventType('EssSearch')).to.equal('ess-search');
    expect(essEventType('click')).to.equal('click');
    expect(essEventType('Essay')).to.equal('Essay');
  });

  it('a listener added as React 19 adds onEssTypedPing hears ess-typed-ping, and is removed the same way', async () => {
    const el = await fixture<Greeter>(thtml`<ess-typed-greeter feed="/typed/feed.json"></ess-typed-greeter>`);
    const heard: number[] = [];
    const listener = (e: Event) => heard.push((e as CustomEvent<{ n: number }>).detail.n);
    el.addEventListener('EssTypedPing', listener);
    el.emit('ess-typed-ping', { n: 1 });
    el.removeEventListener('EssTypedPing', listener);
    el.emit('ess-typed-ping', { n: 2 });
    expect(heard).to.deep.equal([1]);
  });

  it("shows a site's own wording, on elements already on the page too", async () => {
    const el = await fixture<Greeter>(thtml`<ess-typed-greeter feed="/typed/feed.json" lang="fr"></ess-typed-greeter>`);
    const text = () => el.shadowRoot!.querySelector('p')?.textContent;
    await waitUntil(() => text(), 'the greeting');
    expect(text()).to.equal('Bonjour');
    Greeter.overrideMessages({ fr: { hello: 'Salut' } });
    await el.updateComplete;
    expect(text()).to.equal('Salut');
    el.lang = 'en';
    await el.updateComplete;
    expect(text()).to.equal('Hello');
  });
});
