/**
 * Docker-looking identifiers drawn from the seed: 25 lowercase base36 characters, like swarmkit's
 * `identity.NewID` for nodes, services and tasks. Each kind has its own stream, so creating one
 * more service does not change the ids of tasks.
 */
import type { RandomStreams } from './rng.js';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

export type IdKind =
  | 'node'
  | 'service'
  | 'task'
  | 'cluster'
  | 'container'
  | 'token'
  | 'network'
  | 'volume';

export function newId(streams: RandomStreams, kind: IdKind, length = 25): string {
  const rng = streams.stream(`ids/${kind}`);
  // Built from char codes in one go: a flat string hashes at once when used as a record key,
  // where 25 concatenations would leave a rope to flatten on every first lookup (a hot path).
  const codes: number[] = [];
  for (let i = 0; i < length; i += 1) codes.push(BASE36.charCodeAt(rng.int(0, 36)));
  return String.fromCharCode(...codes);
}
