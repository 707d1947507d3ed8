/**
 * How long the agent's work takes, in one place. Every duration is deterministic (no jitter), so a
 * run's timeline follows from its inputs alone and nothing random needs to reach the log.
 *
 * Sources: SWARM.md sections 7.2 and 12; the values are what a small VM on a decent link shows,
 * rounded. Scenarios override pulls per image through `AgentOptions.pullMsByImage`.
 */
import { imageName } from './image.js';

/** Durations of the agent's steps, all in ms of virtual time. */
export interface AgentTimings {
  /**
   * Dispatcher batching: how long after an assignment or a desired-state change the agent sees
   * it, ms. The agent accepts a new task the moment it sees it, so this is ASSIGNED -> ACCEPTED.
   */
  dispatchMs: number;
  /** Container create once the image is present (PREPARING -> READY without a pull), ms. */
  createMs: number;
  /** Container start (STARTING -> RUNNING), ms. */
  startMs: number;
  /** Pull time of an image found neither in the overrides nor in the default table, ms. */
  pullMsDefault: number;
  /** Wait for gossip after leaving the load balancer, before stopping a networked task, ms. */
  gossipConvergeMs: number;
}

/**
 * The defaults. ACCEPTED -> PREPARING and READY -> STARTING take no time: swarmkit's agent makes
 * those moves back to back with no work in between (`agent/exec/controller.go`).
 */
export const DEFAULT_AGENT_TIMINGS: Readonly<AgentTimings> = {
  dispatchMs: 100,
  createMs: 200,
  startMs: 300,
  pullMsDefault: 3000,
  // moby's defaultGossipConvergeDelay (daemon/cluster/executor/container/controller.go).
  gossipConvergeMs: 2000,
};

/**
 * First-pull times by image name (no registry, no tag), ms: a download at roughly 50 Mbit/s plus
 * extraction, so small images take a second or two and larger ones several.
 */
export const DEFAULT_PULL_MS_BY_IMAGE: Readonly<Record<string, number>> = {
  'hello-world': 1000,
  busybox: 1500,
  alpine: 1800,
  'traefik/whoami': 2000,
  ubuntu: 3000,
  nginx: 4000,
  httpd: 4000,
  debian: 4000,
  redis: 4500,
  node: 9000,
  postgres: 10000,
  mysql: 12000,
};

/** Pull time of `image` in ms: the override for its name, else the default table, else default. */
export function pullDurationMs(
  image: string,
  timings: AgentTimings,
  pullMsByImage: Readonly<Record<string, number>> = {},
): number {
  const name = imageName(image);
  return ownValue(pullMsByImage, name) ?? ownValue(DEFAULT_PULL_MS_BY_IMAGE, name) ??
    timings.pullMsDefault;
}

/** A record's own entry: an image called `constructor` must not find Object.prototype's. */
function ownValue(record: Readonly<Record<string, number>>, key: string): number | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
