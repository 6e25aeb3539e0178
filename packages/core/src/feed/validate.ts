/**
 * The one runtime validator for feed version 1, shared by every widget and by
 * the `ess-feed` command: validate-core.ts (the document and its collections)
 * with validate-places.ts (locations and places), put together. Validation is
 * per record: a record that breaks the contract is skipped and reported with
 * its JSON path; a field that is merely unsafe or unknown is dropped and
 * reported as a warning; the document itself is rejected (FeedShapeError)
 * only when its own shape is wrong.
 */
import type { Campaign, CollectionName, Feed, Location, PlaceRecord, Stat } from './types.js';
import { validateCollectionWith, validateFeedWith, type FeedIds, type ValidateOptions, type Validated } from './validate-core.js';
import { placeChecks } from './validate-places.js';

export {
  ADVICE_CODES, FEED_VERSION, FeedShapeError, MAX_LONG, MAX_SHORT, absoluteLink, feedIds, resolveUrl, safeUrl, stripInvisible, summarize,
  type FeedIds, type SkipSummary, type ValidateOptions, type Validated,
} from './validate-core.js';
export { bulkAdvice } from './validate-places.js';

/**
 * Validates a whole feed document. Throws FeedShapeError when the document
 * itself is unusable; otherwise returns every good record and the problems.
 */
export function validateFeed(raw: unknown, options: ValidateOptions): Validated<Feed> {
  return validateFeedWith(raw, options, placeChecks);
}

/**
 * Validates a collection published in its own file (`{"href": …}`).
 * Locations are a GeoJSON FeatureCollection (or a bare list of Features);
 * campaigns and stats a JSON list. Paths start at that file's root.
 */
export function validateCollection(name: 'locations', raw: unknown, options: ValidateOptions & { ids: FeedIds; bulk?: boolean }): Validated<Location[]>;
export function validateCollection(name: 'campaigns', raw: unknown, options: ValidateOptions): Validated<Campaign[]>;
export function validateCollection(name: 'stats', raw: unknown, options: ValidateOptions): Validated<Stat[]>;
export function validateCollection(name: 'places', raw: unknown, options: ValidateOptions): Validated<PlaceRecord[]>;
export function validateCollection(name: CollectionName, raw: unknown, options: ValidateOptions & { ids?: FeedIds; bulk?: boolean }): Validated<unknown[]> {
  return validateCollectionWith(name, raw, options, placeChecks);
}
