import { ofetch, type $Fetch, type FetchHooks } from 'ofetch';

/** How one attempt ended: an answer (any status), a timeout, or a failed connection. */
export type Attempt =
  | { kind: 'response'; status: number; statusText: string; headers: Headers; text: string }
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown };

/** One attempt's request. */
export interface AttemptRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  /** Abandon the attempt after this many ms. */
  timeoutMs: number;
  /** The proxy URL, or undefined for a direct connection. */
  proxy: string | undefined;
  /** The trusted CAs, when extra ones are configured. */
  ca: string[] | undefined;
  /** The caller's cancellation. */
  signal: AbortSignal | undefined;
  /** `manual` returns a redirect as the answer instead of following it (fetch's default, `follow`). */
  redirect?: 'follow' | 'manual';
}

/**
 * The kit's ofetch instance: no retries of its own (the kit's policy decides, and it must see every
 * status answer first), status answers returned rather than thrown, the answer read as text for
 * the kit to parse (ofetch's lenient JSON parsing would pass invalid JSON and HTML pages off as
 * data), and `hooks` (e.g. the
 * client's body serialiser in `onRequest`) run on every attempt. `globalThis.fetch` is looked up
 * on each request, not captured here, so a test kit that swaps it records and replays the kit's traffic.
 */
export function createTransport(hooks: FetchHooks = {}): $Fetch {
  // A failed connection is thrown as fetch threw it, not wrapped in ofetch's FetchError: the kit classifies it by its code.
  const rethrow = ({ error }: { error: Error }) => {
    throw error;
  };
  return ofetch.create({ retry: false, ignoreResponseError: true, responseType: 'text', ...hooks, onRequestError: rethrow }, { fetch: callTimeFetch });
}

// Typed as fetch for ofetch; Bun's fetch.preconnect is never used through it.
const callTimeFetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => globalThis.fetch(input, init)) as typeof fetch;

let defaultTransport: $Fetch | undefined;

/** The transport of a request sent without a client's own (hooks-free), made on first use. */
function theDefaultTransport(): $Fetch {
  if (defaultTransport === undefined) defaultTransport = createTransport();
  return defaultTransport;
}

/** Sends one attempt with ofetch (no retries of its own) and reads the whole answer as text, within the timeout. */
export async function sendAttempt(request: AttemptRequest, fetcher: $Fetch = theDefaultTransport()): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The request timed out', 'TimeoutError'));
  }, request.timeoutMs);
  const onAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetcher.raw(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body as never,
      signal: controller.signal,
      // Bun's fetch options, which ofetch passes through: the proxy decision is ours (NO_PROXY included), so Bun's own is off.
      proxy: request.proxy === undefined ? false : { url: request.proxy, respectNoProxy: false },
      ...(request.ca === undefined ? {} : { tls: { ca: request.ca } }),
      ...(request.redirect === undefined ? {} : { redirect: request.redirect }),
    } as Parameters<typeof fetcher.raw>[1]);
    return {
      kind: 'response',
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text: (response._data as string | undefined) ?? '',
    };
  } catch (error) {
    return timedOut ? { kind: 'timeout' } : { kind: 'network', error };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
