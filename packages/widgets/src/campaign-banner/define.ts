import { EssCampaignBanner } from './campaign-banner.js';

EssCampaignBanner.define('ess-campaign-banner');

declare global {
  interface HTMLElementTagNameMap {
    'ess-campaign-banner': EssCampaignBanner;
  }
  interface GlobalEventHandlersEventMap {
    'ess-campaign-view': CustomEvent<{ id: string }>;
    'ess-campaign-click': CustomEvent<{ id: string }>;
    'ess-campaign-dismiss': CustomEvent<{ id: string }>;
  }
}

export { EssCampaignBanner };
