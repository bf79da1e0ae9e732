/**
 * The time limits of one attempt: the total (`timeoutMs`, from sending to
 * the last byte of the body) and the idle time while a body read is
 * pending (`idleTimeoutMs`; a slow consumer is not a silent server). When
 * one passes, `onExpire` runs once with its name; the body reader cancels
 * its stream there, which closes the connection.
 *
 * Exact clocks use timers: one for the total, one re-armed per read for
 * the idle time. The default limits use the shared watchdog instead (one
 * unref'd sweep a second, watchdog.ts): no timer per call on the hot path,
 * and a precision of a second, which is nothing against minutes.
 */
import { arm, type Watched } from './watchdog.js';

export type Expiry = 'timeoutMs' | 'idleTimeoutMs';

/** The largest delay setTimeout honours; longer ones (and Infinity) mean no timer at all. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Timer = ReturnType<typeof setTimeout>;

export class CallClock {
  /** Which limit passed, once one did. */
  expired: Expiry | undefined;
  private readonly end: number;
  private waitingSince = -1;
  private total: Timer | undefined;
  private idle: Timer | undefined;
  private watched: Watched | undefined;
  private disarm: (() => void) | undefined;
  private stopped = false;

  constructor(
    readonly timeoutMs: number,
    readonly idleTimeoutMs: number,
    exact: boolean,
    private readonly onExpire: (which: Expiry) => void,
  ) {
    this.end = Date.now() + timeoutMs;
    if (exact) {
      if (timeoutMs <= MAX_TIMER_MS) this.total = setTimeout(() => this.fire('timeoutMs'), timeoutMs);
    } else if (Number.isFinite(timeoutMs) || Number.isFinite(idleTimeoutMs)) {
      this.watched = { deadline: this.end, expire: () => this.fire(this.waitingSince >= 0 && Date.now() < this.end ? 'idleTimeoutMs' : 'timeoutMs') };
      this.disarm = arm(timeoutMs, this.watched.expire, this.watched);
    }
  }

  /** A body read starts: the idle limit runs until `received`. */
  waiting(): void {
    if (this.stopped || !Number.isFinite(this.idleTimeoutMs)) return;
    if (this.watched) {
      this.waitingSince = Date.now();
      this.watched.deadline = Math.min(this.end, this.waitingSince + this.idleTimeoutMs);
      return;
    }
    this.waitingSince = 0;
    if (this.idleTimeoutMs > MAX_TIMER_MS) return;
    if (this.idle === undefined) this.idle = setTimeout(() => this.waitingSince >= 0 && this.fire('idleTimeoutMs'), this.idleTimeoutMs);
    else if (typeof (this.idle as { refresh?: () => void }).refresh === 'function') (this.idle as { refresh: () => void }).refresh();
    else {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => this.waitingSince >= 0 && this.fire('idleTimeoutMs'), this.idleTimeoutMs);
    }
  }

  /** The read finished: no idle limit while the consumer works. */
  received(): void {
    this.waitingSince = -1;
    if (this.watched) this.watched.deadline = this.end;
  }

  /** The attempt is over (body read, or failed): no more expiry. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.total !== undefined) clearTimeout(this.total);
    if (this.idle !== undefined) clearTimeout(this.idle);
    this.disarm?.();
  }

  private fire(which: Expiry): void {
    if (this.stopped || this.expired) return;
    this.expired = which;
    this.stop();
    this.onExpire(which);
  }
}
