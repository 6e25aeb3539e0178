/// <reference lib="webworker" />
// Parses and validates a locations or places file off the page's main thread
// (validate-off-thread.ts starts it): on a phone, JSON.parse and the checks of a
// few thousand records are seconds of the page's time, even in slices. The
// records go back in groups, so that the page never spends long taking one in.
import { validateCollectionWith } from './validate-core.js';
import { placeChecks } from './validate-places.js';
import type { ValidateJob, ValidateReply } from './validate-off-thread.js';
import { packFacets } from './facets.js';
import type { Location } from './types.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (m: ValidateReply) => scope.postMessage(m);
/** Records per message: the page takes each in (deserialises it) in a few milliseconds, 15–20 on a phone. */
const GROUP = 100;

scope.onmessage = (e: MessageEvent<ValidateJob>) => {
  const { bytes, name, baseUrl, ids, tally } = e.data;
  // The bytes go back to the page with the answer, moved as they came: the page keeps them (its saved copy, other readers).
  const back = (m: Extract<ValidateReply, { type: 'done' | 'failed' }>, transfer: Transferable[] = []) => scope.postMessage({ ...m, bytes }, [bytes, ...transfer]);
  let r;
  try {
    const raw: unknown = JSON.parse(new TextDecoder().decode(bytes));
    r = validateCollectionWith(name, raw, name === 'locations' ? { baseUrl, ids } : { baseUrl }, placeChecks);
  } catch {
    // Broken JSON or the wrong shape: the page reads the file itself, for the error with its line and column.
    return back({ type: 'failed' });
  }
  if (tally) {
    // A counter needs what its filters read of each location, not the records.
    const facets = packFacets(r.value as Location[]);
    return back({ type: 'done', problems: r.problems, skipped: r.skipped, facets }, [facets.offsets.buffer, facets.tokens.buffer]);
  }
  for (let i = 0; i < r.value.length; i += GROUP) reply({ type: 'items', items: r.value.slice(i, i + GROUP) });
  back({ type: 'done', problems: r.problems, skipped: r.skipped });
};
reply({ type: 'ready' });
