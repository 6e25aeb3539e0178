/// <reference lib="webworker" />
// The shop finder's index, off the main thread: parse, validate, index, answer.
import { createHandler } from './finder-handler.js';
import type { Request } from './finder-protocol.js';

const handle = createHandler();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<{ id: number; req: Request }>) => {
  const { id, req } = e.data;
  try {
    scope.postMessage({ id, ok: true, value: await handle(req) });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
