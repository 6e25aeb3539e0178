/**
 * Whether the host of `url` answers at all: a no-cors request succeeds (with
 * an opaque answer) where CORS is missing, and fails like the first one when
 * the host is down or the connection is cut. This tells a CORS refusal from
 * an unreachable server. The loader imports this module dynamically, only
 * when a request to another origin has failed.
 */
export async function reachable(f: typeof fetch, url: string, timeout: number): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.min(timeout, 5000));
  try {
    await f(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', method: 'HEAD', signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
