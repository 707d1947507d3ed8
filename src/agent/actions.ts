/**
 * What a simulated process does, as a stream of actions: print a line, or let time pass. A process
 * is a generator of these whose return value is its exit code; one that never returns runs
 * forever. The agent turns actions into `task/logged` events and timers.
 */

/** One step of a process. */
export type ProcessAction =
  | { kind: 'print'; stream: 'stdout' | 'stderr'; line: string }
  /** Time passes, in ms; `Infinity` blocks forever (a server waiting for requests). */
  | { kind: 'wait'; ms: number };

/** A running process: yields actions, returns its exit code. */
export type ProcessRun = Generator<ProcessAction, number, void>;

/** Where a host name points, as ping shows it. */
export interface HostAddress {
  ip: string;
  /** TTL of replies from it. */
  ttl: number;
  /** Typical round trip, ms. */
  rttMs: number;
}

/** What a process can see of its surroundings. */
export interface ExecEnv {
  /** The task the process belongs to; per-line values (ping times) are derived from it. */
  taskId: string;
  /** The container's environment (`--env`). */
  env: Readonly<Record<string, string>>;
  /** Name resolution; null for a name that does not resolve. */
  resolveHost(host: string): HostAddress | null;
  /** Told each time the model has to guess (an unknown program, unsupported shell syntax). */
  assume?(note: string): void;
}

/** Prints `line` on `stream`. */
export function print(line: string, stream: 'stdout' | 'stderr' = 'stdout'): ProcessAction {
  return { kind: 'print', stream, line };
}

/** Lets `ms` pass. */
export function wait(ms: number): ProcessAction {
  return { kind: 'wait', ms };
}

/** FNV-1a, 32 bits: a fixed hash for values that must look varied yet never change between runs. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
