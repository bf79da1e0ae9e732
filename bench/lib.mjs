/** Small helpers shared by the bench scripts. */
import { spawnSync } from 'node:child_process';

/** Wall time (ms) of one whole `node` process. Throws when the process fails. */
function timeOnce(args, { cwd = process.cwd(), env = process.env } = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Wall time of a whole process, in ms (median, or fastest, of `runs`). Throws when the process fails. */
export function timeProcess(args, { runs = 3, pick = 'median', ...where } = {}) {
  const times = Array.from({ length: runs }, () => timeOnce(args, where));
  return pick === 'min' ? Math.min(...times) : median(times);
}

/** Fastest wall time (ms) of each command, over `rounds` rounds that run each command once, in turn. */
export function fastestInterleaved(commands, rounds, where = {}) {
  const best = commands.map(() => Infinity);
  for (let r = 0; r < rounds; r++) commands.forEach((args, i) => (best[i] = Math.min(best[i], timeOnce(args, where))));
  return best;
}

/**
 * Instructions a whole `node` process executes, counted by valgrind's callgrind (repeatable
 * whatever else the machine is doing, unlike wall time), or undefined when valgrind is not
 * installed. V8's hash seed is fixed, since its random prime search varies by millions.
 */
let hasValgrind;

export function instructions(args, { cwd = process.cwd() } = {}) {
  hasValgrind ??= spawnSync('valgrind', ['--version']).status === 0;
  if (!hasValgrind) return undefined;
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--hash-seed=1', ...args], { cwd, encoding: 'utf8' });
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`callgrind of ${args.join(' ')} failed: ${r.stderr.slice(-500)}`);
  return Number(m[1]);
}

/** Millions, for instruction counts. */
export const mega = (n) => `${(n / 1e6).toFixed(1)}M`;

/**
 * Interleaved timing of in-process contenders: each warmed `warmup` times, then `rounds` rounds
 * of `reps` calls each, in turn, the order reversed every other round; the median round of each,
 * as ns per call divided by `per` (1000 for µs per call, or the items one call handles).
 */
export function interleaved(contenders, { rounds, reps, warmup, per = 1 }) {
  for (const fn of contenders) for (let k = 0; k < warmup; k++) fn();
  const times = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = contenders.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) {
      const t = process.hrtime.bigint();
      for (let k = 0; k < reps; k++) contenders[i]();
      times[i].push(Number(process.hrtime.bigint() - t) / (reps * per));
    }
  }
  return times.map(median);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const fmt = (ms) => `${ms.toFixed(0)} ms`;
export const ratio = (a, b) => (a / b).toFixed(2);
