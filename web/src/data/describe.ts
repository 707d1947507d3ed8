/**
 * One line per event for the events list, in the words the CLI uses (hostnames, `web.3`, task
 * states in lower case as swarmkit names them), and a category to colour and filter by.
 */
import type { LoggedEvent } from '../../../src/model/events.js';
import type { Fault } from '../../../src/model/world.js';
import type { Names } from './names.js';

/** Lines of a command's output kept for its tooltip. */
const OUTPUT_LINES = 30;

/** What an event is about, for colour and filtering. */
export type EventCategory =
  | 'fault'
  | 'step'
  | 'check'
  | 'task'
  | 'node'
  | 'service'
  | 'raft'
  | 'other';

/** An event in words. */
export interface DescribedEvent {
  category: EventCategory;
  text: string;
  /** A failed step or expectation, a failed or rejected task: drawn as an error. */
  bad: boolean;
  /** What a step or typed command printed (stdout, then stderr), shown on hover. */
  output?: string;
}

/** Describes one event. */
export function describeEvent(event: LoggedEvent, names: Names): DescribedEvent {
  const ok = (category: EventCategory, text: string): DescribedEvent => ({
    category,
    text,
    bad: false,
  });
  switch (event.type) {
    case 'cluster/initialized':
      return ok('other', 'swarm initialised');
    case 'node/joined':
      return ok('node', `${event.node.description.hostname} joined as ${event.node.role}`);
    case 'node/statusChanged': {
      const why = event.message ? `: ${event.message}` : '';
      return ok('node', `${names.host(event.nodeId)} is ${event.state}${why}`);
    }
    case 'node/availabilityChanged':
      return ok('node', `${names.host(event.nodeId)} availability ${event.availability}`);
    case 'node/roleChanged':
      return ok('node', `${names.host(event.nodeId)} is now a ${event.role}`);
    case 'node/removed':
      return ok('node', `${names.host(event.nodeId)} removed`);
    case 'node/imagePulled':
      return ok('node', `${names.host(event.nodeId)} pulled ${event.image}`);
    case 'service/created':
      return ok('service', `service ${event.service.spec.name} created`);
    case 'service/updated':
      return ok('service', `service ${names.service(event.serviceId)} updated`);
    case 'service/updateStatusChanged': {
      const status = event.updateStatus;
      const detail = status?.message ? ` (${status.message})` : '';
      const words = status ? `${status.state}${detail}` : 'none';
      return ok('service', `service ${names.service(event.serviceId)} update: ${words}`);
    }
    case 'service/removed':
      return ok('service', `service ${names.service(event.serviceId)} removed`);
    default:
      return describeMore(event, names);
  }
}

function describeMore(event: LoggedEvent, names: Names): DescribedEvent {
  switch (event.type) {
    case 'task/created':
      return { category: 'task', text: `${names.task(event.task.id)} created`, bad: false };
    case 'task/assigned':
      return task(`${names.task(event.taskId)} assigned to ${names.host(event.nodeId)}`);
    case 'task/stateChanged': {
      const bad = event.state === 'failed' || event.state === 'rejected';
      const err = event.err ? `: ${event.err}` : '';
      return { category: 'task', text: `${names.task(event.taskId)} ${event.state}${err}`, bad };
    }
    case 'task/unschedulable':
      return task(`${names.task(event.taskId)} pending: ${event.err}`);
    case 'task/desiredStateChanged':
      return task(`${names.task(event.taskId)} desired ${event.desiredState}`);
    case 'task/removed':
      return task(`${names.task(event.taskId)} removed`);
    case 'task/logged':
      return task(`${names.task(event.taskId)} ${event.stream}: ${event.line}`);
    case 'fault/injected':
      const text = `${event.faultId} ${faultWords(event.fault, names)}`;
      return { category: 'fault', text, bad: true };
    case 'fault/healed':
      return { category: 'fault', text: `${event.faultId} healed`, bad: false };
    case 'raft/leaderElected':
      return raft(`${names.host(event.nodeId)} elected leader (term ${event.term})`);
    case 'raft/leaderLost':
      return raft(`${names.host(event.nodeId)} lost the lead: ${event.reason}`);
    case 'raft/campaignStarted':
      return raft(`${names.host(event.nodeId)} campaigns for term ${event.term}`);
    case 'raft/reachabilityChanged':
      return raft(`${names.host(event.nodeId)} is ${event.reachability}`);
    case 'scenario/stepRan': {
      const bad = event.exitCode !== (event.expectedExitCode ?? 0);
      const text = `$ ${event.command} (exit ${event.exitCode})`;
      return { category: 'step', text, bad, output: outputOf(event) };
    }
    case 'shell/commandRan': {
      const text = `${event.machine}$ ${event.command} (exit ${event.exitCode})`;
      return { category: 'step', text, bad: false, output: outputOf(event) };
    }
    case 'scenario/expectationChecked': {
      const text = event.passed
        ? `ok: ${event.expectation}`
        : `FAIL: ${event.expectation}, but ${event.actual}`;
      return { category: 'check', text, bad: !event.passed };
    }
    default:
      return { category: 'other', text: event.type, bad: false };
  }
}

/** `nodeCrash worker2`, `partition manager1 | worker1, worker2`... */
export function faultWords(fault: Fault, names: Names): string {
  switch (fault.kind) {
    case 'partition': {
      const side = (ids: string[]) => ids.map((id) => names.host(id)).join(', ');
      return `partition ${side(fault.from)} ${fault.oneWay ? '->' : '|'} ${side(fault.to)}`;
    }
    case 'containerCrash':
    case 'oomKill':
      return `${fault.kind} ${names.task(fault.taskId)}`;
    case 'pullFailure':
    case 'slowPull':
    case 'startFailure':
      return `${fault.kind} ${names.host(fault.nodeId)}${fault.image ? ` ${fault.image}` : ''}`;
    default:
      return `${fault.kind} ${names.host(fault.nodeId)}`;
  }
}

/** The first lines a command printed: enough for a tooltip. */
function outputOf(event: { stdout: string; stderr: string }): string {
  const lines = `${event.stdout}${event.stderr}`.split('\n');
  const more = lines.length > OUTPUT_LINES ? `\n... ${lines.length - OUTPUT_LINES} more lines` : '';
  return lines.slice(0, OUTPUT_LINES).join('\n').trimEnd() + more;
}

function task(text: string): DescribedEvent {
  return { category: 'task', text, bad: false };
}

function raft(text: string): DescribedEvent {
  return { category: 'raft', text, bad: false };
}
