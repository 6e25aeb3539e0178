/**
 * Types for code that uses the elements from a framework or from TypeScript:
 * each tag's class, the properties an application may set on it, and the
 * events it fires (typed by `GlobalEventHandlersEventMap`). The React and Vue
 * declarations (`@ess-widgets/widgets/react`, `@ess-widgets/widgets/vue`) are
 * built from these. Types only: importing this module runs nothing.
 */
import type { LitElement } from 'lit';
// From the define modules: their declarations add the tags and events to the DOM's global maps.
import type { EssCampaignBanner } from './campaign-banner/define.js';
import type { EssNearbyPoints } from './nearby-points/define.js';
import type { EssSectorCounter } from './sector-counter/define.js';
import type { EssShopFinder } from './shop-finder/define.js';

/** Every element of the package, by tag. */
export interface EssElementTagNameMap {
  'ess-shop-finder': EssShopFinder;
  'ess-nearby-points': EssNearbyPoints;
  'ess-campaign-banner': EssCampaignBanner;
  'ess-sector-counter': EssSectorCounter;
}
export type EssTagName = keyof EssElementTagNameMap;

/** The events each element fires (kept equal to the custom-elements manifest by a test). */
export interface EssElementEvents {
  'ess-shop-finder': 'ess-location-select' | 'ess-search';
  'ess-nearby-points': 'ess-location-select';
  'ess-campaign-banner': 'ess-campaign-view' | 'ess-campaign-click' | 'ess-campaign-dismiss';
  'ess-sector-counter': 'ess-counter-update';
}

/** The event object of an event type, e.g. `EssEvent<'ess-location-select'>`. */
export type EssEvent<T extends keyof GlobalEventHandlersEventMap> = GlobalEventHandlersEventMap[T];

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
type WritableKeys<T> = { [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never> }[keyof T];
type DataKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T];

/**
 * The properties an application may set on an element: its own public,
 * writable, non-function members (LitElement's and HTMLElement's excluded),
 * e.g. `categories`, `tileUrl`, `feed`.
 */
export type EssProperties<E> = Partial<Pick<E, Exclude<WritableKeys<E> & DataKeys<E>, keyof LitElement | 'loader'>>>;

type Pascal<S extends string> = S extends `${infer H}-${infer R}` ? `${Capitalize<H>}${Pascal<R>}` : Capitalize<S>;
/** `ess-location-select` → `onEssLocationSelect`: the listener prop name React 19, Preact and Vue use. */
export type EssHandlerName<T extends string> = `on${Pascal<T>}`;

/** Listener props for an element's events: `{ onEssLocationSelect?: (e: CustomEvent<…>) => void }`. */
export type EssEventHandlers<Tag extends EssTagName> = {
  [T in EssElementEvents[Tag] as EssHandlerName<T>]?: (event: EssEvent<T>) => void;
};
