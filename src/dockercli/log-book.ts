/**
 * Container output for `docker service logs`. The agent records every line a container writes
 * as a `task/logged` event; the log book is an observer that keeps those lines per task, and
 * forgets a task's lines when the task leaves the store (its container is removed with it, and
 * so are the logs the json-file driver kept). Give one to the docker session to enable logs.
 */
import type { LoggedEvent } from '../model/events.js';
import type { ClusterState } from '../model/state.js';

/** One line a container wrote. */
export interface LogLine {
  taskId: string;
  /** Virtual time it was written, ms. */
  at: number;
  /** Order among all lines, for lines written at the same instant. */
  sequence: number;
  stream: 'stdout' | 'stderr';
  line: string;
}

/** What `docker service logs` reads. */
export interface ContainerLogs {
  /** The lines task `taskId`'s container wrote, oldest first. */
  linesOf(taskId: string): readonly LogLine[];
}

/** Collects container output from the event stream (pass `observe` as a swarm observer). */
export class ContainerLogBook implements ContainerLogs {
  private readonly byTask = new Map<string, LogLine[]>();
  private sequence = 0;

  /** The observer to register with the simulation. */
  readonly observe = (_state: ClusterState, event: LoggedEvent): void => {
    if (event.type === 'task/logged') {
      const lines = this.byTask.get(event.taskId) ?? [];
      lines.push({
        taskId: event.taskId,
        at: event.t,
        sequence: this.sequence++,
        stream: event.stream,
        line: event.line,
      });
      this.byTask.set(event.taskId, lines);
    } else if (event.type === 'task/removed') {
      this.byTask.delete(event.taskId);
    }
  };

  linesOf(taskId: string): readonly LogLine[] {
    return this.byTask.get(taskId) ?? [];
  }
}
