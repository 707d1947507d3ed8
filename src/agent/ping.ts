/**
 * `ping` as busybox (alpine, busybox images) prints it, and the name resolution it relies on.
 *
 * swarmsim has no DNS. What resolves:
 * - IPv4 literals, and `localhost` (127.0.0.1);
 * - a few well-known names with their usual address (KNOWN_HOSTS);
 * - names given by the caller (`extraHosts`, e.g. service names once networks are modelled);
 * - any other name with a dot, outside the reserved `.invalid`, `.test`, `.example` and `.local`,
 *   taken to be an Internet host at a stable address in 203.0.113.0/24 (a documentation range).
 * A bare word that is none of these fails: `ping: bad address 'NAME'`, exit 1. Swarm tasks on the
 * default networks cannot resolve other services' names either, so this matches a real cluster.
 *
 * Reply times are derived from a hash of the task id, host and sequence number, not from a random
 * stream, so they are the same on every run and need not be recorded anywhere but the line itself.
 */
import { hash32, print, wait, type ExecEnv, type HostAddress, type ProcessRun } from './actions.js';

/** Names swarmsim resolves to their usual public address. */
export const KNOWN_HOSTS: Readonly<Record<string, string>> = {
  'google.com': '142.250.184.206',
  'www.google.com': '142.250.185.68',
  'docker.com': '141.193.213.20',
  'www.docker.com': '141.193.213.21',
  'example.com': '93.184.215.14',
  'github.com': '140.82.121.4',
  'cloudflare.com': '104.16.132.229',
};

const RESERVED_SUFFIXES = ['.invalid', '.test', '.example', '.local'];
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Resolves `host` as described above; null when it does not resolve. */
export function resolveHost(
  host: string,
  extraHosts: Readonly<Record<string, string>> = {},
): HostAddress | null {
  const name = host.toLowerCase();
  const ip =
    literalIp(name) ?? lookup(extraHosts, name) ?? lookup(KNOWN_HOSTS, name) ?? guessIp(name);
  if (ip === null) return null;
  if (ip.startsWith('127.')) return { ip, ttl: 64, rttMs: 0.05 };
  // A stable pseudo-distance per address: 5..35 ms away, a TTL of 110..119 on arrival.
  const h = hash32(ip);
  return { ip, ttl: 110 + (h % 10), rttMs: 5 + ((h >>> 8) % 31) };
}

function literalIp(name: string): string | null {
  const match = IPV4.exec(name);
  if (!match) return null;
  return match.slice(1).every((octet) => Number(octet) <= 255) ? name : null;
}

function lookup(table: Readonly<Record<string, string>>, name: string): string | null {
  return Object.hasOwn(table, name) ? table[name]! : null;
}

function guessIp(name: string): string | null {
  if (name === 'localhost') return '127.0.0.1';
  if (!name.includes('.') || name.endsWith('.')) return null;
  if (RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))) return null;
  return `203.0.113.${1 + (hash32(name) % 254)}`;
}

interface PingOptions {
  host: string;
  /** Replies before exiting; null: forever. */
  count: number | null;
  /** Payload bytes (`-s`), 56 by default. */
  size: number;
  quiet: boolean;
}

const OPTIONS_WITH_VALUE = ['-c', '-s', '-t', '-I', '-W', '-w', '-i', '-p'];

/** Reads busybox ping's arguments; a string is the error to print. */
function parsePingArgs(args: readonly string[]): PingOptions | string {
  const options: PingOptions = { host: '', count: null, size: 56, quiet: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const flag = arg.slice(0, 2);
    if (arg.startsWith('-') && OPTIONS_WITH_VALUE.includes(flag)) {
      const value = arg.length > 2 ? arg.slice(2) : args[++i];
      if (value === undefined) return `ping: option requires an argument -- '${flag.slice(1)}'`;
      if (flag === '-c' || flag === '-s') {
        if (!/^\d+$/.test(value)) return `ping: invalid number '${value}'`;
        if (flag === '-c') options.count = Number(value);
        else options.size = Number(value);
      }
    } else if (arg === '-q') options.quiet = true;
    else if (!arg.startsWith('-')) options.host = arg;
  }
  return options.host ? options : 'Usage: ping [OPTIONS] HOST';
}

/** Runs `ping ARGS`: one reply line per second, forever or for `-c N` replies. */
export function* runPing(args: readonly string[], exec: ExecEnv): ProcessRun {
  const options = parsePingArgs(args);
  if (typeof options === 'string') {
    yield print(options, 'stderr');
    return 1;
  }
  const target = exec.resolveHost(options.host);
  if (!target) {
    yield print(`ping: bad address '${options.host}'`, 'stderr');
    return 1;
  }
  yield print(`PING ${options.host} (${target.ip}): ${options.size} data bytes`);
  // Running totals rather than a list: a ping left running for days must not grow.
  const stats = { count: 0, min: Infinity, max: 0, sum: 0 };
  for (let seq = 0; options.count === null || seq < options.count; seq += 1) {
    if (seq > 0) yield wait(1000);
    const time = replyTimeMs(exec.taskId, options.host, seq, target.rttMs);
    stats.count += 1;
    stats.min = Math.min(stats.min, time);
    stats.max = Math.max(stats.max, time);
    stats.sum += time;
    if (options.quiet) continue;
    const reply = `seq=${seq} ttl=${target.ttl} time=${time.toFixed(3)} ms`;
    yield print(`${options.size + 8} bytes from ${target.ip}: ${reply}`);
  }
  yield* printStatistics(options.host, stats);
  return 0;
}

/** A round trip within ±20% of `rttMs`, fixed by (task, host, seq). */
function replyTimeMs(taskId: string, host: string, seq: number, rttMs: number): number {
  const fraction = hash32(`${taskId}:${host}:${seq}`) / 0x1_0000_0000;
  return rttMs * (0.8 + 0.4 * fraction);
}

interface PingStats {
  count: number;
  min: number;
  max: number;
  sum: number;
}

function* printStatistics(host: string, stats: PingStats): ProcessRun {
  const n = stats.count;
  yield print('');
  yield print(`--- ${host} ping statistics ---`);
  yield print(`${n} packets transmitted, ${n} packets received, 0% packet loss`);
  if (n > 0) {
    const [min, avg, max] = [stats.min, stats.sum / n, stats.max].map((t) => t.toFixed(3));
    yield print(`round-trip min/avg/max = ${min}/${avg}/${max} ms`);
  }
  return 0;
}
