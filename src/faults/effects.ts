/**
 * The faults that act through a node's engine rather than its presence (world.ts): failing and
 * slow image pulls, and containers that fail to start. The agent stays unaware of them; this
 * component answers for the engine at the moment the agent reaches the step that fails, and the
 * agent's own timer for that step then finds the task moved on and stays quiet.
 *
 * - Pull failure: a task entering PREPARING on the node without the image is REJECTED with the
 *   20.10 engine's text `No such image: <ref>` (SWARM.md 7.2).
 * - Start failure: a task entering STARTING on the node FAILS with `starting container failed:`.
 * - Slow pull: the agent adds `slowPullExtraMs` to the pull (agent.ts asks).
 */
import { isImageCached, parseImageRef } from '../agent/image.js';
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import type { Task } from '../model/types.js';
import type { Fault, WorldState } from '../model/world.js';

/** The error a container that fails to start is reported with. */
export const START_FAILURE_ERR =
  'starting container failed: OCI runtime create failed: container init failed (injected fault)';

/** Creates the component that plays the engine's part in pull and start faults. */
export function createFaultEffects(): Component {
  return {
    name: 'fault-effects',
    onEvent(ctx, event) {
      if (event.type !== 'task/stateChanged' || ctx.state.world.faults.length === 0) return;
      if (event.state === 'preparing') failPull(ctx, event);
      else if (event.state === 'starting') failStart(ctx, event);
    },
  };
}

/** Extra pull time on `nodeId` for `image` from slow-pull faults in effect, ms. */
export function slowPullExtraMs(world: WorldState, nodeId: string, image: string): number {
  let extraMs = 0;
  for (const { fault } of world.faults) {
    if (fault.kind === 'slowPull' && strikes(fault, nodeId, image)) extraMs += fault.extraMs;
  }
  return extraMs;
}

function failPull(ctx: SimContext, event: LoggedEvent & { taskId: string }): void {
  const task = ctx.state.tasks[event.taskId];
  if (!task) return;
  const image = task.spec.container.image;
  const node = ctx.state.nodes[task.nodeId];
  if (!node || isImageCached(node.images, image)) return;
  if (!active(ctx, task, 'pullFailure')) return;
  ctx.emit({
    type: 'task/stateChanged',
    taskId: task.id,
    state: 'rejected',
    message: task.status.message,
    err: `No such image: ${image}`,
    exitCode: null,
  });
}

function failStart(ctx: SimContext, event: LoggedEvent & { taskId: string }): void {
  const task = ctx.state.tasks[event.taskId];
  if (!task || !active(ctx, task, 'startFailure')) return;
  ctx.emit({
    type: 'task/stateChanged',
    taskId: task.id,
    state: 'failed',
    message: task.status.message,
    err: START_FAILURE_ERR,
    exitCode: 128,
  });
}

function active(ctx: SimContext, task: Task, kind: 'pullFailure' | 'startFailure'): boolean {
  return ctx.state.world.faults.some(
    ({ fault }) => fault.kind === kind && strikes(fault, task.nodeId, task.spec.container.image),
  );
}

function strikes(fault: Fault & { nodeId: string; image: string }, nodeId: string, image: string) {
  if (fault.nodeId !== nodeId) return false;
  if (fault.image === '') return true;
  // docker pins digests (`redis` runs as `redis:latest@sha256:...`): a fault naming no digest
  // strikes every digest of that name and tag.
  const wanted = parseImageRef(fault.image);
  const actual = parseImageRef(image);
  if (wanted.name !== actual.name) return false;
  return wanted.digest !== '' ? wanted.digest === actual.digest : wanted.tag === actual.tag;
}
