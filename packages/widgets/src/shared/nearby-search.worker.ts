/// <reference lib="webworker" />
// Nearby points' search over a large locations file, where the records stay
// (nearby-search.ts starts it): the file is parsed and validated here, its
// points put in a KD-tree, and each question — the N nearest to a point that
// pass a filter — is answered with those N records only. Taking 100,000
// validated records in on the page cost it a series of long tasks, most of them
// the garbage collector's; the page now holds the few it shows.
import { addressPlaces, locationMatches, validateCollection, type Location } from '@ess-widgets/core/data';
import { NearestIndex } from './nearest.js';
import type { SearchJob, SearchReply } from './nearby-search.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (m: SearchReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let index = new NearestIndex<Location>([]);

scope.onmessage = (e: MessageEvent<SearchJob>) => {
  const job = e.data;
  if (job.type === 'nearest') {
    const { lat, lon, limit, maxMeters, filter } = job;
    return reply({ type: 'hits', hits: index.nearest(lat, lon, limit, maxMeters, (l) => locationMatches(l, filter)) });
  }
  const { bytes, baseUrl, ids } = job;
  // The bytes go back to the page with the answer, moved as they came: the page keeps them (its saved copy).
  let r;
  try {
    r = validateCollection('locations', JSON.parse(new TextDecoder().decode(bytes)), { baseUrl, ids });
  } catch {
    // Broken JSON or the wrong shape: the page reads the file itself, for the error with its line and column.
    return reply({ type: 'failed', bytes }, [bytes]);
  }
  index = new NearestIndex(r.value);
  reply({ type: 'done', problems: r.problems, skipped: r.skipped, places: addressPlaces(r.value), bytes }, [bytes]);
};
reply({ type: 'ready' });
