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

/** What the loader asks: the bytes (a copy: the loader keeps its own, for the saved copy and other readers). */
export interface ValidateJob {
  bytes: ArrayBuffer;
  name: 'locations' | 'places';
  baseUrl: string;
  ids?: FeedIds;
}

export type ValidateReply = { type: 'ready' } | { type: 'items'; items: unknown[] } | { type: 'done'; problems: Problem[]; skipped: number } | { type: 'failed' };

/** The literal form bundlers recognise and rewrite (worker-start.ts). */
function startModuleWorker(): Worker {
  return new Worker(new URL('./validate.worker.js', import.meta.url), { type: 'module' });
}

/** The validated collection, or undefined when the page must validate it itself. */
export async function validateOffThread<T>(job: ValidateJob): Promise<Validated<T[]> | undefined> {
  const w = (await startWorker(startModuleWorker))?.worker;
  if (!w) return undefined;
  return new Promise((resolve) => {
    const items: T[] = [];
    w.onmessage = (e: MessageEvent<ValidateReply>) => {
      const m = e.data;
      if (m.type === 'items') {
        for (const it of m.items) items.push(it as T);
        return;
      }
      w.terminate();
      resolve(m.type === 'done' ? { value: items, problems: m.problems, skipped: m.skipped } : undefined);
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      resolve(undefined);
    };
    w.postMessage(job);
  });
}
