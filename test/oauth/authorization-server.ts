import { join } from 'node:path';

export { fixtureClients, fixtureRedirectUri } from './fixture-clients.ts';

/** A running authorization server; `await using` stops it. */
export interface AuthorizationServer extends AsyncDisposable {
  /** e.g. `http://127.0.0.1:41234`; `/auth`, `/token` and `/me` live under it. */
  readonly issuer: string;
  /** What the server wrote on stderr so far (oidc-provider's notices and errors). */
  stderr(): string;
}

/** Starts oidc-provider as its own process (`authorization-server-fixture.ts`) on a free loopback port. */
export async function startAuthorizationServer(): Promise<AuthorizationServer> {
  const child = Bun.spawn([process.execPath, join(import.meta.dir, 'authorization-server-fixture.ts')], {
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  let stderr = '';
  void (async () => {
    for await (const chunk of child.stderr) stderr += new TextDecoder().decode(chunk);
  })();
  const reader = child.stdout.getReader();
  let buffered = '';
  while (!buffered.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The authorization server fixture exited before it was ready:\n${stderr}`);
    buffered += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const { issuer } = JSON.parse(buffered.slice(0, buffered.indexOf('\n'))) as { issuer: string };
  return {
    issuer,
    stderr: () => stderr,
    async [Symbol.asyncDispose]() {
      child.kill();
      await child.exited;
    },
  };
}

/** A browser's cookie jar, just enough for one sign-in on one host. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Plays the person in the browser: opens the authorization URL, signs in as `login` and consents on
 * oidc-provider's development interaction pages, following redirects by hand with cookies, and
 * returns the URL the server finally redirects to (the redirect URI with `code` and `state`).
 */
export async function signInAndConsent(authorizationUrl: string, login = 'alice'): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, { method, redirect: 'manual', headers: { cookie: jar.header() }, ...(body ? { body } : {}) });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== url.origin && !next.pathname.startsWith('/interaction')) return next;
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200 || !url.pathname.startsWith('/interaction/')) {
      throw new Error(`Unexpected ${response.status} from ${url.pathname} during sign-in:\n${page.slice(0, 500)}`);
    }
    // A login or consent page: submit it the way its form would.
    const prompt = page.includes('name="login"') ? 'login' : 'consent';
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    method = 'POST';
  }
  throw new Error('Sign-in did not reach the redirect URI within 20 steps.');
}
