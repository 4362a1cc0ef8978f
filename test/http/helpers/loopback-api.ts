import { createServer, type Socket } from 'node:net';

/** A loopback API for tests: counts the requests per path and answers with `respond`. */
export interface LoopbackApi extends Disposable {
  url: string;
  /** Requests seen per path. */
  hits: Map<string, number>;
  /** Requests in flight right now, and the most seen at once. */
  inFlight: { now: number; peak: number };
  /** Every request seen, in order. */
  requests: { method: string; path: string; search: string; headers: Headers; body: string }[];
}

/** Starts `Bun.serve` on 127.0.0.1, port 0; `respond` gets the request and its 1-based count on that path. */
export function startLoopbackApi(respond: (request: Request, hit: number, url: URL) => Response | Promise<Response>): LoopbackApi {
  const hits = new Map<string, number>();
  const inFlight = { now: 0, peak: 0 };
  const requests: LoopbackApi['requests'] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    idleTimeout: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const hit = (hits.get(url.pathname) ?? 0) + 1;
      hits.set(url.pathname, hit);
      inFlight.now += 1;
      inFlight.peak = Math.max(inFlight.peak, inFlight.now);
      try {
        requests.push({ method: request.method, path: url.pathname, search: url.search, headers: request.headers, body: await request.clone().text() });
        return await respond(request, hit, url);
      } finally {
        inFlight.now -= 1;
      }
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    hits,
    inFlight,
    requests,
    [Symbol.dispose]: () => void server.stop(true),
  };
}

/** A TCP server that accepts connections and resets them as soon as a request arrives. */
export async function startResettingServer(): Promise<{ url: string; connections: number } & AsyncDisposable> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', () => socket.resetAndDestroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return state.connections;
    },
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on which nothing listens (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
