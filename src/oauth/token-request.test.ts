import { describe, expect, test } from 'bun:test';
import { dispatch } from '../dispatch/dispatch.ts';
import { createIntegration } from '../integration/create-integration.ts';
import { oauth as oauthExtension } from './oauth-extension.ts';
import type { OAuthSettings } from './types.ts';

/** What the fake token endpoint saw of one request. */
interface Seen {
  method: string;
  query: Record<string, string>;
  contentType: string | null;
  accept: string | null;
  authorization: string | null;
  body: string;
}

/** A token endpoint on a free loopback port that answers with `answer` and records every request. */
function tokenEndpoint(answer: (request: Request) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname === '/elsewhere') return new Response('should not be reached', { status: 500 });
      seen.push({
        method: request.method,
        query: Object.fromEntries(url.searchParams),
        contentType: request.headers.get('content-type'),
        accept: request.headers.get('accept'),
        authorization: request.headers.get('authorization'),
        body: await request.text(),
      });
      return answer(request);
    },
  });
  const url = `http://127.0.0.1:${server.port}/oauth/token`;
  return { url, seen, [Symbol.asyncDispose]: () => server.stop(true) };
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const ok = () => json({ access_token: 'access-1', token_type: 'Bearer', refresh_token: 'refresh-1', expires_in: 60 });

async function refresh(oauth: Omit<OAuthSettings, 'tokenUrl'>, tokenUrl: string, include_raw_data = false) {
  const integration = createIntegration({
    appId: 'acme',
    version: '1.0.0',
    description: { userFriendlyName: 'Acme', categories: ['DEVELOPERS'] },
    auth: 'oauth',
    extensions: [oauthExtension({ authorizationUrl: 'https://auth.acme.test/authorize', ...oauth, tokenUrl })],
  });
  const request = { client_id: 'client-1', client_secret: 'client-secret-1', refresh_token: 'refresh-token-old' };
  return (await dispatch(integration, 'refresh_access_token', JSON.stringify({ request, include_raw_data }))).envelope as any;
}

describe('token request shapes', () => {
  test('default: a form POST with the client secret in the body, asking for JSON', async () => {
    await using endpoint = tokenEndpoint(ok);
    expect((await refresh({}, endpoint.url)).response).toEqual({ access_token: 'access-1', refresh_token: 'refresh-1', token_type: 'bearer' });
    const [seen] = endpoint.seen;
    expect(seen).toMatchObject({
      method: 'POST',
      query: {},
      contentType: 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: null,
    });
    expect(Object.fromEntries(new URLSearchParams(seen!.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-token-old',
      client_id: 'client-1',
      client_secret: 'client-secret-1',
    });
  });

  test('CLIENT_SECRET_BASIC sends the id and secret as HTTP Basic only', async () => {
    await using endpoint = tokenEndpoint(ok);
    await refresh({ clientAuth: 'CLIENT_SECRET_BASIC' }, endpoint.url);
    const [seen] = endpoint.seen;
    expect(seen!.authorization).toBe(`Basic ${btoa('client-1:client-secret-1')}`);
    expect(Object.fromEntries(new URLSearchParams(seen!.body))).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-token-old' });
  });

  test('JSON sends a JSON body', async () => {
    await using endpoint = tokenEndpoint(ok);
    await refresh({ requestType: { data: 'JSON' } }, endpoint.url);
    const [seen] = endpoint.seen;
    expect(seen!.contentType).toBe('application/json');
    expect(JSON.parse(seen!.body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-token-old',
      client_id: 'client-1',
      client_secret: 'client-secret-1',
    });
  });

  test.each([
    ['POST', 'QUERY'],
    ['GET', 'QUERY'],
    ['GET', 'FORMDATA'],
    ['GET', 'JSON'],
  ] as const)('%s with %s data sends the parameters in the query string and no body', async (method, data) => {
    await using endpoint = tokenEndpoint(ok);
    await refresh({ requestType: { method, data } }, `${endpoint.url}?tenant=t1`);
    const [seen] = endpoint.seen;
    expect(seen).toMatchObject({ method, body: '', contentType: null });
    expect(seen!.query).toEqual({
      tenant: 't1',
      grant_type: 'refresh_token',
      refresh_token: 'refresh-token-old',
      client_id: 'client-1',
      client_secret: 'client-secret-1',
    });
  });
});

describe('token endpoint answers', () => {
  test('raw_data is the whole answer when asked for, null otherwise', async () => {
    await using endpoint = tokenEndpoint(() => json({ access_token: 'a', token_type: 'bearer', scope: 'x y', extra: { nested: true } }));
    expect((await refresh({}, endpoint.url, true)).raw_data).toEqual({ access_token: 'a', token_type: 'bearer', scope: 'x y', extra: { nested: true } });
    expect((await refresh({}, endpoint.url, false)).raw_data).toBeNull();
  });

  test.each([
    [undefined, 'bearer'],
    ['Bearer', 'bearer'],
    ['BEARER', 'bearer'],
  ])('token_type %p becomes %p', async (tokenType, expected) => {
    await using endpoint = tokenEndpoint(() => json({ access_token: 'a', ...(tokenType ? { token_type: tokenType } : {}) }));
    expect((await refresh({}, endpoint.url)).response).toEqual({ access_token: 'a', token_type: expected });
  });

  test('a token type other than bearer is refused clearly', async () => {
    await using endpoint = tokenEndpoint(() => json({ access_token: 'a', token_type: 'MAC' }));
    expect((await refresh({}, endpoint.url)).error).toMatchObject({
      error_code: 'unexpected_error',
      message: `[200][${endpoint.url}] The token endpoint issued a 'mac' token; Lumos accepts bearer tokens only.`,
    });
  });

  test('an answer without access_token is api_error naming what it had', async () => {
    await using endpoint = tokenEndpoint(() => json({ token_type: 'bearer', expires_in: 5 }));
    expect((await refresh({}, endpoint.url)).error).toMatchObject({
      error_code: 'api_error',
      message: `[200][${endpoint.url}] OAuth request failed: the answer has no access_token (its keys: token_type, expires_in).`,
    });
  });

  test('a form-encoded answer is read too', async () => {
    await using endpoint = tokenEndpoint(
      () => new Response('access_token=form-token&token_type=bearer&scope=repo', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    expect((await refresh({}, endpoint.url)).response).toEqual({ access_token: 'form-token', token_type: 'bearer' });
  });

  test('the state of the answer is kept', async () => {
    await using endpoint = tokenEndpoint(() => json({ access_token: 'a', state: 'st-1' }));
    expect((await refresh({}, endpoint.url)).response).toEqual({ access_token: 'a', token_type: 'bearer', state: 'st-1' });
  });
});

describe('token endpoint errors', () => {
  test.each([
    [() => json({ error: 'invalid_grant', error_description: 'Refresh token expired' }, 400), 400, 'invalid_grant: Refresh token expired'],
    [() => json({ error: 'invalid_client' }, 401), 401, 'invalid_client'],
    [() => json({ message: 'Forbidden for this tenant' }, 403), 403, '{"message":"Forbidden for this tenant"}'],
    [() => new Response('upstream broke\n', { status: 500 }), 500, 'upstream broke'],
    [() => new Response(null, { status: 503 }), 503, '(empty body)'],
    // GitHub and others answer 200 with an OAuth error object.
    [
      () => json({ error: 'bad_refresh_token', error_description: 'The refresh token passed is incorrect or expired.' }),
      200,
      'bad_refresh_token: The refresh token passed is incorrect or expired.',
    ],
    [() => new Response('<html>login</html>', { status: 200 }), 200, 'the answer is not a JSON object: <html>login</html>'],
  ] as const)('%#: [status][url] OAuth request failed: …', async (response, status, detail) => {
    await using endpoint = tokenEndpoint(response);
    expect((await refresh({}, endpoint.url)).error).toEqual({
      message: `[${status}][${endpoint.url}] OAuth request failed: ${detail}`,
      status_code: status,
      app_error_code: null,
      error_code: 'api_error',
      app_id: 'acme',
      raised_by: 'ConnectorError',
      raised_in: 'connector-sdk.oauth:refresh_access_token',
    });
  });

  test('a redirect is not followed: the secret is not sent elsewhere', async () => {
    await using endpoint = tokenEndpoint((request) => new Response(null, { status: 307, headers: { location: new URL('/elsewhere', request.url).href } }));
    const error = (await refresh({}, endpoint.url)).error;
    expect(error).toMatchObject({ error_code: 'api_error', status_code: 307, message: `[307][${endpoint.url}] OAuth request failed: (empty body)` });
    expect(endpoint.seen).toHaveLength(1);
  });

  test('secrets the endpoint echoes back are masked, and the query string is left out of the URL', async () => {
    await using endpoint = tokenEndpoint(() =>
      json({ error: 'invalid_request', error_description: 'bad client_secret=client-secret-1 for refresh_token refresh-token-old' }, 400),
    );
    const error = (await refresh({ requestType: { data: 'QUERY' } }, endpoint.url)).error;
    expect(error.message).toBe(`[400][${endpoint.url}] OAuth request failed: invalid_request: bad client_secret=REDACTED for refresh_token REDACTED`);
  });

  test('an endpoint that cannot be reached is api_error saying what to check', async () => {
    const closed = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response() });
    const url = `http://127.0.0.1:${closed.port}/token`;
    await closed.stop(true);
    const error = (await refresh({ requestType: { data: 'QUERY' } }, url)).error;
    expect(error.error_code).toBe('api_error');
    expect(error.status_code).toBeNull();
    expect(error.message).toStartWith(`Failed to reach the OAuth token endpoint ${url} (`);
    expect(error.message).toEndWith("Check the token URL in the connector's OAuth settings and that this host can reach it.");
    expect(error.message).not.toContain('client-secret-1');
  });
});
