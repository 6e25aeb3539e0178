/**
 * Parsing and validating a linked locations or places file in a worker
 * (validate.worker.ts), for the loader, which loads this module with a dynamic
 * import only for such a file of VALIDATE_OFF_THREAD_FROM bytes or more. The
 * result is the one the page would compute (the same validator); when no worker
 * can start, or the file is broken, the answer is undefined and the loader
 * reads the file on the page as before (for a broken file, to say where).
 */
import { startWorker } from '../worker-start.js';
import type { FeedIds, Validated } from './validate-core.js';
import type { Problem } from './types.js';
import type { PackedFacets } from './facets.js';

/** What the loader asks: the bytes (moved to the worker, and back with the answer). */
export interface ValidateJob {
  bytes: ArrayBuffer;
  name: 'locations' | 'places';
  baseUrl: string;
  ids?: FeedIds;
  /** For a counter: the worker sends what filters read of each location (`packFacets`), not the records. */
  tally?: boolean;
}

export type ValidateReply =
  | { type: 'ready' }
  | { type: 'items'; items: unknown[] }
  | { type: 'done'; problems: Problem[]; skipped: number; facets?: PackedFacets; bytes?: ArrayBuffer }
  | { type: 'failed'; bytes?: ArrayBuffer };

/**
 * What came back: the result (none when the file is broken: the page reads it for the error), and
 * the job's bytes, moved back (undefined only when the worker crashed with them).
 */
export interface OffThread<T> {
  result?: Validated<T>;
  bytes?: ArrayBuffer;
}

/** The literal form bundlers recognise and rewrite (worker-start.ts). */
function startModuleWorker(): Worker {
  return new Worker(new URL('./validate.worker.js', import.meta.url), { type: 'module' });
}

/**
 * The validated collection, or undefined when no worker can start (the job's bytes are then
 * untouched). The bytes are moved to the worker and back: a structured clone of a 69 MB file
 * was one task of 445 ms on the page.
 */
export async function validateOffThread<T>(job: ValidateJob): Promise<OffThread<T[]> | undefined> {
  const items: T[] = [];
  const out = await run(job, (got) => {
    for (const it of got) items.push(it as T);
  });
  return out && { bytes: out.bytes, result: out.type === 'done' ? { value: items, problems: out.problems, skipped: out.skipped } : undefined };
}

/** What a counter counts the locations from, with the file's problems, or undefined when no worker can start. */
export async function tallyOffThread(job: ValidateJob & { tally: true }): Promise<OffThread<PackedFacets> | undefined> {
  const out = await run(job, () => undefined);
  return out && { bytes: out.bytes, result: out.type === 'done' && out.facets ? { value: out.facets, problems: out.problems, skipped: out.skipped } : undefined };
}

async function run(job: ValidateJob, onItems: (items: unknown[]) => void): Promise<Exclude<ValidateReply, { type: 'ready' | 'items' }> | undefined> {
  const w = (await startWorker(startModuleWorker))?.worker;
  if (!w) return undefined;
  return new Promise((resolve) => {
    w.onmessage = (e: MessageEvent<Exclude<ValidateReply, { type: 'ready' }>>) => {
      const m = e.data;
      // ('ready' came before: startWorker waited for it.)
      if (m.type === 'items') return onItems(m.items);
      w.terminate();
      resolve(m);
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      resolve({ type: 'failed' });
    };
    w.postMessage(job, [job.bytes]);
  });
}
