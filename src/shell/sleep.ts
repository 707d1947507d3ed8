/**
 * `sleep` as coreutils reads it (seconds by default, decimals, suffixes s, m, h, d, several
 * operands summed), plus `ms` so a script can wait less than a second. It lets virtual time pass.
 */

const UNIT_MS: Record<string, number> = {
  '': 1000,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  ms: 1,
};

/**
 * The longest wait one `sleep` may ask for. Virtual time is cheap but not free: every heartbeat
 * and timer in it runs (a day takes a few seconds), so a typo of many digits would hang the shell
 * where a real `sleep` would wait for a Ctrl-C. Two days cover the 24 h orphaning timer.
 */
export const SLEEP_LIMIT_MS = 2 * 86_400_000;

/** The total wait in whole ms, or coreutils' error text (swarmsim's past SLEEP_LIMIT_MS). */
export function parseSleep(args: readonly string[]): number | string {
  const usage = "Try 'sleep --help' for more information.";
  if (args.length === 0) return `sleep: missing operand\n${usage}`;
  let total = 0;
  for (const arg of args) {
    const match = /^(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h|d)?$/.exec(arg);
    if (!match) return `sleep: invalid time interval '${arg}'\n${usage}`;
    total += Number(match[1]) * UNIT_MS[match[2] ?? '']!;
  }
  if (total > SLEEP_LIMIT_MS) {
    return `swarmsim: sleep: at most 2d of virtual time at once (asked for ${args.join(' ')})`;
  }
  // Virtual time counts whole milliseconds.
  return Math.round(total);
}
