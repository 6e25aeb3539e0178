/**
 * Reading a large body in a worker (fetch.worker.ts), for the loader: a
 * module worker from the script's own origin; else (a script from a CDN is
 * cross-origin, and `new Worker()` refuses it) the same worker from a blob:
 * URL; else (a CSP without `worker-src blob:`, no workers) undefined, and the
 * loader reads the body on the main thread as before. A refused blob: worker
 * is remembered for the page (worker-refused.ts), so that a strict CSP
 * reports one violation, not one per download. Loaded by the loader with a dynamic
 * import, only for a body of SLICE_ABOVE bytes or more.
 */

/** What the loader asks of the worker. */
export interface FetchJob {
  url: string;
  cache: RequestCache;
  /** Milliseconds without a byte before the request is abandoned. */
  timeout: number;
  accept: string;
}

/** What the worker answers: `ready` once started, `progress` now and then, then one of the others. */
export type FetchReply =
  | { type: 'ready' }
  | { type: 'progress'; loaded: number; total?: number }
  | { type: 'done'; bytes: ArrayBuffer; loaded: number; total?: number }
  | { type: 'http'; status: number; statusText: string }
  | { type: 'cut'; received: number; total: number }
  | { type: 'timeout' }
  | { type: 'network'; message: string };

export type FetchOutcome = Exclude<FetchReply, { type: 'ready' } | { type: 'progress' }>;

/** The literal form bundlers recognise and rewrite (see the finder's finder-client.ts). */
function startModuleWorker(): Worker {
  return new Worker(new URL('./fetch.worker.js', import.meta.url), { type: 'module' });
}

/** The worker script's URL as the bundler rewrote it: the expression above, run against a stand-in. */
function workerScriptUrl(): string {
  const real = globalThis.Worker;
  let url = '';
  globalThis.Worker = class {
    constructor(u: URL | string) {
      url = String(u);
    }
  } as unknown as typeof Worker;
  try {
    startModuleWorker();
  } finally {
    globalThis.Worker = real;
  }
  return url;
}

/** Resolves with the worker once it says it is ready, or undefined when it fails to load. */
function whenReady(w: Worker): Promise<Worker | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), 10_000);
    const done = (v: Worker | undefined) => {
      clearTimeout(timer);
      w.onmessage = null;
      w.onerror = null;
      if (!v) w.terminate();
      resolve(v);
    };
    w.onmessage = (e: MessageEvent<FetchReply>) => e.data?.type === 'ready' && done(w);
    w.onerror = (e) => {
      e.preventDefault();
      done(undefined);
    };
  });
}

/** The page's memory of a refused blob: worker (worker-refused.ts, passed in by the loader, whose chunk holds it). */
export interface RefusalFlag {
  refused(): boolean;
  refuse(): void;
}

/** Starts the worker, or undefined when none can run here (see the top of this file). */
async function startWorker(flag: RefusalFlag): Promise<Worker | undefined> {
  if (typeof Worker === 'undefined') return undefined;
  let crossOrigin = false;
  try {
    const w = await whenReady(startModuleWorker());
    if (w) return w;
  } catch {
    // Another origin (a script from a CDN): a blob: worker, which has the page's origin and imports the script.
    crossOrigin = true;
  }
  if (flag.refused()) return undefined;
  try {
    const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(workerScriptUrl())};`], { type: 'text/javascript' }));
    const w = await whenReady(new Worker(blobUrl, { type: 'module' }));
    URL.revokeObjectURL(blobUrl);
    if (w) return w;
  } catch {
    /* no workers here */
  }
  // From another origin the blob: worker was the only way: refused by the page's CSP (or failing to load).
  if (crossOrigin) flag.refuse();
  return undefined;
}

/** A started download worker: `fetch` runs one download and ends the worker. */
export interface DownloadWorker {
  fetch(job: FetchJob, onProgress: (loaded: number, total?: number) => void): Promise<FetchOutcome>;
}

/** A worker ready to download, or undefined when no worker can start (the caller reads the body itself). */
export async function downloadWorker(flag: RefusalFlag): Promise<DownloadWorker | undefined> {
  const w = await startWorker(flag);
  if (!w) return undefined;
  return {
    fetch: (job, onProgress) =>
      new Promise<FetchOutcome>((resolve) => {
        w.onmessage = (e: MessageEvent<FetchReply>) => {
          const m = e.data;
          if (m.type === 'progress') return onProgress(m.loaded, m.total);
          if (m.type === 'ready') return;
          w.terminate();
          resolve(m);
        };
        w.onerror = (e) => {
          e.preventDefault();
          w.terminate();
          resolve({ type: 'network', message: e.message || 'the download worker failed' });
        };
        w.postMessage(job);
      }),
  };
}
