import { join } from 'node:path';

/** A running SCIM test server (scim-server-fixture.ts in its own process). */
export interface ScimServer extends AsyncDisposable {
  /** The SCIM base URL, `http://127.0.0.1:<port>`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * What the server variant can do: PATCH (default on), RFC 9865 cursor paging instead of startIndex
 * (default off), ETags with `If-Match` on PUT (default off), and, with ETags, another
 * administrator editing a User between the connector's read and its first conditional PUT, and
 * Group answers without members (default off). Every variant also takes a token scoped to Users only.
 */
export interface ScimServerOptions {
  patch?: boolean;
  cursor?: boolean;
  etag?: boolean;
  concurrentEdit?: boolean;
  hideMembers?: boolean;
  /** Refuse (400 invalidValue) a User with two e-mail addresses of the same type, or one at `refused.test`. */
  oneEmailPerType?: boolean;
  /** Users carry no `groups` attribute, and the User schema in /Schemas has none. */
  noUserGroups?: boolean;
}

/** Starts a seeded SCIM server on a free loopback port and waits until it listens. */
export async function startScimServer(options: ScimServerOptions = {}): Promise<ScimServer> {
  const child = Bun.spawn([process.execPath, join(import.meta.dir, 'scim-server-fixture.ts'), JSON.stringify(options)], {
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const reader = child.stdout.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The SCIM server fixture exited (${await child.exited}): ${await new Response(child.stderr).text()}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const { url } = JSON.parse(text) as { url: string };
  const stop = async () => {
    child.kill();
    await child.exited;
  };
  return { url, stop, [Symbol.asyncDispose]: stop };
}

/** Reads the server directly (not through the connector), to check what a write did. */
export async function scimGet(server: ScimServer, path: string, token: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}
