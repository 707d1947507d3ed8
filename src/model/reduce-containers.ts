/**
 * The fold for standalone containers (`docker run`, `docker stop`, `docker rm`). Kept apart from
 * reduce.ts like the image and world folds; an event about an unknown container, a second exit
 * or a log line from a container that does not run throws.
 */
import type { LoggedEvent } from './events.js';
import type { ClusterState } from './state.js';
import type { StandaloneContainer } from './types.js';
import { ModelViolation } from './violation.js';

type ContainerEvent = Extract<LoggedEvent, { type: `container/${string}` }>;

/** Applies a container event to `state` in place. */
export function applyContainerEvent(state: ClusterState, event: ContainerEvent): void {
  const containers = (state.containers ??= {});
  const ids = (state.containerIds ??= []);
  if (event.type === 'container/created') {
    const spec = event.container;
    if (containers[spec.id]) throw new ModelViolation('container created twice', event);
    containers[spec.id] = {
      ...structuredClone(spec),
      state: event.started ? 'running' : 'created',
      createdAt: event.t,
      startedAt: event.started ? event.t : null,
      finishedAt: null,
      exitCode: null,
      output: [],
    };
    ids.push(spec.id);
    return;
  }
  const container = containers[event.containerId];
  if (!container) throw new ModelViolation(`no container ${event.containerId}`, event);
  switch (event.type) {
    case 'container/logged':
      running(container, event).output.push({
        at: event.t,
        stream: event.stream,
        line: event.line,
      });
      return;
    case 'container/stopRequested':
      return;
    case 'container/exited': {
      const ended = running(container, event);
      ended.state = 'exited';
      ended.finishedAt = event.t;
      ended.exitCode = event.exitCode;
      return;
    }
    case 'container/removed':
      delete containers[event.containerId];
      state.containerIds = ids.filter((id) => id !== event.containerId);
      return;
  }
}

function running(container: StandaloneContainer, event: LoggedEvent): StandaloneContainer {
  if (container.state !== 'running') {
    throw new ModelViolation(`container ${container.id} is not running`, event);
  }
  return container;
}
