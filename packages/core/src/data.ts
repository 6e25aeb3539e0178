// The DOM-free part of core: feed model, validator, text, geo. Safe to import in a Web Worker
// or in Node (the index also exports Lit-based classes, which need a document).
export * from './feed/types.js';
export * from './feed/validate.js';
export * from './feed/json-error.js';
export * from './feed/text.js';
export * from './feed/filter.js';
export { SLICE_ABOVE, slicer, yieldToPage } from './feed/yield.js';
export { LocationsInGroups } from './feed/sliced.js';
export { MAX_DOCUMENT_BYTES } from './feed/body.js';
export * from './geo/distance.js';
export * from './geo/search.js';
export * from './geo/places.js';
export * from './feed/cache.js';
export * from './feed/tiled.js';
