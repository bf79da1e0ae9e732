/**
 * The default timeout (10 minutes) without a timer per request: requests
 * under it are kept in one set, and one shared, unref'd timer sweeps it
 * every second, expiring what is past its deadline. Arming and disarming
 * is a Set add and delete, where a per-request `setTimeout` costs a timer
 * list insert, a libuv call and a removal on every call. Precision is a
 * second, which is nothing against ten minutes. Explicit timeouts keep
 * their own exact timers (transport.ts).
 *
 * The sweeper is unref'd, so it never holds a process open by itself (a
 * script exits as soon as its last call is done); a request in flight is
 * held open by its own socket.
 */
export interface Watched {
  deadline: number;
  expire: () => void;
}

/** Sweep interval (ms). */
export const WATCHDOG_DEFAULTS = { sweepMs: 1_000 };

const watched = new Set<Watched>();
let sweeper: ReturnType<typeof setInterval> | undefined;

function sweep(): void {
  const now = Date.now();
  for (const w of watched) {
    if (w.deadline <= now) {
      watched.delete(w);
      w.expire();
    }
  }
  if (watched.size === 0 && sweeper !== undefined) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

/**
 * Calls `expire` once `ms` have passed, unless `disarm` (the returned function) is called first.
 * With `entry`, that object is watched instead: its owner may move its `deadline` at any time.
 */
export function arm(ms: number, expire: () => void, entry?: Watched): () => void {
  const w: Watched = entry ?? { deadline: Date.now() + ms, expire };
  watched.add(w);
  if (sweeper === undefined) {
    sweeper = setInterval(sweep, WATCHDOG_DEFAULTS.sweepMs);
    (sweeper as { unref?: () => void }).unref?.();
  }
  return () => void watched.delete(w);
}
