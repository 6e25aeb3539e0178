// Closing the banner by keyboard leaves focus on what follows it, never on <body>.
import { expect, waitUntil } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { sendKeys } from '@web/test-runner-commands';
import { FeedLoader } from '@ess-widgets/core';
import { fakeFetch, memoryCache, minimalFeed } from '@ess-widgets/core/testing';
import './define.js';
import type { EssCampaignBanner } from './campaign-banner.js';
import { dismissals } from './dismissals.js';

const CAMPAIGN = { id: 'c', title: 'Campagne', cta: { label: 'Voir', url: 'https://example.org/' }, start: '2020-01-01T00:00:00Z', end: '2099-01-01T00:00:00Z' };

async function page(after: string): Promise<{ el: EssCampaignBanner; wrap: HTMLElement }> {
  const net = fakeFetch({ '/bf/feed.json': { json: minimalFeed({ campaigns: [CAMPAIGN] }) } });
  const loader = new FeedLoader({ fetch: net.fetch, cache: memoryCache() });
  const el = await mount<EssCampaignBanner>(`<ess-campaign-banner feed="/bf/feed.json" dismiss-days="0" lang="fr"></ess-campaign-banner>${after}`, loader);
  const wrap = el.parentElement!;
  wrap.insertAdjacentHTML('afterbegin', '<h1>Page</h1>');
  await waitUntil(() => el.shadowRoot!.querySelector('button.close'), 'the banner', { timeout: 8_000 });
  return { el, wrap };
}

describe('<ess-campaign-banner> focus after closing', () => {
  afterEach(() => dismissals.resetPage());

  it('Enter on the close button: focus goes to the next control of the page', async () => {
    const { el, wrap } = await page('<p>Texte <a href="#suite" id="next">la suite</a></p>');
    (el.shadowRoot!.querySelector('button.close') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !el.shadowRoot!.querySelector('button.close'), 'closed');
    await el.updateComplete;
    expect(document.activeElement).to.equal(wrap.querySelector('#next'));
  });

  it('nothing focusable after it: the control before it, else the page heading', async () => {
    const { el, wrap } = await page('');
    (el.shadowRoot!.querySelector('button.close') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('button.close'), 'closed');
    await el.updateComplete;
    expect(document.activeElement, 'not <body>').to.equal(wrap.querySelector('h1'));
  });
});
