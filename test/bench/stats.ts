/** Timing helpers for the benchmarks (npm run bench). */
import os from 'node:os';

export interface Stats {
  n: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0;
  return { n: s.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? 0 };
}

export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} Mio`;
export const verdict = (met: boolean) => (met ? 'tenue' : 'NON TENUE');

/** The load of the machine when a section starts, and the mode React runs in. */
export function machineLine(): string {
  const load = os.loadavg()[0]!;
  const cores = os.cpus().length;
  return `Charge de la machine au départ : ${load.toFixed(1)} pour ${cores} cœurs${load > cores ? ' (machine occupée : les temps mesurés sont majorés)' : ''} ; React en mode ${process.env.NODE_ENV === 'production' ? 'production' : 'développement'}.`;
}

/**
 * Starts a 5 ms timer and returns its stop: the longest wait between two of its ticks, i.e. how long the main
 * thread's event loop was held (a blocked loop only shows when the timer fires again).
 */
export function watchEventLoop(): () => number {
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(ticker);
    return longest;
  };
}
