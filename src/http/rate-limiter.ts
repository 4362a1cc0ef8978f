/** Limits of a {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Requests started per window; unlimited when absent. */
  requestsPerWindow?: number;
  /** The window's length in ms (default 1000). */
  windowMs?: number;
}

/** A client-side limiter shared by the requests of one capability call. */
export interface RateLimiter {
  /** Waits for a free slot; call the returned function when the request is over. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Takes a slot now when one is free and nobody waits (the release function), else undefined: then use {@link acquire}. */
  tryAcquire?(): (() => void) | undefined;
  /** Holds every request that has not started yet until `until` (ms since the epoch), e.g. after a 429. */
  pauseUntil(until: number): void;
  /** Requests in flight and waiting, for tests and diagnostics. */
  readonly stats: { active: number; waiting: number; pausedUntil: number };
}

/**
 * Creates a limiter: at most `concurrency` requests in flight and `requestsPerWindow` starts in
 * any sliding `windowMs`; waiters are served in order.
 *
 * @example
 * const limiter = createRateLimiter({ concurrency: 4, requestsPerWindow: 100, windowMs: 60_000 });
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const perWindow = options.requestsPerWindow;
  const windowMs = options.windowMs ?? 1000;
  const starts: number[] = [];
  const waiters: Array<{ grant: (release: () => void) => void }> = [];
  let active = 0;
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const release = () => {
    active -= 1;
    pump();
  };

  /** Starts a request now: the slot's release function, callable once. */
  function start(now: number): () => void {
    active += 1;
    if (perWindow !== undefined) starts.push(now);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  /** How long a request starting at `now` must wait for a pause or the rate window (none when not above 0); forgets starts out of the window. */
  function waitBeforeStart(now: number): number {
    while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift();
    let wait = pausedUntil - now;
    if (perWindow !== undefined && starts.length >= perWindow) wait = Math.max(wait, starts[0]! + windowMs - now);
    return wait;
  }

  function pump(): void {
    while (waiters.length > 0 && active < concurrency) {
      const now = Date.now();
      const wait = waitBeforeStart(now);
      if (wait > 0) {
        if (timer === undefined) {
          timer = setTimeout(() => {
            timer = undefined;
            pump();
          }, wait);
        }
        return;
      }
      waiters.shift()!.grant(start(now));
    }
  }

  return {
    acquire(signal) {
      return new Promise((resolve, reject) => {
        let done = false;
        const waiter = {
          grant: (releaseSlot: () => void) => {
            done = true;
            signal?.removeEventListener('abort', onAbort);
            resolve(releaseSlot);
          },
        };
        const onAbort = () => {
          if (done) return;
          const index = waiters.indexOf(waiter);
          if (index !== -1) waiters.splice(index, 1);
          reject(signal!.reason);
        };
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
        pump();
      });
    },
    tryAcquire() {
      // What pump would do for a first waiter, without the promise: a page call's one request skips a turn of the event loop.
      if (waiters.length > 0 || active >= concurrency) return undefined;
      const now = Date.now();
      return waitBeforeStart(now) > 0 ? undefined : start(now);
    },
    pauseUntil(until) {
      if (until <= pausedUntil) return;
      pausedUntil = until;
      // A pause set while a timer waits for an earlier moment is picked up when that timer fires.
    },
    get stats() {
      return { active, waiting: waiters.length, pausedUntil };
    },
  };
}
