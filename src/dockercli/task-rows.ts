/**
 * How `docker service ps` and `docker node ps` print tasks (`cli/command/task`): each task is
 * named `<service>.<slot>` (or `<service>.<nodeID>` for slot 0), tasks are sorted by that name in
 * natural order and, within a name, newest first, and in table formats every older task of a
 * name is indented with ` \_ `. CURRENT STATE is the state and its age in virtual time.
 */
import { compareNatural } from '../model/natural-sort.js';
import type { ClusterState } from '../model/state.js';
import { displayTaskState } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { humanDuration } from './clock.js';
import type { CommandOutput } from './command.js';
import { isTableFormat } from './format.js';
import { displayImage, truncateId } from './image-display.js';
import { printRows } from './list-support.js';
import { GoStruct } from './template/values.js';

/** docker's default task table. */
export const TASK_TABLE =
  'table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t' +
  '{{.Error}}\t{{.Ports}}';

/** The raw format of task lists, and its quiet form. */
export const TASK_RAW = {
  normal:
    'id: {{.ID}}\\nname: {{.Name}}\\nimage: {{.Image}}\\nnode: {{.Node}}\\n' +
    'desired_state: {{.DesiredState}}\\ncurrent_state: {{.CurrentState}}\\nerror: {{.Error}}\\n' +
    'ports: {{.Ports}}\\n',
  quiet: 'id: {{.ID}}',
};

const TITLES = {
  ID: 'ID',
  Name: 'NAME',
  Image: 'IMAGE',
  Node: 'NODE',
  DesiredState: 'DESIRED STATE',
  CurrentState: 'CURRENT STATE',
  Error: 'ERROR',
  Ports: 'PORTS',
};

/** Longest error shown before `…` when output is truncated. */
const ERROR_LENGTH_MAX = 30;

/** How to print: truncate IDs, images and errors; resolve IDs to names. */
export interface TaskPrintOptions {
  trunc: boolean;
  resolve: boolean;
  /** The virtual instant ages are measured at (the simulation clock, not the last event). */
  now: number;
}

/** Prints `tasks` with `format` the way docker's task.Print does. */
export function printTasks(
  state: ClusterState,
  tasks: readonly Task[],
  format: string,
  options: TaskPrintOptions,
): CommandOutput {
  const named = tasks.map((task) => ({ task, name: taskName(state, task, options.resolve) }));
  // The daemon lists tasks in ID order; the CLI's stable sort keeps that order for ties.
  named.sort((a, b) => (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0));
  named.sort((a, b) => compareNatural(a.name, b.name) || b.task.createdAt - a.task.createdAt);
  const indent = isTableFormat(format) ? ' \\_ ' : '';
  const rows = named.map(({ task, name }, index) => {
    const shown = index > 0 && named[index - 1]!.name === name ? indent + name : name;
    return taskRow(state, task, shown, options);
  });
  return printRows(format, rows, TITLES);
}

function taskName(state: ClusterState, task: Task, resolve: boolean): string {
  const service = state.services[task.serviceId];
  const serviceName = resolve && service ? service.spec.name : task.serviceId;
  return `${serviceName}.${task.slot !== 0 ? task.slot : task.nodeId}`;
}

/**
 * swarmkit's full task name (`naming.Task`): `<service>.<slot>.<task id>`, or
 * `<service>.<node id>.<task id>` for slot 0. It is also the container's name.
 */
export function fullTaskName(state: ClusterState, task: Task): string {
  const slot = task.slot !== 0 ? task.slot : task.nodeId;
  // The engine named the container when it was created, from the service's name then.
  return `${createdServiceName(state, task)}.${slot}.${task.id}`;
}

/**
 * The service name a task's container was created with (its labels and name keep it after
 * `docker service rm`); the service ID for a task that predates the record of it.
 */
export function createdServiceName(state: ClusterState, task: Task): string {
  return task.serviceName ?? state.services[task.serviceId]?.spec.name ?? task.serviceId;
}

/** The hostname docker's ID resolver shows for a node ID (the ID itself if unknown). */
export function nodeName(state: ClusterState, nodeId: string, resolve = true): string {
  const node = state.nodes[nodeId];
  if (!resolve || !node) return nodeId;
  return node.description.hostname || nodeId;
}

function taskRow(
  state: ClusterState,
  task: Task,
  name: string,
  options: TaskPrintOptions,
): GoStruct {
  const image = task.spec.container.image;
  const age = humanDuration(options.now - task.status.timestamp).toLowerCase();
  return new GoStruct(
    '*task.taskContext',
    [
      { name: 'ID', value: options.trunc ? truncateId(task.id) : task.id },
      { name: 'Name', value: name },
      { name: 'Image', value: options.trunc ? displayImage(image) : image },
      { name: 'Node', value: nodeName(state, task.nodeId, options.resolve) },
      { name: 'DesiredState', value: displayTaskState(task.desiredState) },
      { name: 'CurrentState', value: `${displayTaskState(task.status.state)} ${age} ago` },
      { name: 'Error', value: errorText(task.status.err, options.trunc) },
      { name: 'Ports', value: taskPorts(task) },
    ],
    true,
  );
}

/** The ERROR column: quoted, cut to 30 columns with `…` unless --no-trunc. */
export function errorText(err: string, trunc: boolean): string {
  const shown = trunc ? ellipsis(err, ERROR_LENGTH_MAX) : err;
  return shown === '' ? '' : `"${shown}"`;
}

/** docker's formatter.Ellipsis for text of single-width characters. */
export function ellipsis(text: string, max: number): string {
  const chars = [...text];
  if (max <= 0) return '';
  if (max === 1) return chars[0] ?? '';
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** Host-mode ports the task's container published once it started. */
function taskPorts(task: Task): string {
  if (!task.transitions.some((transition) => transition.state === 'running')) return '';
  return task.endpoint.ports
    .filter((port) => port.publishMode === 'host')
    .map((port) => `*:${port.publishedPort}->${port.targetPort}/${port.protocol}`)
    .join(',');
}
