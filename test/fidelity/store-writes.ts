/**
 * When the cluster received each state-changing command of a recording: the real CLI starts,
 * reads the service, calls the API, and only then does the manager write the store, 0.02-0.35 s
 * after the command began (docs/fidelity.md, difference 2). That write is in the recording as a
 * docker event (`events.jsonl`: `service create`, `service update`, `service remove`, `node
 * update`), so the replay runs each command at its write, the moment the real swarm acted on it,
 * rather than at its start: what is left to compare is what the swarm did from then on.
 *
 * The write of a command is the first event of its kind within the command's run (commands run
 * one after another, so no other command writes meanwhile; the updater's own status writes, which
 * are `service update` events too, come 2-31 ms after the spec write, never before it). A command
 * with no such event (it failed, or wrote nothing) keeps its start time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecordedCommand, Recording } from './recording.js';

const ROOT = fileURLToPath(new URL('../fixtures/real-docker/', import.meta.url));

/** The event (Type and Action of `docker events`) by which the store shows each command. */
const WRITES: readonly { prefix: string; type: string; action: string }[] = [
  { prefix: 'service create', type: 'service', action: 'create' },
  { prefix: 'service update', type: 'service', action: 'update' },
  { prefix: 'service scale', type: 'service', action: 'update' },
  { prefix: 'service rollback', type: 'service', action: 'update' },
  { prefix: 'service rm', type: 'service', action: 'remove' },
  { prefix: 'node update', type: 'node', action: 'update' },
];

interface StoreEvent {
  type: string;
  action: string;
  /** s since T0. */
  t: number;
}

/**
 * The recorded store write of every command of `recording` that has one, s since T0, keyed by
 * the command. Empty when the case has no `events.jsonl`.
 */
export function storeWriteTimes(recording: Recording): Map<RecordedCommand, number> {
  const writes = new Map<RecordedCommand, number>();
  const events = readStoreEvents(recording.name, recording.t0EpochMs);
  for (const command of recording.commands) {
    const kind = WRITES.find((write) => command.cmd.startsWith(`docker ${write.prefix} `));
    if (!kind) continue;
    const write = events.find(
      (event) =>
        event.type === kind.type &&
        event.action === kind.action &&
        event.t >= command.t &&
        event.t <= command.t_end,
    );
    if (write) writes.set(command, write.t);
  }
  return writes;
}

/** The case's service and node events in time order, s since T0 (ms precision). */
function readStoreEvents(name: string, t0EpochMs: number): StoreEvent[] {
  const path = `${ROOT}${name}/events.jsonl`;
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { Type: string; Action: string; timeNano: number })
    .filter((event) => event.Type === 'service' || event.Type === 'node')
    .map((event) => ({
      type: event.Type,
      action: event.Action,
      t: Math.round(event.timeNano / 1e6 - t0EpochMs) / 1000,
    }))
    .sort((a, b) => a.t - b.t);
}
