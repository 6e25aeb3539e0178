/**
 * A fake network for tests: routes map a URL (absolute or page-relative) to a
 * response, and every request is recorded. Nothing leaves the test page.
 */
export type FakeRoute =
  | { json: unknown; status?: number; delay?: number; headers?: Record<string, string> }
  | { body: string; status?: number; delay?: number; headers?: Record<string, string> }
  | { error: 'network' | 'hang' }
  | ((request: Request) => Response | Promise<Response>);

export interface FakeFetch {
  fetch: typeof fetch;
  /** Every URL requested, in order. */
  requests: string[];
  /** Replaces or adds a route. */
  route(url: string, route: FakeRoute): void;
  /** How many times `url` was requested. */
  count(url: string): number;
}

export function fakeFetch(routes: Record<string, FakeRoute> = {}): FakeFetch {
  const table = new Map<string, FakeRoute>();
  const abs = (u: string) => new URL(u, globalThis.location?.href ?? 'http://localhost/').href;
  for (const [u, r] of Object.entries(routes)) table.set(abs(u), r);
  const requests: string[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = abs(request.url);
    requests.push(url);
    const route = table.get(url);
    if (!route) return new Response('not found', { status: 404, statusText: 'Not Found' });
    if (typeof route === 'function') return route(request);
    if ('error' in route) {
      if (route.error === 'network') throw new TypeError('Failed to fetch');
      return new Promise((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }
    if (route.delay) await new Promise((r) => setTimeout(r, route.delay));
    const body = 'json' in route ? JSON.stringify(route.json) : route.body;
    return new Response(body, { status: route.status ?? 200, headers: { 'content-type': 'application/json', ...route.headers } });
  };
  return {
    fetch: impl as typeof fetch,
    requests,
    route: (u, r) => void table.set(abs(u), r),
    count: (u) => requests.filter((r) => r === abs(u)).length,
  };
}
