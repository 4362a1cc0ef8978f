import type { ApiUser } from './http-connector/src/api-user.ts';

/** The bearer token the fake API expects; anything else is a 401. */
export const fakeApiToken = 'bench-token';

/** A running fake API; `stop()` closes it. */
export interface FakeApi {
  /** The base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** How many accounts it holds. */
  accounts: number;
  /** Bytes of JSON pre-generated for a page of this many items starting at 0 (all pages at that size are alike). */
  pageBytes(limit: number): number;
  stop(): Promise<void>;
}

/** The user at position `index`, deterministic. */
export function fakeUser(index: number): ApiUser {
  const n = String(index).padStart(6, '0');
  return { id: `u${n}`, email: `user${n}@example.com`, first_name: `Given${n}`, last_name: `Family${n}`, username: `user${n}`, active: index % 7 !== 0 };
}

/**
 * Starts a loopback API holding `accounts` users at `GET /users?limit=L[&cursor=c<offset>]`,
 * answering `{ items, next_cursor }`. Every page of every listed limit is built before the server
 * starts, so a request costs a map look-up and a write: the API stays far cheaper than the clients
 * measured against it.
 */
export function startFakeApi(accounts: number, limits: readonly number[]): FakeApi {
  const encoder = new TextEncoder();
  const pages = new Map<string, Uint8Array>();
  for (const limit of limits) {
    for (let offset = 0; offset < accounts; offset += limit) {
      const items = Array.from({ length: Math.min(limit, accounts - offset) }, (_, i) => fakeUser(offset + i));
      const next = offset + limit < accounts ? `c${offset + limit}` : null;
      pages.set(`${limit}|${offset === 0 ? '' : `c${offset}`}`, encoder.encode(JSON.stringify({ items, next_cursor: next })));
    }
  }
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch(request) {
      if (request.headers.get('authorization') !== `Bearer ${fakeApiToken}`) return new Response('{"error":"unauthorized"}', { status: 401 });
      const url = new URL(request.url);
      const page = url.pathname === '/users' ? pages.get(`${url.searchParams.get('limit')}|${url.searchParams.get('cursor') ?? ''}`) : undefined;
      if (page === undefined) return new Response('{"error":"not found"}', { status: 404 });
      return new Response(page, { headers: { 'content-type': 'application/json' } });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    accounts,
    pageBytes: (limit) => pages.get(`${limit}|`)?.byteLength ?? 0,
    stop: () => server.stop(true),
  };
}
