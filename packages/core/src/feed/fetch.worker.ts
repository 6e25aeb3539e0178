/// <reference lib="webworker" />
// Downloads one large file off the page's main thread (fetch-off-thread.ts
// starts it): a body of tens of megabytes read on the main thread costs the
// page tasks of 100 ms and more in the browser's own code, whatever the page
// does with it; read here, it reaches the page as one transferred buffer.
// Then, when asked, it gzips a copy for the page's saved copy (cache.ts),
// which would otherwise compress it on the main thread: only when asked, once
// the reader has checked the bytes, so a reader that stores the copy itself (the
// shop finder's worker) or finds it unusable costs no compression, and none
// runs while the page's threads parse. It also gzips bytes the page read itself (GzipJob).
import type { FetchJob, FetchReply, GzipJob, KeptCopy, PartsEnd } from './fetch-off-thread.js';
import { announcedTotal, COMPRESS_ABOVE, gzip, joinParts, MAX_SAVED_BYTES, readParts, refuseTooLarge, TooLarge } from './body.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (m: FetchReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

scope.onmessage = async (e: MessageEvent<FetchJob | GzipJob>) => {
  // Bytes the page read itself (a large feed document), to gzip here for its saved copy: sent back with them.
  if ('gzip' in e.data) {
    const bytes = e.data.gzip;
    const z = await gzip(new Uint8Array(bytes)).catch(() => undefined);
    return reply({ type: 'gzipped', bytes: z || undefined, original: bytes }, z ? [z, bytes] : [bytes]);
  }
  const { url, cache, timeout, accept, parts: tap } = e.data;
  // A copy for a reader that parses as the body arrives, a megabyte at a time (fewer, larger messages).
  let waiting: Uint8Array[] = [];
  let waitingBytes = 0;
  const pass = (force: boolean) => {
    if (!tap || !waitingBytes || (!force && waitingBytes < 1 << 20)) return;
    const copy = new Uint8Array(waitingBytes);
    let at = 0;
    for (const p of waiting) {
      copy.set(p, at);
      at += p.byteLength;
    }
    waiting = [];
    waitingBytes = 0;
    tap.postMessage(copy.buffer, [copy.buffer]);
  };
  const endParts = (complete: boolean) => {
    if (!tap) return;
    if (complete) pass(true);
    tap.postMessage({ end: true, complete } satisfies PartsEnd);
    tap.close();
  };
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
  };
  arm();
  try {
    const res = await fetch(url, { signal: controller.signal, cache, credentials: 'omit', headers: { accept } });
    if (!res.ok) {
      endParts(false);
      return reply({ type: 'http', status: res.status, statusText: res.statusText });
    }
    arm();
    const total = announcedTotal(res.headers);
    // Too large to read in a browser: stopped at once, or as soon as that much has arrived (readParts).
    refuseTooLarge(total);
    let told = 0;
    const { parts, received } = await readParts(res.body!.getReader(), (n, part) => {
      arm();
      if (tap) {
        waiting.push(part);
        waitingBytes += part.byteLength;
        pass(false);
      }
      const now = performance.now();
      if (now - told < 100) return;
      told = now;
      reply({ type: 'progress', loaded: n, total });
    });
    endParts(total === undefined || received >= total);
    if (total !== undefined && received < total) return reply({ type: 'cut', received, total });
    const bytes = await joinParts(parts);
    // A copy stays here, to be gzipped for the page's saved copy if the reader asks (or dropped);
    // none for a file larger than the store keeps (it would be held for nothing).
    let keep = bytes.byteLength >= COMPRESS_ABOVE && bytes.byteLength <= MAX_SAVED_BYTES ? new Uint8Array(bytes.slice(0)) : undefined;
    reply({ type: 'done', bytes, loaded: received, total }, [bytes]);
    if (!keep) return reply({ type: 'gzipped' });
    // Unasked for a minute (the body was never read): the copy is not held any longer.
    const unasked = setTimeout(() => settle({ type: 'drop' }), 60_000);
    const settle = async (m: KeptCopy) => {
      clearTimeout(unasked);
      const copy = keep;
      keep = undefined;
      scope.onmessage = null;
      const z = m.type === 'gzip' && copy ? await gzip(copy).catch(() => undefined) : undefined;
      reply({ type: 'gzipped', bytes: z || undefined }, z ? [z] : []);
    };
    scope.onmessage = (e: MessageEvent<KeptCopy>) => void settle(e.data);
  } catch (err) {
    endParts(false);
    if (err instanceof TooLarge) {
      controller.abort();
      return reply({ type: 'too-large', total: err.total });
    }
    reply(timedOut ? { type: 'timeout' } : { type: 'network', message: err instanceof Error ? err.message : String(err) });
  } finally {
    clearTimeout(timer);
  }
};
reply({ type: 'ready' });
