/// <reference lib="webworker" />
// Downloads one large file off the page's main thread (fetch-off-thread.ts
// starts it): a body of tens of megabytes read on the main thread costs the
// page tasks of 100 ms and more in the browser's own code, whatever the page
// does with it; read here, it reaches the page as one transferred buffer.
import type { FetchJob, FetchReply } from './fetch-off-thread.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (m: FetchReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

scope.onmessage = async (e: MessageEvent<FetchJob>) => {
  const { url, cache, timeout, accept } = e.data;
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
    if (!res.ok) return reply({ type: 'http', status: res.status, statusText: res.statusText });
    arm();
    const length = Number(res.headers.get('content-length'));
    const total = length > 0 && !res.headers.get('content-encoding') ? length : undefined;
    const parts: Uint8Array[] = [];
    let received = 0;
    let told = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arm();
      parts.push(value);
      received += value.byteLength;
      const now = performance.now();
      if (now - told >= 100) {
        told = now;
        reply({ type: 'progress', loaded: received, total });
      }
    }
    if (total !== undefined && received < total) return reply({ type: 'cut', received, total });
    const out = new Uint8Array(received);
    let at = 0;
    for (const part of parts.splice(0)) {
      out.set(part, at);
      at += part.byteLength;
    }
    reply({ type: 'done', bytes: out.buffer, loaded: received, total }, [out.buffer]);
  } catch (err) {
    reply(timedOut ? { type: 'timeout' } : { type: 'network', message: err instanceof Error ? err.message : String(err) });
  } finally {
    clearTimeout(timer);
  }
};
reply({ type: 'ready' });
