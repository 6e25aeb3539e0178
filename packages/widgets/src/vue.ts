/**
 * Vue 3 types for the elements: `import type {} from '@ess-widgets/widgets/vue'` once (or list
 * it in tsconfig `types`), and vue-tsc (Volar) knows each tag's properties and events in
 * templates: `<ess-shop-finder :categories="cats" @ess-location-select="pick">`. Vue sets a
 * bound prop as a property when the element has one, and `@ess-location-select` listens to that
 * event. Tell Vue's compiler these are custom elements (`isCustomElement: (tag) =>
 * tag.startsWith('ess-')`, see docs/frameworks.md). Types only: this module runs nothing.
 */
import type { DefineComponent } from 'vue';
import type { EssEventHandlers, EssProperties, EssElementTagNameMap, EssTagName } from './elements.js';

/** The template props of one element: its properties, `feed`, `lang`, and its event listeners. */
export type EssVueProps<Tag extends EssTagName> = EssProperties<EssElementTagNameMap[Tag]> & EssEventHandlers<Tag> & { lang?: string; feed?: string };

declare module 'vue' {
  interface GlobalComponents {
    'ess-shop-finder': DefineComponent<EssVueProps<'ess-shop-finder'>>;
    'ess-nearby-points': DefineComponent<EssVueProps<'ess-nearby-points'>>;
    'ess-campaign-banner': DefineComponent<EssVueProps<'ess-campaign-banner'>>;
    'ess-sector-counter': DefineComponent<EssVueProps<'ess-sector-counter'>>;
  }
}
