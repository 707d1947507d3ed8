/**
 * Names for the ids in a log (hostnames, service names, `web.3` for tasks), gathered from every
 * event once. The state at the cursor is not enough: it lacks tasks created later and tasks the
 * reaper already removed, and the events list names both.
 */
import type { LoggedEvent } from '../../../src/model/events.js';

/** What a task is called: its service's name and its slot (0 for a global task). */
interface TaskName {
  serviceId: string;
  slot: number;
  nodeId: string;
}

/** Looks up people's names for the ids a log uses. */
export class Names {
  private readonly hostnames = new Map<string, string>();
  private readonly services = new Map<string, string>();
  private readonly tasks = new Map<string, TaskName>();

  constructor(events: readonly LoggedEvent[]) {
    for (const event of events) {
      if (event.type === 'node/joined') {
        this.hostnames.set(event.node.id, event.node.description.hostname);
      } else if (event.type === 'service/created') {
        this.services.set(event.service.id, event.service.spec.name);
      } else if (event.type === 'task/created') {
        const { serviceId, slot, nodeId } = event.task;
        this.tasks.set(event.task.id, { serviceId, slot, nodeId });
      } else if (event.type === 'task/assigned') {
        const task = this.tasks.get(event.taskId);
        if (task) task.nodeId = event.nodeId;
      }
    }
  }

  /** The node's hostname, or its id when the log never named it. */
  host(nodeId: string): string {
    return this.hostnames.get(nodeId) ?? nodeId;
  }

  /** The service's name, or its id. */
  service(serviceId: string): string {
    return this.services.get(serviceId) ?? serviceId;
  }

  /** `web.3`, or `web.<hostname>` for a global task (docker shows its node id). */
  task(taskId: string): string {
    const task = this.tasks.get(taskId);
    if (!task) return taskId;
    const where = task.slot > 0 ? String(task.slot) : task.nodeId ? this.host(task.nodeId) : '?';
    return `${this.service(task.serviceId)}.${where}`;
  }
}
