/**
 * The swarm's objects, shaped after swarmkit's `api/objects.proto` and `api/specs.proto` but in
 * swarmsim's own camelCase vocabulary. Every value is plain JSON (no Map, Set, Date or class), so
 * a state is exactly what folding the event log produces and can be serialised as-is.
 * Durations are integer milliseconds of virtual time; CPU is NanoCPUs (1 CPU = 1e9).
 *
 * The declarations live in types/, one file per object family; this module re-exports them all,
 * so the rest of the code imports its types from here only.
 */
export type * from './types/common.js';
export type * from './types/node.js';
export type * from './types/task-spec.js';
export type * from './types/network.js';
export type * from './types/service.js';
export type * from './types/task.js';
export type * from './types/image.js';
export type * from './types/container.js';
export type * from './types/volume.js';
