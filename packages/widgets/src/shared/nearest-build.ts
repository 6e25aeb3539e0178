/**
 * The nearby points' tree built off the page for a large set of points
 * (nearest.worker.ts), for the records searched on the page (nearby-local.ts).
 * Apart from nearest.ts, so that the search worker, which builds its tree where
 * it is, does not carry this worker's starter.
 */
import KDBush from 'kdbush';
import type { Location } from '@ess-widgets/core/data';
import { startWorker } from '@ess-widgets/core/worker-start';
import { NearestIndex } from './nearest.js';

/**
 * From this many points the tree is built in a worker (nearest.worker.ts) where one can start:
 * kdbush's sort of the sample's 5,869 points is one task of about 100 ms on Lighthouse's mobile
 * preset (the CPU four times slower); starting the worker costs a few milliseconds.
 */
export const BUILD_OFF_THREAD_FROM = 2_000;

/** The literal form bundlers recognise and rewrite (core's worker-start.ts). */
function startTreeWorker(): Worker {
  return new Worker(new URL('./nearest.worker.js', import.meta.url), { type: 'module' });
}

/** The tree's buffer, built by a worker from the points' coordinates; undefined when no worker can start. */
async function treeOffThread(items: readonly Pick<Location, 'lat' | 'lon'>[]): Promise<KDBush | undefined> {
  const started = await startWorker(startTreeWorker);
  if (!started) return undefined;
  const coords = new Float64Array(items.length * 2);
  items.forEach((it, i) => {
    coords[2 * i] = it.lon;
    coords[2 * i + 1] = it.lat;
  });
  const w = started.worker;
  try {
    const data = await new Promise<ArrayBuffer>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<ArrayBuffer>) => resolve(e.data);
      w.onerror = (e) => (e.preventDefault(), reject(new Error(e.message)));
      w.postMessage(coords, [coords.buffer]);
    });
    return KDBush.from(data);
  } catch {
    return undefined;
  } finally {
    w.terminate();
  }
}

/** The index, its tree built in a worker from BUILD_OFF_THREAD_FROM points (here when no worker can start). */
export async function buildNearest<T extends Pick<Location, 'lat' | 'lon'>>(items: readonly T[]): Promise<NearestIndex<T>> {
  return new NearestIndex(items, items.length >= BUILD_OFF_THREAD_FROM ? await treeOffThread(items) : undefined);
}
