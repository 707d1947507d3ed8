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
  let id = '';
  for (let i = 0; i < length; i += 1) id += BASE36[rng.int(0, 36)];
  return id;
}
