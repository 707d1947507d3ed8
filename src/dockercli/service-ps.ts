/**
 * `docker service ps SERVICE...`: the tasks of the named services, history included. The CLI
 * resolves each argument itself (full ID, then exact name, then a unique ID prefix); names it
 * cannot find are reported after the table, and if none is found only the errors are printed.
 */
import type { ClusterState } from '../model/state.js';
import { tasksOfService } from '../model/state.js';
import { isTaskState } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import {
  daemonErrorLine,
  failure,
  type CommandOutput,
  type DockerCommand,
  type DockerSession,
} from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { lastValue, type FlagDef, type ParsedFlags } from './flags.js';
import { findNode } from '../api/lookup.js';
import { isApiError } from '../api/errors.js';
import {
  filtersOf,
  invalidFilter,
  listFormat,
  matchesLabels,
  matchesPrefix,
  filterFlag,
  type Filters,
} from './list-support.js';
import { fullTaskName, printTasks, TASK_RAW, TASK_TABLE } from './task-rows.js';

const TASK_FILTERS = [
  'name',
  'id',
  'label',
  'service',
  'node',
  'desired-state',
  '_up-to-date',
  'runtime',
];

/**
 * The options of the task lists, `service ps` and `node ps`, as `--help` shows them; the flags
 * they declare are the ones `selectTasks` and `printParsedTasks` read.
 */
export const TASK_LIST_OPTIONS_HELP =
  '  -f, --filter filter   Filter output based on conditions provided\n' +
  '      --format string   Pretty-print tasks using a Go template\n' +
  '      --no-resolve      Do not map IDs to Names\n' +
  '      --no-trunc        Do not truncate output\n' +
  '  -q, --quiet           Only display task IDs\n';

/** The flags of `service ps` and `node ps`. */
export function taskListFlags(): FlagDef[] {
  return [
    filterFlag(),
    stringFlag('format'),
    boolFlag('no-resolve'),
    boolFlag('no-trunc'),
    boolFlag('quiet', 'q'),
  ];
}

/** `docker service ps` */
export const servicePs: DockerCommand = {
  path: ['service', 'ps'],
  use: 'ps [OPTIONS] SERVICE [SERVICE...]',
  short: 'List the tasks of one or more services',
  help: {
    options: TASK_LIST_OPTIONS_HELP,
  },
  flags: taskListFlags(),
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const serviceIds: string[] = [];
    const notFound: string[] = [];
    for (const input of parsed.args) {
      const found = resolveServiceArg(ctx.state, input);
      if (found === 'ambiguous')
        return failure(`multiple services found with provided prefix: ${input}`);
      if (found === null) notFound.push(`no such service: ${input}`);
      else serviceIds.push(found);
    }
    if (serviceIds.length === 0) return failure(notFound.join('\n'));
    const filters = filtersOf(parsed);
    const tasks = selectTasks(
      ctx.state,
      session,
      filters,
      serviceIds.flatMap((id) => tasksOfService(ctx.state, id)),
    );
    if (typeof tasks === 'string') return failure(tasks);
    const out = printParsedTasks(ctx.state, ctx.now, tasks, parsed);
    if (notFound.length === 0 || out.exitCode !== 0) return out;
    return { ...out, stderr: `${out.stderr}${notFound.join('\n')}\n`, exitCode: 1 };
  },
};

/** The CLI's own matching: full ID, exact (case-sensitive) name, then a unique ID prefix. */
function resolveServiceArg(state: ClusterState, input: string): string | null | 'ambiguous' {
  const services = state.serviceIds.map((id) => state.services[id]!);
  const exact =
    services.find((service) => service.id === input) ??
    services.find((service) => service.spec.name === input);
  if (exact) return exact.id;
  const byPrefix = services.filter((service) => service.id.startsWith(input));
  if (byPrefix.length > 1) return 'ambiguous';
  return byPrefix[0]?.id ?? null;
}

/** Prints tasks with the ps flags (`--format`, `-q`, `--no-trunc`, `--no-resolve`). */
export function printParsedTasks(
  state: ClusterState,
  now: number,
  tasks: readonly Task[],
  parsed: ParsedFlags,
): CommandOutput {
  const quiet = lastValue<boolean>(parsed, 'quiet') ?? false;
  const noTrunc = quiet || (lastValue<boolean>(parsed, 'no-trunc') ?? false);
  const resolve = !(lastValue<boolean>(parsed, 'no-resolve') ?? false);
  const format = listFormat(parsed, { table: TASK_TABLE, raw: TASK_RAW });
  return printTasks(state, tasks, format, { trunc: !noTrunc, resolve, now });
}

/**
 * Applies task filters as the daemon does (names and IDs by prefix, node and service by
 * lookup, desired state by name); returns the daemon's error line instead when one is refused.
 */
export function selectTasks(
  state: ClusterState,
  session: DockerSession,
  filters: Filters,
  tasks: readonly Task[],
): Task[] | string {
  const invalid = invalidFilter(filters, TASK_FILTERS);
  if (invalid) return invalid;
  const nodeIds: string[] = [];
  for (const value of filters.get('node') ?? []) {
    const node = findNode(state, value === 'self' ? session.nodeId : value);
    if (isApiError(node)) return daemonErrorLine(node);
    nodeIds.push(node.id);
  }
  const desired = filters.get('desired-state') ?? [];
  const badState = desired.find((value) => value !== '' && !isTaskState(value.toLowerCase()));
  if (badState !== undefined) {
    return `Error response from daemon: Invalid desired-state filter: '${badState}'`;
  }
  const states = desired.filter((value) => value !== '').map((value) => value.toLowerCase());
  return tasks.filter((task) => {
    const service = state.services[task.serviceId];
    const taskName = fullTaskName(state, task);
    return (
      matchesPrefix(filters, 'name', taskName) &&
      matchesPrefix(filters, 'id', task.id) &&
      matchesLabels(filters, 'label', service?.spec.labels ?? {}) &&
      (nodeIds.length === 0 || nodeIds.includes(task.nodeId)) &&
      (states.length === 0 || states.includes(task.desiredState)) &&
      (filters.get('runtime')?.some((r) => r === 'container' || r === '') ?? true)
    );
  });
}
