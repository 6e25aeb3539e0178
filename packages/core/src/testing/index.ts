export * from './fake-fetch.js';
export * from './feeds.js';
export { memoryCache } from '../feed/cache.js';
export * from './clock.js';
export * from './places.js';
export * from './dom.js';
export * from './reject.js';
export * from './workers.js';
