/// <reference lib="webworker" />
// Parses and validates a locations or places file off the page's main thread
// (validate-off-thread.ts starts it): on a phone, JSON.parse and the checks of a
// few thousand records are seconds of the page's time, even in slices. The
// records go back in groups, so that the page never spends long taking one in.
import { validateCollectionWith } from './validate-core.js';
import { placeChecks } from './validate-places.js';
import type { ValidateJob, ValidateReply } from './validate-off-thread.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (m: ValidateReply) => scope.postMessage(m);
/** Records per message: the page takes each in (deserialises it) in a few milliseconds, 15–20 on a phone. */
const GROUP = 100;

scope.onmessage = (e: MessageEvent<ValidateJob>) => {
  const { bytes, name, baseUrl, ids } = e.data;
  try {
    const raw: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const r = validateCollectionWith(name, raw, name === 'locations' ? { baseUrl, ids } : { baseUrl }, placeChecks);
    for (let i = 0; i < r.value.length; i += GROUP) reply({ type: 'items', items: r.value.slice(i, i + GROUP) });
    reply({ type: 'done', problems: r.problems, skipped: r.skipped });
  } catch {
    // Broken JSON or the wrong shape: the page reads the file itself, for the error with its line and column.
    reply({ type: 'failed' });
  }
};
reply({ type: 'ready' });
