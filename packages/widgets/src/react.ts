/**
 * React 19 JSX types for the elements: `import type {} from '@ess-widgets/widgets/react'` once
 * (or list it in tsconfig `types`), then
 * `<ess-shop-finder feed="…" categories="shop" onEssLocationSelect={(e) => e.detail.location}>`
 * type-checks. React 19 sets a prop as a property when the element has one (so `tileUrl={…}`
 * sets the property) and turns `on…` function props into event listeners; the elements take
 * `EssLocationSelect` as another name of `ess-location-select`, so both spellings work.
 * Types only: this module runs nothing (register the elements with `@ess-widgets/widgets`).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { EssElementTagNameMap, EssEventHandlers, EssProperties, EssTagName } from './elements.js';

/** The JSX props of one element: its properties, its event listeners, and React's HTML attributes. */
export type EssReactProps<Tag extends EssTagName> = DetailedHTMLProps<HTMLAttributes<EssElementTagNameMap[Tag]>, EssElementTagNameMap[Tag]> &
  EssProperties<EssElementTagNameMap[Tag]> &
  EssEventHandlers<Tag> & { lang?: string; feed?: string };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ess-shop-finder': EssReactProps<'ess-shop-finder'>;
      'ess-nearby-points': EssReactProps<'ess-nearby-points'>;
      'ess-campaign-banner': EssReactProps<'ess-campaign-banner'>;
      'ess-sector-counter': EssReactProps<'ess-sector-counter'>;
    }
  }
}
