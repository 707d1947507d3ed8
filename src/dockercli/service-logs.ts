/**
 * `docker service logs [OPTIONS] SERVICE|TASK`: what the service's (or the task's) containers
 * wrote, oldest first, each line prefixed `<service>.<slot>.<task id>@<node>` plus padding and
 * `    | `. Lines written to stderr go to stderr. `--tail N` keeps the last N lines of each
 * container, as swarmkit applies it per task.
 *
 * `-f` follows in virtual time where the session lets time pass (`swarmsim shell`, lessons): it
 * prints what comes next until the task ends or the service is removed, or, since docker would
 * follow for ever, for FOLLOW_LOGS_MS, then stops as if the user pressed Ctrl-C: long enough to
 * see a few lines arrive, short enough for a script or a lesson to go on.
 * Where time cannot pass (scenario steps) it prints what was written up to now and returns.
 * Tasks whose log driver the engine cannot read back (`none`, or a driver with its local cache
 * disabled) print nothing, as in docker, where the node's agent drops the read error.
 */
import { isApiError } from '../api/errors.js';
import { findService } from '../api/lookup.js';
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import { tasksOfService } from '../model/state.js';
import { isTerminal } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { goTimeAt } from './clock.js';
import { daemonErrorLine, failure, type DockerCommand, type DockerSession } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag, stringFlag, unsupportedFlag } from './flag-kinds.js';
import { lastValue, type ParsedFlags } from './flags.js';
import type { LogLine } from './log-book.js';
import { logsReadable } from './log-driver.js';
import type { ConvergenceFollower } from './progress.js';
import { fullTaskName, nodeName } from './task-rows.js';
import { formatRFC3339NanoFixed } from './template/go-time.js';
import { truncateId } from './image-display.js';

/** `docker service logs` */
export const serviceLogs: DockerCommand = {
  path: ['service', 'logs'],
  use: 'logs [OPTIONS] SERVICE|TASK',
  short: 'Fetch the logs of a service or task',
  help: {
    options:
      '      --details        Show extra details provided to logs\n' +
      '  -f, --follow         Follow log output\n' +
      '      --no-resolve     Do not map IDs to Names in output\n' +
      '      --no-task-ids    Do not include task IDs in output\n' +
      '      --no-trunc       Do not truncate output\n' +
      '      --raw            Do not neatly format logs\n' +
      '      --since string   Show logs since timestamp (e.g.\n' +
      '                       "2013-01-02T13:23:37Z") or relative (e.g. "42m"\n' +
      '                       for 42 minutes)\n' +
      '  -n, --tail string    Number of lines to show from the end of the logs\n' +
      '                       (default "all")\n' +
      '  -t, --timestamps     Show timestamps\n',
  },
  flags: [
    boolFlag('details'),
    boolFlag('follow', 'f'),
    boolFlag('no-resolve'),
    boolFlag('no-task-ids'),
    boolFlag('no-trunc'),
    boolFlag('raw'),
    unsupportedFlag('since'),
    stringFlag('tail', 'n'),
    boolFlag('timestamps', 't'),
  ],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const target = findTarget(ctx, session, parsed.args[0]!);
    if (typeof target === 'string') return failure(target);
    const tail = parseTail(lastValue<string>(parsed, 'tail') ?? 'all');
    if (typeof tail === 'string') return failure(`Error response from daemon: ${tail}`);
    if (!session.logs) return failure('swarmsim: container logs are not recorded in this session');
    const logs = session.logs;
    // Tasks whose log driver cannot be read add nothing: their node drops the error.
    const lines = target.tasks.filter((task) => logsReadable(task.spec)).flatMap((task) => {
      const all = logs.linesOf(task.id);
      return tail === null ? all : all.slice(Math.max(0, all.length - tail));
    });
    const follower = lastValue<boolean>(parsed, 'follow') ? session.follow : undefined;
    let later = ctx;
    let note = '';
    if (follower) {
      const startedAt = ctx.now;
      const followed = followLogs(ctx, session, follower, parsed.args[0]!, target.tasks);
      later = followed.ctx;
      note = followed.note;
      const after = (line: LogLine) => line.at > startedAt;
      const readable = followed.tasks.filter((task) => logsReadable(task.spec));
      lines.push(...readable.flatMap((task) => logs.linesOf(task.id).filter(after)));
    }
    lines.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
    let stdout = '';
    let stderr = '';
    for (const line of lines) {
      const text = formatLine(later.state, line, parsed, target.padWidth);
      if (line.stream === 'stdout') stdout += text;
      else stderr += text;
    }
    return { stdout, stderr: stderr + note, exitCode: 0 };
  },
};

/** Virtual time between two looks at a followed service, ms. */
const FOLLOW_STEP_MS = 1000;

/** Virtual time `-f` follows before stopping as with Ctrl-C, ms. */
export const FOLLOW_LOGS_MS = 10_000;

/**
 * Lets virtual time pass while following: until the followed task has ended or the service is
 * gone, else for FOLLOW_LOGS_MS. Returns the tasks to read (new replicas included).
 */
function followLogs(
  ctx: SimContext,
  session: DockerSession,
  follower: ConvergenceFollower,
  input: string,
  followed: Task[],
): { ctx: SimContext; tasks: Task[]; note: string } {
  let current = ctx;
  let tasks = followed;
  const taskOnly = isApiError(findService(ctx.state, input));
  // ctx.now moves with the simulation: take the start and the end once.
  const startedAt = ctx.now;
  const limitMs = Math.min(FOLLOW_LOGS_MS, follower.limitMs);
  for (let at = startedAt + FOLLOW_STEP_MS; at <= startedAt + limitMs; at += FOLLOW_STEP_MS) {
    current = follower.advanceTo(at);
    const target = findTarget(current, session, input);
    if (typeof target === 'string') return { ctx: current, tasks, note: '' };
    tasks = target.tasks;
    if (taskOnly && tasks.every((task) => isTerminal(task.status.state))) {
      return { ctx: current, tasks, note: '' };
    }
  }
  const note = `swarmsim: stopped following after ${limitMs / 1000} s of virtual time (Ctrl-C)\n`;
  return { ctx: current, tasks, note };
}

interface Target {
  tasks: Task[];
  /** Digits of the replica count (service) or slot (task): slot numbers are padded to it. */
  padWidth: number;
}

function findTarget(ctx: SimContext, session: DockerSession, input: string): Target | string {
  const refused = managerGate(ctx, session);
  if (refused) return daemonErrorLine(refused);
  const service = findService(ctx.state, input);
  if (!isApiError(service)) {
    const replicas = 'replicated' in service.spec.mode ? service.spec.mode.replicated.replicas : 0;
    return { tasks: tasksOfService(ctx.state, service.id), padWidth: String(replicas).length };
  }
  if (service.code !== 'NotFound') return daemonErrorLine(service);
  const tasks = findTasks(ctx.state, input);
  if (tasks.length === 0) return `no such task or service: ${input}`;
  if (tasks.length > 1) {
    return `Error response from daemon: task ${input} is ambiguous (${tasks.length} matches found)`;
  }
  return { tasks, padWidth: String(tasks[0]!.slot).length };
}

/** The daemon's task lookup: full ID, then full task name, then ID prefix. */
function findTasks(state: ClusterState, input: string): Task[] {
  const exact = state.tasks[input];
  if (exact) return [exact];
  const all = state.serviceIds.flatMap((id) => tasksOfService(state, id));
  const byName = all.filter((task) => fullTaskName(state, task) === input);
  return byName.length > 0 ? byName : all.filter((task) => task.id.startsWith(input));
}

/** null for all lines; the daemon's refusal text otherwise. */
function parseTail(text: string): number | null | string {
  if (text === 'all' || text === '') return null;
  if (!/^[+-]?\d+$/.test(text)) return 'tail value must be a positive integer or "all"';
  const value = Number(text);
  return value < 0 ? 'negative tail values not supported' : value;
}

function formatLine(
  state: ClusterState,
  line: LogLine,
  parsed: ParsedFlags,
  padWidth: number,
): string {
  const flag = (name: string) => lastValue<boolean>(parsed, name) ?? false;
  const stamp = flag('timestamps') ? `${formatRFC3339NanoFixed(goTimeAt(line.at))} ` : '';
  if (flag('raw')) return `${stamp}${flag('details') ? ' ' : ''}${line.line}\n`;
  const task = state.tasks[line.taskId]!;
  const service = state.services[task.serviceId]!;
  const resolve = !flag('no-resolve');
  let name = `${resolve ? service.spec.name : service.id}.${task.slot}`;
  if (!flag('no-task-ids')) name += `.${flag('no-trunc') ? task.id : truncateId(task.id)}`;
  const padding = ' '.repeat(Math.max(0, padWidth - String(task.slot).length));
  const context = `${name}@${nodeName(state, task.nodeId, resolve)}${padding}`;
  return `${stamp}${context}    | ${flag('details') ? ' ' : ''}${line.line}\n`;
}
