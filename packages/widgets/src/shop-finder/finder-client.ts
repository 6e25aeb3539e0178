/**
 * Starts the finder's index where it can run: a module worker from the
 * script's own origin; else (a script pasted from a CDN is cross-origin, and
 * `new Worker()` refuses it) the same worker from a blob: URL; else (a CSP
 * without `worker-src blob:`) the main thread. Each path answers the same
 * requests.
 */
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
 * The worker script's URL as the bundler rewrites it. Vite recognises the
 * `new Worker(new URL(…, import.meta.url), { type: 'module' })` expression and
 * builds the worker as its own file; a local stand-in for Worker only records
 * the URL, so each start-up path below can use it its own way.
 */
function workerScriptUrl(): string {
  let url = '';
  const Worker = class {
    constructor(u: URL | string, _options?: WorkerOptions) {
      url = String(u);
    }
  };
  new Worker(new URL('./finder.worker.ts', import.meta.url), { type: 'module' });
  return url;
}

export async function startFinderBackend(force?: BackendMode): Promise<FinderBackend> {
  const url = workerScriptUrl();
  if (!force || force === 'worker') {
    try {
      const b = workerBackend(new globalThis.Worker(url, { type: 'module' }), 'worker');
      if (await answers(b)) return b;
    } catch {
      /* another origin (a script from a CDN): try a blob: worker */
    }
  }
  if (!force || force === 'blob') {
    try {
      // A blob: worker has the page's origin; it imports the worker script (CORS, as any module from a CDN).
      const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' }));
      const b = workerBackend(new globalThis.Worker(blobUrl, { type: 'module' }), 'blob');
      if (await answers(b)) return b;
    } catch {
      /* a CSP without worker-src blob:, or no workers at all */
    }
  }
  return mainThreadBackend();
}
