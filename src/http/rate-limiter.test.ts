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

  test('tryAcquire takes a free slot at once, and refuses while the limiter is full, has waiters, is paused or at its window cap', async () => {
    const limiter = createRateLimiter({ concurrency: 2 });
    const first = limiter.tryAcquire!()!;
    const second = limiter.tryAcquire!()!;
    expect(limiter.tryAcquire!()).toBeUndefined();
    const waiting = limiter.acquire();
    first();
    first();
    // The freed slot went to the waiter, which was first in line.
    expect(limiter.tryAcquire!()).toBeUndefined();
    (await waiting)();
    second();
    expect(limiter.stats).toEqual({ active: 0, waiting: 0, pausedUntil: 0 });
    limiter.pauseUntil(Date.now() + 60_000);
    expect(limiter.tryAcquire!()).toBeUndefined();

    const windowed = createRateLimiter({ concurrency: 5, requestsPerWindow: 2, windowMs: 40 });
    windowed.tryAcquire!()!();
    (await windowed.acquire())();
    expect(windowed.tryAcquire!()).toBeUndefined();
    await Bun.sleep(60);
    const again = windowed.tryAcquire!();
    expect(again).toBeFunction();
    again!();
    expect(windowed.stats.active).toBe(0);
  });
});
