// A real OAuth 2.0 authorization server (oidc-provider) on a free loopback port, for the OAuth tests.
// Run as its own process: it prints one JSON line `{"issuer": …}` on stdout when ready and serves
// until stdin closes or it is killed. oidc-provider's own notices go to stderr.
//
// Besides oidc-provider's endpoints it serves `/lenient/token`, a token endpoint in the style of
// vendors that also accept GET, query-string and JSON token requests: it gathers the parameters
// from wherever they came and forwards them, as a form, to oidc-provider's real `/token`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type FixtureClient } from 'oidc-provider';
import { fixtureClients, fixtureRedirectUri } from './fixture-clients.ts';

for (const method of ['log', 'info', 'warn', 'debug'] as const) {
  // stdout carries the ready line only.
  console[method] = (...args: unknown[]) => console.error(...args);
}

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const issuer = `http://127.0.0.1:${port}`;

const scope = 'openid offline_access api:read api:write';
const common = {
  grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
  response_types: ['code'],
  redirect_uris: [fixtureRedirectUri],
  scope,
};

const provider = new Provider(issuer, {
  clients: [
    { ...common, ...fixtureClients.post, token_endpoint_auth_method: 'client_secret_post' },
    { ...common, ...fixtureClients.basic, token_endpoint_auth_method: 'client_secret_basic' },
    { ...common, ...fixtureClients.special, token_endpoint_auth_method: 'client_secret_basic' },
  ],
  scopes: scope.split(' '),
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: true },
  },
  // PKCE is optional for these confidential clients, so both flows can be exercised.
  pkce: { required: () => false },
  issueRefreshToken: async (_ctx: unknown, client: FixtureClient) => client.grantTypeAllowed('refresh_token'),
  findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
  cookies: { keys: ['fixture-cookie-key-not-a-secret'] },
});
provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));

const callback = provider.callback();
server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', issuer);
  if (url.pathname === '/lenient/token') {
    lenientToken(req, res, url).catch((error: unknown) => {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
    });
    return;
  }
  callback(req, res);
});

async function lenientToken(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  const fromBody = !text
    ? {}
    : type.startsWith('application/json')
      ? (JSON.parse(text) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(text));
  const params = new URLSearchParams({ ...Object.fromEntries(url.searchParams), ...fromBody });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (req.headers.authorization) headers['authorization'] = req.headers.authorization;
  const forwarded = await fetch(`${issuer}/token`, { method: 'POST', headers, body: params.toString() });
  const answer = (await forwarded.json()) as Record<string, unknown>;
  // Where the parameters came from (names only), for the tests to check the request's shape.
  answer['received'] = {
    method: req.method,
    content_type: type || null,
    query: [...url.searchParams.keys()].sort(),
    body: Object.keys(fromBody).sort(),
    basic: req.headers.authorization?.startsWith('Basic ') ?? false,
  };
  res.statusCode = forwarded.status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(answer));
}

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
