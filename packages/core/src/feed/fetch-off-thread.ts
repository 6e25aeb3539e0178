/**
 * Downloading a locations file in a worker (fetch.worker.ts), for the loader,
 * which loads this module with a dynamic import only for such a file. Started by worker-start.ts: a module worker, else blob:,
 * else undefined, and the loader reads the body on the main thread as before.
 */
import { startWorker } from '../worker-start.js';

/** What the loader asks of the worker. */
export interface FetchJob {
  url: string;
  cache: RequestCache;
  /** Milliseconds without a byte before the request is abandoned. */
  timeout: number;
  accept: string;
  /**
   * Where to send a copy of the body as it arrives (a reader that parses while it downloads: the
   * shop finder's worker): parts of about a megabyte (ArrayBuffer), then `{ end: true, complete }`,
   * `complete` false when the body did not arrive whole.
   */
  parts?: MessagePort;
}

/** The last message on FetchJob's `parts` port. */
export interface PartsEnd {
  end: true;
  complete: boolean;
}

/** Bytes to gzip and send back (a large feed document the page read, for its saved copy). */
export interface GzipJob {
  gzip: ArrayBuffer;
}

/** What the worker answers: `ready` once started, `progress` now and then, then one of the others. */
export type FetchReply =
  | { type: 'ready' }
  | { type: 'progress'; loaded: number; total?: number }
  | { type: 'done'; bytes: ArrayBuffer; loaded: number; total?: number }
  | { type: 'gzipped'; bytes?: ArrayBuffer; original?: ArrayBuffer }
  | { type: 'http'; status: number; statusText: string }
  | { type: 'cut'; received: number; total: number }
  /** Larger than MAX_DOCUMENT_BYTES: announced so (`total`), or more than that arrived; the download was stopped. */
  | { type: 'too-large'; total?: number }
  | { type: 'timeout' }
  | { type: 'network'; message: string };

/** What the page tells the worker of the copy it kept, once `done`: gzip it (for the saved copy), or drop it. */
export type KeptCopy = { type: 'gzip' } | { type: 'drop' };

/**
 * How the download ended. Once `done`, `gzip()` gives the same bytes gzipped by the worker (for the
 * saved copy), or undefined; `drop()` tells it they are not needed. Either ends the worker; the
 * first call decides.
 */
export type FetchOutcome =
  | (Extract<FetchReply, { type: 'done' }> & { gzip(): Promise<ArrayBuffer | undefined>; drop(): void })
  | Exclude<FetchReply, { type: 'ready' } | { type: 'progress' } | { type: 'done' } | { type: 'gzipped' }>;

/** The literal form bundlers recognise and rewrite (worker-start.ts). */
function startModuleWorker(): Worker {
  return new Worker(new URL('./fetch.worker.js', import.meta.url), { type: 'module' });
}

/** A started download worker: `fetch` runs one download and ends the worker. */
export interface DownloadWorker {
  fetch(job: FetchJob, onProgress: (loaded: number, total?: number) => void): Promise<FetchOutcome>;
}

/** A worker ready to download, or undefined when no worker can start (the caller reads the body itself). */
export async function downloadWorker(): Promise<DownloadWorker | undefined> {
  const w = (await startWorker(startModuleWorker))?.worker;
  if (!w) return undefined;
  return {
    fetch: (job, onProgress) =>
      new Promise<FetchOutcome>((resolve) => {
        let gzipped: ((z: ArrayBuffer | undefined) => void) | undefined;
        let ended = false;
        const end = (z?: ArrayBuffer) => {
          ended = true;
          w.terminate();
          gzipped?.(z);
        };
        let asked: Promise<ArrayBuffer | undefined> | undefined;
        // Asked after the worker ended (its copy was small, or dropped unasked): nothing gzipped.
        const ask = (m: KeptCopy) =>
          (asked ??= ended
            ? Promise.resolve(undefined)
            : new Promise((r) => {
                gzipped = r;
                w.postMessage(m);
              }));
        w.onmessage = (e: MessageEvent<FetchReply>) => {
          const m = e.data;
          // ('ready' came before: startWorker waited for it.)
          if (m.type === 'progress') return onProgress(m.loaded, m.total);
          if (m.type === 'gzipped') return end(m.bytes);
          if (m.type === 'done') {
            // The worker holds its copy until asked to gzip or drop it; it ends once it answers.
            return resolve({ ...m, gzip: () => ask({ type: 'gzip' }), drop: () => void ask({ type: 'drop' }) });
          }
          end();
          resolve(m as FetchOutcome);
        };
        w.onerror = (e) => {
          e.preventDefault();
          end();
          resolve({ type: 'network', message: e.message || 'the download worker failed' });
        };
        w.postMessage(job, job.parts ? [job.parts] : []);
      }),
  };
}

/**
 * `bytes` gzipped in a worker, moved there and back (`original`: the same bytes, now the caller's
 * again); undefined when no worker starts, and the caller still has `bytes`. Compressing 7 MB with
 * CompressionStream on the page was one task of about 115 ms here, 27 MB one of 300 ms.
 */
export async function gzipOffThread(bytes: ArrayBuffer): Promise<{ gzipped?: ArrayBuffer; original: ArrayBuffer } | undefined> {
  const w = (await startWorker(startModuleWorker))?.worker;
  if (!w) return undefined;
  return new Promise((resolve) => {
    w.onmessage = (e: MessageEvent<FetchReply>) => {
      w.terminate();
      const m = e.data;
      resolve(m.type === 'gzipped' && m.original ? { gzipped: m.bytes, original: m.original } : undefined);
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      resolve(undefined);
    };
    w.postMessage({ gzip: bytes } satisfies GzipJob, [bytes]);
  });
}
