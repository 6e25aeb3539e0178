// The locations file parsed while it downloads (feature-stream.ts): through the real download
// worker, the sample's file is read as it arrives; the same features written in another layout are
// parsed whole afterwards. The visitor sees the same finder either way.
import { expect, waitUntil } from '@open-wc/testing';
import { mount } from '../mount.test-helper.js';
import { FeedLoader } from '@ess-widgets/core';
import { memoryCache } from '@ess-widgets/core/testing';
import './define.js';
import type { EssShopFinder } from './shop-finder.js';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const SAMPLE = '/demo/feeds/wallonie-bruxelles/feed.json';
const $ = (el: EssShopFinder, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement | null;
const $$ = (el: EssShopFinder, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)] as HTMLElement[];

async function shown(feed: string): Promise<{ el: EssShopFinder; heading: string; names: string[]; overview: string[] }> {
  const el = await mount<EssShopFinder>(`<ess-shop-finder tile-url="${TILE}" feed="${feed}" lang="nl"></ess-shop-finder>`, new FeedLoader({ cache: memoryCache() }), '1000px');
  await waitUntil(() => $(el, '.list-pane')?.getAttribute('aria-busy') === 'false' && $$(el, '.list .item').length, 'the list shows', { timeout: 30_000 });
  return { el, heading: $(el, '.list-heading')!.textContent!.trim(), names: $$(el, '.list .item .name').map((n) => n.textContent!.trim()), overview: $$(el, '.list h4, .list .group-title').map((n) => n.textContent!.trim()) };
}

describe('<ess-shop-finder> reading its locations as they download', () => {
  it('the sample, parsed as it arrives, shows what the same features parsed whole show', async function () {
    this.timeout(90_000);
    const streamed = await shown(SAMPLE);
    expect((streamed.el as unknown as { loadedData: { streamed?: boolean } }).loadedData.streamed, 'parsed as it arrived').to.equal(true);
    // The same feed, served with its locations indented (not the layout read part by part): parsed whole.
    const other = '/__ess-indented/feed.json';
    const whole = await shown(other);
    expect((whole.el as unknown as { loadedData: { streamed?: boolean } }).loadedData.streamed, 'parsed whole').to.not.equal(true);
    expect(streamed.heading).to.equal(whole.heading);
    expect(streamed.heading).to.match(/\d/);
    expect(streamed.names).to.deep.equal(whole.names);
    expect(streamed.names.length).to.be.greaterThan(2);
    expect(streamed.overview).to.deep.equal(whole.overview);
  });
});
