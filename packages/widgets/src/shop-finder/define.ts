import { EssShopFinder, type FinderSearchDetail } from './shop-finder.js';
import '../shared/events.js';

EssShopFinder.define('ess-shop-finder');

declare global {
  interface HTMLElementTagNameMap {
    'ess-shop-finder': EssShopFinder;
  }
  interface GlobalEventHandlersEventMap {
    'ess-search': CustomEvent<FinderSearchDetail>;
  }
}

export { EssShopFinder, type FinderSearchDetail };
