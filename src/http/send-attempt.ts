import type { $Fetch, FetchHooks } from 'ofetch';

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
 * A client's transport: the hooks its requests run (e.g. the client's body serialiser in
 * `onRequest`) and, once a request needs it, the ofetch instance that runs them. ofetch is loaded on
 * first use: a request with neither a body nor hooks (a page GET, most of what a connector sends)
 * goes to fetch directly, so a connector process never evaluates ofetch for it.
 */
export interface Transport {
  readonly hooks: FetchHooks;
  /** Whether it has no hooks, so a request without a body may skip ofetch. */
  readonly hookless: boolean;
  /** The ofetch instance, made on first use. */
  fetcher?: $Fetch;
}

/** A transport running `hooks` on every attempt that goes through ofetch. */
export function createTransport(hooks: FetchHooks = {}): Transport {
  let hookless = true;
  for (const name in hooks) if (hooks[name as keyof FetchHooks] !== undefined) hookless = false;
  return { hooks, hookless };
}

/**
 * The transport's ofetch instance: no retries of its own (the kit's policy decides, and it must
 * see every status answer first), status answers returned rather than thrown, the answer read as
 * text for the kit to parse (ofetch's lenient JSON parsing would pass invalid JSON and HTML pages
 * off as data), and the transport's hooks run on every attempt. `globalThis.fetch` is looked up on
 * each request, not captured here, so a test kit that swaps it records and replays the kit's traffic.
 */
async function ofetchOf(transport: Transport): Promise<$Fetch> {
  if (transport.fetcher === undefined) {
    const { ofetch } = await import('ofetch');
    // A failed connection is thrown as fetch threw it, not wrapped in ofetch's FetchError: the kit classifies it by its code.
    const rethrow = ({ error }: { error: Error }) => {
      throw error;
    };
    transport.fetcher ??= ofetch.create(
      { retry: false, ignoreResponseError: true, responseType: 'text', ...transport.hooks, onRequestError: rethrow },
      { fetch: callTimeFetch },
    );
  }
  return transport.fetcher;
}

// Typed as fetch for ofetch; Bun's fetch.preconnect is never used through it.
const callTimeFetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => globalThis.fetch(input, init)) as typeof fetch;

let defaultTransport: Transport | undefined;

/** The transport of a request sent without a client's own (hooks-free), made on first use. */
function theDefaultTransport(): Transport {
  if (defaultTransport === undefined) defaultTransport = createTransport();
  return defaultTransport;
}

/**
 * Sends one attempt and reads the whole answer as text, within the timeout. A request with a body
 * or with hooks goes through the transport's ofetch instance (no retries of its own); one with
 * neither goes to `globalThis.fetch` as ofetch would send it, and its answer is read as ofetch
 * reads it (no body for HEAD, 101, 204, 205 and 304).
 */
export async function sendAttempt(request: AttemptRequest, transport: Transport = theDefaultTransport()): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The request timed out', 'TimeoutError'));
  }, request.timeoutMs);
  const onAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  // ofetch sends the method upper-cased; so does the direct path.
  const method = request.method.toUpperCase();
  const init: Record<string, unknown> = {
    method,
    headers: request.headers,
    body: request.body,
    signal: controller.signal,
    // Bun's fetch options, which ofetch passes through: the proxy decision is ours (NO_PROXY included), so Bun's own is off.
    proxy: request.proxy === undefined ? false : { url: request.proxy, respectNoProxy: false },
  };
  if (request.ca !== undefined) init['tls'] = { ca: request.ca };
  if (request.redirect !== undefined) init['redirect'] = request.redirect;
  try {
    let response: Response;
    let text: string;
    if (request.body == null && transport.hookless) {
      response = await globalThis.fetch(request.url, init as RequestInit);
      const hasBody = response.body !== null && !hasNoBody(response.status) && method !== 'HEAD';
      text = hasBody ? await response.text() : '';
    } else {
      const fetcher = await ofetchOf(transport);
      const answer = await fetcher.raw(request.url, init as Parameters<$Fetch['raw']>[1]);
      response = answer;
      text = (answer._data as string | undefined) ?? '';
    }
    return { kind: 'response', status: response.status, statusText: response.statusText, headers: response.headers, text };
  } catch (error) {
    return timedOut ? { kind: 'timeout' } : { kind: 'network', error };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/** Whether an answer of this status has no body (101, 204, 205, 304), which ofetch does not read either. */
function hasNoBody(status: number): boolean {
  return status === 101 || status === 204 || status === 205 || status === 304;
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
