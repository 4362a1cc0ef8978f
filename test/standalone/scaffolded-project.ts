import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A scaffolded project's fake API (`test/fake-api-server.ts`) running as its own process. */
export interface FakeApiProcess extends AsyncDisposable {
  url: string;
}

/** Starts `bun test/fake-api-server.ts` in `project` on a free port and waits for the line giving its address. */
export async function startFakeApiProcess(bun: string, project: string, env: Record<string, string | undefined> = process.env): Promise<FakeApiProcess> {
  const child = Bun.spawn([bun, 'test/fake-api-server.ts'], {
    cwd: project,
    env: { ...env, FAKE_API_PORT: '0' },
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'pipe',
  });
  const decoder = new TextDecoder();
  let seen = '';
  for await (const chunk of child.stderr) {
    seen += decoder.decode(chunk, { stream: true });
    const url = /answers at (http:\/\/\S+) /.exec(seen)?.[1];
    if (url) {
      return {
        url,
        [Symbol.asyncDispose]: async () => {
          child.kill();
          await child.exited;
        },
      };
    }
  }
  throw new Error(`the fake API exited ${await child.exited} before giving its address:\n${seen}`);
}

/** Writes a copy of the project's connector-check.json whose base_url is `url`, and returns its path. */
export function fixtureFor(project: string, url: string, path: string): string {
  const fixture = JSON.parse(readFileSync(join(project, 'connector-check.json'), 'utf8')) as { settings: Record<string, unknown> };
  writeFileSync(path, JSON.stringify({ ...fixture, settings: { ...fixture.settings, base_url: url } }));
  return path;
}

/** A cassette without what changes from one recording to the next (the server's port, the Date header). */
export function stableCassette(text: string): unknown {
  const cassette = JSON.parse(text) as { interactions: { request: { url: string }; response: { headers: Record<string, string> } }[] };
  return cassette.interactions.map(({ request, response }) => {
    const url = new URL(request.url);
    const { date: _date, ...headers } = response.headers;
    return { ...request, url: `${url.pathname}${url.search}`, response: { ...response, headers } };
  });
}
