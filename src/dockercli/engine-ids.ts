/**
 * Identifiers the engine has but the model does not record (local network IDs, container IDs).
 * They are derived by hashing model IDs, never drawn from the simulation's random streams: a
 * read-only command must not change what the simulation does next.
 */
import { createHash } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** 64 hex digits, like a local network, container or image ID. */
export function hexId(seed: string): string {
  return digest(seed).toString('hex');
}

/** 25 base-36 characters, like a swarm object ID. */
export function swarmId(seed: string): string {
  const bytes = digest(seed);
  let id = '';
  for (let i = 0; id.length < 25; i += 1) id += (bytes[i % bytes.length]! % 36).toString(36);
  return id;
}

/** The ID of a node-local network (`bridge`, `host`, `none`, `docker_gwbridge`) on a node. */
export function localNetworkId(nodeId: string, name: string): string {
  return hexId(`${nodeId}/network/${name}`);
}

/** The ID of the container running task `taskId`. */
export function containerId(taskId: string): string {
  return hexId(`container/${taskId}`);
}
