/**
 * Starting a module worker wherever the page allows one, for every worker of
 * the suite (the loader's download worker, the finder's index, the nearby
 * points' tree): the module worker from the script's own origin; else (a
 * script from a CDN is cross-origin, and `new Worker()` refuses it) the same
 * worker from a blob: URL, which has the page's origin and imports the script;
 * else undefined, and the caller does the work on the main thread.
 *
 * A blob: worker refused once (a CSP without `worker-src blob:`) is
 * remembered on the page's global, so that every element, every worker and
 * every copy of the suite try it once: a strict CSP then reports one
 * violation, not one per worker.
 */
const REFUSED = Symbol.for('ess-widgets.blob-worker-refused');
type Flagged = typeof globalThis & { [REFUSED]?: boolean };

/** Whether a blob: worker was refused on this page already. */
export const workerRefused = (): boolean => !!(globalThis as Flagged)[REFUSED];

/** Remembers that a blob: worker was refused on this page. */
export const markWorkerRefused = (): void => void ((globalThis as Flagged)[REFUSED] = true);

/**
 * The URL `start` gives its worker, as the bundler rewrote it: `start` runs
 * once against a stand-in for the global `Worker` that only records its URL
 * (synchronously, then put back).
 */
export function workerScriptUrl(start: () => Worker): string {
  const real = globalThis.Worker;
  let url = '';
  globalThis.Worker = class {
    constructor(u: URL | string) {
      url = String(u);
    }
  } as unknown as typeof Worker;
  try {
    start();
  } finally {
    globalThis.Worker = real;
  }
  return url;
}

/** Resolves true once a worker posts `{ type: 'ready' }`, false when it fails to load (or after 10 s). */
export function saysReady(w: Worker): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), 10_000);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      w.onmessage = null;
      w.onerror = null;
      resolve(ok);
    };
    w.onmessage = (e: MessageEvent<{ type?: string }>) => e.data?.type === 'ready' && done(true);
    w.onerror = (e) => {
      e.preventDefault();
      done(false);
    };
  });
}

/**
 * Starts the worker `start` names (a function holding the literal
 * `new Worker(new URL(…, import.meta.url), { type: 'module' })` form that
 * bundlers recognise and rewrite), or its blob: twin; `answers` tells whether a
 * started worker really runs (a refused blob: worker fails only when it
 * loads). Undefined when no worker can run here.
 */
export async function startWorker(
  start: () => Worker,
  answers: (w: Worker) => Promise<boolean> = saysReady,
  /** One way only (tests, and the finder's `index-mode`). */
  only?: 'worker' | 'blob',
): Promise<{ worker: Worker; mode: 'worker' | 'blob' } | undefined> {
  if (typeof Worker === 'undefined') return undefined;
  let crossOrigin = false;
  if (only !== 'blob') {
    try {
      const worker = start();
      if (await answers(worker)) return { worker, mode: 'worker' };
      worker.terminate();
    } catch {
      crossOrigin = true;
    }
  }
  if (only === 'worker' || (only !== 'blob' && workerRefused())) return undefined;
  try {
    const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(workerScriptUrl(start))};`], { type: 'text/javascript' }));
    const worker = new Worker(blobUrl, { type: 'module' });
    const ok = await answers(worker);
    URL.revokeObjectURL(blobUrl);
    if (ok) return { worker, mode: 'blob' };
    worker.terminate();
  } catch {
    /* no workers here */
  }
  // From another origin the blob: worker was the only way: refused by the page's CSP (or failing to load).
  if (crossOrigin) markWorkerRefused();
  return undefined;
}
