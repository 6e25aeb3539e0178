export * from './fake-fetch.js';
export * from './feeds.js';
export { memoryCache } from '../feed/cache.js';
