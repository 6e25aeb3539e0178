/**
 * Starts the finder's index where it can run: a module worker from the
 * script's own origin; else (a script pasted from a CDN is cross-origin, and
 * `new Worker()` refuses it) the same worker from a blob: URL; else (a CSP
 * without `worker-src blob:`) the main thread. Each path answers the same
 * requests.
 */
import { startWorker } from '@ess-widgets/core/worker-start';
import type { Request, Response } from './finder-protocol.js';

/** Where the index runs; `tiled`: read by range from a FlatGeobuf set, on the main thread. */
export type BackendMode = 'worker' | 'blob' | 'main' | 'tiled';

export interface FinderBackend {
  mode: BackendMode;
  /** Sends a request; buffers in `transfer` move to the worker without a copy. */
  call<T extends Response>(req: Request, transfer?: Transferable[]): Promise<T>;
  terminate(): void;
}

function workerBackend(worker: Worker, mode: BackendMode): FinderBackend {
  let next = 0;
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: string }>) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (e.data.ok) p?.resolve(e.data.value as never);
    else p?.reject(new Error(e.data.error));
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'The finder worker failed.'));
    pending.clear();
  };
  return {
    mode,
    call: (req, transfer = []) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: never) => void, reject });
        worker.postMessage({ id, req }, transfer);
      }),
    terminate: () => worker.terminate(),
  };
}

/** Checks that a started worker really answers (a blocked blob: worker fails only when it loads). */
async function answers(b: FinderBackend): Promise<boolean> {
  try {
    await Promise.race([b.call({ type: 'page', offset: 0, limit: 0 }), new Promise((_, no) => setTimeout(() => no(new Error('timeout')), 10_000))]);
    return true;
  } catch {
    b.terminate();
    return false;
  }
}

async function mainThreadBackend(): Promise<FinderBackend> {
  const { createHandler } = await import('./finder-handler.js');
  const handle = createHandler();
  return {
    mode: 'main',
    call: async (req) => {
      // Let the page paint and take input before a heavy step.
      await new Promise((r) => setTimeout(r, 0));
      return (await handle(req)) as never;
    },
    terminate: () => undefined,
  };
}

/**
 * Starts the worker in the one form every mainstream bundler (Vite, webpack,
 * Parcel, Rollup with a worker plugin) recognises and rewrites: the global
 * `Worker`, a literal `new URL(…, import.meta.url)` naming the shipped
 * `.js` file, `type: 'module'`. Published as is, the URL is the file beside
 * this one in `dist/`.
 */
function startModuleWorker(): Worker {
  return new Worker(new URL('./finder.worker.js', import.meta.url), { type: 'module' });
}

/**
 * `locale`: the page's language; a worker prepares the browser's formatting data for it at once (see
 * the 'warm' request), while the locations download.
 */
export async function startFinderBackend(force?: BackendMode, locale?: string): Promise<FinderBackend> {
  const backend = await start(force);
  if (locale && backend.mode !== 'main') void backend.call({ type: 'warm', locale }).catch(() => undefined);
  return backend;
}

async function start(force?: BackendMode): Promise<FinderBackend> {
  if (force !== 'main') {
    // A blob: worker refused once on this page (a CSP without worker-src blob:) is not asked again (worker-start.ts).
    const only = force === 'worker' || force === 'blob' ? force : undefined;
    const started = await startWorker(startModuleWorker, (w) => answers(workerBackend(w, 'worker')), only);
    if (started) return workerBackend(started.worker, started.mode);
  }
  return mainThreadBackend();
}
