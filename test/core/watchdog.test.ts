/** The shared watchdog behind the default request timeout (runtime/core/watchdog.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arm, WATCHDOG_DEFAULTS } from '../../runtime/core/watchdog.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchdog', () => {
  const sweepMs = WATCHDOG_DEFAULTS.sweepMs;
  beforeAll(() => void (WATCHDOG_DEFAULTS.sweepMs = 10));
  afterAll(() => void (WATCHDOG_DEFAULTS.sweepMs = sweepMs));

  it.each([
    ['expires once its deadline has passed', { ms: 20, disarmAfter: undefined, want: 1 }],
    ['never expires once disarmed', { ms: 20, disarmAfter: 5, want: 0 }],
    ['does not expire before its deadline', { ms: 10_000, disarmAfter: undefined, want: 0 }],
  ] as const)('%s', async (_name, { ms, disarmAfter, want }) => {
    let expired = 0;
    const disarm = arm(ms, () => expired++);
    if (disarmAfter !== undefined) {
      await wait(disarmAfter);
      disarm();
    }
    await wait(120);
    disarm();
    expect(expired).toBe(want);
  });

  it('expires many at once, each exactly once, and keeps the others', async () => {
    const fired: number[] = [];
    const disarms = [5, 5, 5, 60_000].map((ms, i) => arm(ms, () => fired.push(i)));
    await wait(120);
    expect(fired.sort()).toEqual([0, 1, 2]);
    disarms.forEach((d) => d());
  });
});
