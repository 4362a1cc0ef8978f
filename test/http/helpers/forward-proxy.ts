import { connect, createServer, type Server, type Socket } from 'node:net';

/** One request the proxy saw. */
export interface ProxiedRequest {
  /** `CONNECT` for a tunnel, else the forwarded method. */
  method: string;
  /** `host:port` for a tunnel, else the absolute URL. */
  target: string;
  /** Whether the request carried the expected `Proxy-Authorization`. */
  authorized: boolean;
}

/** A loopback forward proxy for tests: tunnels CONNECT, forwards plain HTTP, and checks Proxy-Authorization. */
export interface ForwardProxy extends AsyncDisposable {
  url: string;
  port: number;
  requests: ProxiedRequest[];
}

/**
 * Starts a forward proxy on 127.0.0.1 (port 0). With `credentials`, requests without the matching
 * `Proxy-Authorization: Basic …` get 407.
 */
export async function startForwardProxy(credentials?: { username: string; password: string }): Promise<ForwardProxy> {
  const expected = credentials ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : undefined;
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      client.off('data', onData);
      const head = buffered.subarray(0, end).toString('latin1');
      const rest = buffered.subarray(end + 4);
      const [requestLine = '', ...headerLines] = head.split('\r\n');
      const [method = '', target = ''] = requestLine.split(' ');
      const auth = headerLines
        .find((line) => line.toLowerCase().startsWith('proxy-authorization:'))
        ?.slice('proxy-authorization:'.length)
        .trim();
      const authorized = expected === undefined || auth === expected;
      requests.push({ method, target, authorized });
      if (!authorized) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      if (method === 'CONNECT') {
        const [host = '', port = '443'] = target.split(':');
        const upstream = connect(Number(port), host, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (rest.length > 0) upstream.write(rest);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        track(upstream, client);
        return;
      }
      const url = new URL(target);
      // Forward one request per connection: asking the origin to close keeps the test proxy simple.
      const headers = headerLines.filter((line) => !/^(proxy-authorization|proxy-connection|connection):/i.test(line));
      const upstream = connect(Number(url.port || 80), url.hostname, () => {
        upstream.write(`${method} ${url.pathname}${url.search} HTTP/1.1\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        // Tell the client too, so it does not reuse a connection the proxy is about to close.
        let head = Buffer.alloc(0);
        const onHead = (chunk: Buffer) => {
          head = Buffer.concat([head, chunk]);
          const headEnd = head.indexOf('\r\n\r\n');
          if (headEnd === -1) return;
          upstream.off('data', onHead);
          const lines = head
            .subarray(0, headEnd)
            .toString('latin1')
            .split('\r\n')
            .filter((line) => !/^(connection|keep-alive):/i.test(line));
          client.write(`${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`);
          client.write(head.subarray(headEnd + 4));
          upstream.pipe(client);
        };
        upstream.on('data', onHead);
      });
      track(upstream, client);
    };
    client.on('data', onData);
  });
  const track = (upstream: Socket, client: Socket) => {
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.end();
    });
    upstream.on('error', () => client.destroy());
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const userinfo = credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : '';
  return {
    url: `http://${userinfo}127.0.0.1:${port}`,
    port,
    requests,
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
