import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { HarnessError } from './harness-error.ts';
import { createScrubber } from './scrub-cassette.ts';

/** One request the HTTP kit made and the answer it got, scrubbed. */
export interface CassetteInteraction {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number; statusText: string; headers: Record<string, string>; body: string };
}

/** A cassette file: plain JSON, one per test. */
export interface Cassette {
  version: 1;
  interactions: CassetteInteraction[];
}

/** How {@link recordHttp} records or replays. */
export interface RecordHttpOptions {
  /** The cassette file, e.g. `test/cassettes/list-accounts.json`. */
  cassette: string;
  /** `record` calls the real app and writes the cassette; `replay` serves it. Default: `record` when `LUMOS_RECORD_HTTP=1`, else `replay`. */
  mode?: 'record' | 'replay' | undefined;
  /** Secret values to scrub; usually `harness.secrets()`, the request's own secret set. */
  secrets?: Iterable<string> | undefined;
  /** JSON paths in request and response bodies whose values are scrubbed too (`data.*.email`). */
  scrubJsonPaths?: readonly string[] | undefined;
}

/** A recording or replay in progress: `stop()` (or `await using`) restores `fetch` and checks the cassette. */
export interface HttpRecording extends AsyncDisposable {
  readonly mode: 'record' | 'replay';
  /** How many requests were recorded or served so far. */
  readonly count: number;
  /**
   * Restores `globalThis.fetch`; writes the cassette (record) or fails if a recorded request was
   * not made or an unrecorded one was (replay).
   */
  stop(): Promise<void>;
}

/**
 * Records the HTTP kit's requests and the app's answers into a cassette, or replays a cassette
 * offline, by swapping `globalThis.fetch` until `stop()`. Replay serves the answers in order and
 * fails on any request that was not recorded (the connector gets a 501 "Not Recorded" and `stop()` throws) (method, path, query and body must match; the origin
 * may differ, so a loopback server's port does not matter). Nothing reaches disk unscrubbed.
 *
 * @example
 * await using http = recordHttp({ cassette: 'test/cassettes/list-accounts.json', secrets: c.secrets() });
 * const { items } = await c.walk('list_accounts', {}, { pageSize: 50 });
 */
export function recordHttp(options: RecordHttpOptions): HttpRecording {
  const mode = options.mode ?? (process.env['LUMOS_RECORD_HTTP'] === '1' ? 'record' : 'replay');
  const scrub = createScrubber(new Set(options.secrets ?? []), options.scrubJsonPaths ?? []);
  const original = globalThis.fetch;
  const interactions: CassetteInteraction[] = [];
  let served = 0;
  let failure: HarnessError | undefined;
  let stopped = false;

  const recorded: CassetteInteraction[] = [];
  if (mode === 'replay') {
    if (!existsSync(options.cassette)) {
      throw new HarnessError(`No cassette at ${options.cassette}: record it once against the real app with LUMOS_RECORD_HTTP=1.`);
    }
    const cassette = JSON.parse(readFileSync(options.cassette, 'utf8')) as Cassette;
    if (cassette.version !== 1 || !Array.isArray(cassette.interactions)) throw new HarnessError(`${options.cassette} is not a version 1 cassette.`);
    recorded.push(...cassette.interactions);
  }

  const describe = async (input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1]) => {
    const request =
      input instanceof Request ? new Request(input, init as RequestInit | undefined) : new Request(String(input), init as RequestInit | undefined);
    return {
      method: request.method,
      url: scrub.text(request.url),
      headers: scrub.headers(request.headers),
      body: scrub.body(request.body === null ? '' : await request.text()),
    };
  };

  const recordingFetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const request = await describe(input, init);
    const response = await original(input, init);
    const body = await response.text();
    interactions.push({
      request,
      response: { status: response.status, statusText: response.statusText, headers: scrub.headers(response.headers), body: scrub.body(body) },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: withoutEncoding(response.headers) });
  };

  const replayingFetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const request = await describe(input, init);
    const next = recorded[served];
    const shown = `${request.method} ${pathOf(request.url)}`;
    const problem =
      next === undefined
        ? `request ${served + 1} (${shown}) was not recorded: ${options.cassette} holds ${recorded.length}`
        : next.request.method !== request.method || pathOf(next.request.url) !== pathOf(request.url)
          ? `request ${served + 1} (${shown}) was not recorded: the cassette expects ${next.request.method} ${pathOf(next.request.url)} here`
          : next.request.body !== request.body
            ? `request ${served + 1} (${shown}) sent a body other than the recorded one`
            : undefined;
    if (problem) {
      failure ??= new HarnessError(`Replay of ${options.cassette}: ${problem}. Record it again with LUMOS_RECORD_HTTP=1 if the connector changed.`);
      // An answer the HTTP kit does not retry (a thrown network error would be retried with backoff); stop() then fails the test.
      return new Response(failure.message, { status: 501, statusText: 'Not Recorded', headers: { 'content-type': 'text/plain' } });
    }
    served++;
    return new Response(next!.response.body, { status: next!.response.status, statusText: next!.response.statusText, headers: next!.response.headers });
  };

  globalThis.fetch = Object.assign(mode === 'record' ? recordingFetch : replayingFetch, { preconnect: original.preconnect }) as typeof fetch;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    globalThis.fetch = original;
    if (failure) throw failure;
    if (mode === 'record') {
      mkdirSync(dirname(options.cassette), { recursive: true });
      writeFileSync(options.cassette, `${JSON.stringify({ version: 1, interactions } satisfies Cassette, null, 2)}\n`);
    } else if (served < recorded.length) {
      throw new HarnessError(
        `Replay of ${options.cassette}: ${recorded.length - served} recorded request(s) were not made, the first ${recorded[served]!.request.method} ${pathOf(recorded[served]!.request.url)}.`,
      );
    }
  };

  return {
    mode,
    get count() {
      return mode === 'record' ? interactions.length : served;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** Runs `test` with HTTP recorded or replayed, restoring `fetch` afterwards also when it throws. */
export async function withHttpCassette<T>(options: RecordHttpOptions, test: () => Promise<T>): Promise<T> {
  const recording = recordHttp(options);
  try {
    return await test();
  } finally {
    await recording.stop();
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function withoutEncoding(headers: Headers): Headers {
  const out = new Headers(headers);
  out.delete('content-encoding');
  out.delete('content-length');
  return out;
}
