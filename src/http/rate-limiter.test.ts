import { describe, expect, test } from 'bun:test';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  test('never lets more than `concurrency` requests run at once', async () => {
    const limiter = createRateLimiter({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const release = await limiter.acquire();
        running += 1;
        peak = Math.max(peak, running);
        await Bun.sleep(2);
        running -= 1;
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(limiter.stats).toEqual({ active: 0, waiting: 0, pausedUntil: 0 });
  });

  test('starts at most `requestsPerWindow` in any window', async () => {
    const limiter = createRateLimiter({ concurrency: 10, requestsPerWindow: 2, windowMs: 60 });
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const release = await limiter.acquire();
        started.push(Date.now() - t0);
        release();
      }),
    );
    started.sort((a, b) => a - b);
    // Two now, two after one window, one after two windows.
    expect(started[1]!).toBeLessThan(40);
    expect(started[2]!).toBeGreaterThanOrEqual(55);
    expect(started[4]!).toBeGreaterThanOrEqual(115);
  });

  test('serves waiters in order', async () => {
    const limiter = createRateLimiter({ concurrency: 1 });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (index) => {
        const release = await limiter.acquire();
        order.push(index);
        await Bun.sleep(1);
        release();
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
  });

  test('pauseUntil holds requests that have not started', async () => {
    const limiter = createRateLimiter();
    const t0 = Date.now();
    limiter.pauseUntil(t0 + 50);
    const release = await limiter.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    release();
  });

  test('an aborted wait leaves the queue and rejects with the reason', async () => {
    const limiter = createRateLimiter({ concurrency: 1 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(limiter.stats.waiting).toBe(0);
    release();
    release();
    expect(limiter.stats.active).toBe(0);
  });
});
