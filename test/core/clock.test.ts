/** The time limits of one attempt (runtime/core/clock.ts), with exact timers and with the shared watchdog. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallClock, type Expiry } from '../../runtime/core/clock.js';
import { WATCHDOG_DEFAULTS } from '../../runtime/core/watchdog.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['exact timers', true],
  ['the watchdog', false],
])('CallClock with %s', (_name, exact) => {
  const sweepMs = WATCHDOG_DEFAULTS.sweepMs;
  beforeAll(() => void (WATCHDOG_DEFAULTS.sweepMs = 5));
  afterAll(() => void (WATCHDOG_DEFAULTS.sweepMs = sweepMs));

  it.each([
    ['the total passes while nothing is read', { total: 30, idle: 10_000, reads: [] as Array<[number, number]>, want: 'timeoutMs' }],
    ['the total passes although bytes keep coming', { total: 60, idle: 40, reads: Array.from({ length: 20 }, () => [5, 5] as [number, number]), want: 'timeoutMs' }],
    ['a read that waits past the idle limit', { total: 10_000, idle: 30, reads: [[0, 200]] as Array<[number, number]>, want: 'idleTimeoutMs' }],
    ['a slow consumer between reads is not idle', { total: 10_000, idle: 100, reads: [[250, 1], [250, 1]] as Array<[number, number]>, want: undefined }],
  ] as const)('%s', async (_n, { total, idle, reads, want }) => {
    const fired: Expiry[] = [];
    const clock = new CallClock(total, idle, exact, (w) => fired.push(w));
    // Each read: the consumer works for [0] ms, then waits [1] ms for the bytes.
    for (const [work, waiting] of reads) {
      await wait(work);
      if (clock.expired) break;
      clock.waiting();
      await wait(waiting);
      clock.received();
    }
    if (reads.length === 0 || want === 'timeoutMs') await wait(total + 100);
    clock.stop();
    expect(fired).toEqual(want ? [want] : []);
    expect(clock.expired).toBe(want);
  });

  it('never fires once stopped, and Infinity means no limit', async () => {
    const fired: Expiry[] = [];
    const a = new CallClock(20, 20, exact, (w) => fired.push(w));
    a.stop();
    const b = new CallClock(Infinity, Infinity, exact, (w) => fired.push(w));
    b.waiting();
    await wait(80);
    b.stop();
    expect(fired).toEqual([]);
  });
});
