/**
 * The node lanes: a header per node (hostname, role, leader mark, STATUS and AVAILABILITY as
 * `node ls` words, and whether the host itself is down), its tasks as boxes coloured by state,
 * and a last lane for tasks no node took, with the scheduler's reason.
 */
import { select } from 'd3';
import type { Lanes, NodeLane, StateGroup, TaskBox } from '../data/lanes.js';
import { byId } from './dom.js';

const HOST_DOWN = 'the host crashed, is restarting or left, whatever the managers believe yet';

/** The colour groups, in the order the legend lists them. */
const GROUPS: readonly [StateGroup, string][] = [
  ['pending', 'new, pending, assigned'],
  ['starting', 'accepted, preparing, ready, starting'],
  ['running', 'running'],
  ['complete', 'complete'],
  ['shutdown', 'shutdown, remove'],
  ['failed', 'failed, rejected, orphaned'],
];

/** Draws the legend once. */
export function drawLegend(): void {
  select(byId('legend'))
    .selectAll('li')
    .data(GROUPS)
    .join('li')
    .html(([group, states]) => `<span class="swatch g-${group}"></span>${states}`);
}

/** Draws the lanes; a click on a task box calls `onTask` with its id. */
export function drawLanes(
  lanes: Lanes,
  selected: string | null,
  onTask: (id: string) => void,
): void {
  const pendingLane = { nodeId: '', hostname: '', tasks: lanes.pending } as const;
  const rows = [...lanes.nodes, ...(lanes.pending.length ? [pendingLane] : [])];
  const lane = select(byId('lanes'))
    .selectAll<HTMLDivElement, NodeLane | typeof pendingLane>('div.lane')
    .data(rows, (row) => row.nodeId || 'pending')
    .join((enter) => {
      const div = enter.append('div').attr('class', 'lane');
      div.append('div').attr('class', 'lane-head');
      div.append('div').attr('class', 'lane-tasks');
      return div;
    })
    .attr('data-node', (row) => row.hostname || 'pending')
    .classed('pending-lane', (row) => row.nodeId === '')
    .classed('down', (row) => 'status' in row && (row.status !== 'Ready' || row.hostDown));
  lane.select('.lane-head').html((row) => ('status' in row ? headOf(row) : pendingHead()));
  lane
    .select('.lane-tasks')
    .selectAll<HTMLDivElement, TaskBox>('div.task')
    .data((row) => row.tasks, (task) => task.taskId)
    .join('div')
    .attr('class', (task) => `task g-${task.group}${task.ended ? ' ended' : ''}`)
    .classed('selected', (task) => task.taskId === selected)
    .classed('leaving', (task) => !task.ended && task.desiredState !== 'running' &&
      task.desiredState !== 'complete')
    .attr('data-task', (task) => task.taskId)
    .attr('data-state', (task) => task.state)
    .attr('title', (task) => tooltip(task))
    // A pending task says why it waits; other errors are in the tooltip and the task panel.
    .text((task) => boxText(task))
    .on('click', (_event, task) => onTask(task.taskId));
}

function boxText(task: TaskBox): string {
  return task.err && task.group === 'pending' ? `${task.label}: ${task.err}` : task.label;
}

function headOf(lane: NodeLane): string {
  const parts = [
    `<span class="host">${escape(lane.hostname)}</span>`,
    `<span class="role">${lane.role}</span>`,
    lane.leader ? '<span class="leader" title="raft leader">★ Leader</span>' : '',
    lane.managerStatus && !lane.leader ? `<span class="mgr">${lane.managerStatus}</span>` : '',
    `<span class="status s-${lane.status.toLowerCase()}">${lane.status}</span>`,
    `<span class="avail a-${lane.availability.toLowerCase()}">${lane.availability}</span>`,
    lane.hostDown ? `<span class="host-down" title="${HOST_DOWN}">host down</span>` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function pendingHead(): string {
  return '<span class="host">not placed</span> <span class="role">pending tasks</span>';
}

function tooltip(task: TaskBox): string {
  const err = task.err ? `\n${task.err}` : '';
  return `${task.label} (${task.taskId})\n${task.state}, desired ${task.desiredState}${err}`;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
