// Compile-time checks of the typed APIs, run by the typecheck step of `npm test` (tsc -p
// tsconfig.json): each `@ts-expect-error` line must be an error, or the typecheck fails.
// Nothing here runs.
import { EssElement, type FeedData } from '@ess-widgets/core';
import { EssCampaignBanner } from '../packages/widgets/src/campaign-banner/define.js';
import { EssSectorCounter } from '../packages/widgets/src/sector-counter/define.js';
import type { EssProperties, EssEventHandlers } from '../packages/widgets/src/elements.js';
import type { EssShopFinder } from '../packages/widgets/src/shop-finder/define.js';

export function messages(banner: EssCampaignBanner, counter: EssSectorCounter): string[] {
  return [
    banner.t('close'), // the banner's own message
    banner.t('loading'), // a core message
    counter.t('error.http', { status: 404 }),
    // @ts-expect-error a misspelt message id fails to compile
    banner.t('clsoe'),
    // @ts-expect-error a message of another element
    counter.t('close'),
  ];
}

export function overrides(): void {
  EssCampaignBanner.overrideMessages({ fr: { close: 'Masquer' }, en: { loading: 'One moment…' } });
  // @ts-expect-error an override of an unknown id fails to compile
  EssCampaignBanner.overrideMessages({ fr: { clsoe: 'Masquer' } });
}

class Demo extends EssElement<FeedData, 'hello'> {
  static override messages = { en: { hello: 'Hello' }, fr: { hello: 'Bonjour' }, nl: { hello: 'Hallo' }, de: { hello: 'Hallo' } };
  protected renderData() {
    return this.t('hello') as never;
  }
  fire(): void {
    this.emit('ess-campaign-view', { id: 'x' });
    // @ts-expect-error an event not in GlobalEventHandlersEventMap
    this.emit('ess-campaign-veiw', { id: 'x' });
    // @ts-expect-error a detail of the wrong shape
    this.emit('ess-counter-update', { id: 'x' });
  }
}
export { Demo };

export const props: EssProperties<EssShopFinder> = { categories: 'shop', zoom: 9 };
// @ts-expect-error a property the finder does not have
export const wrong: EssProperties<EssShopFinder> = { categoriez: 'shop' };
export const handlers: EssEventHandlers<'ess-shop-finder'> = { onEssLocationSelect: (e) => void e.detail.location.id };
