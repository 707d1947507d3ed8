/**
 * `docker stack ls`, `docker stack services STACK` and `docker stack ps STACK`. The last two are
 * `service ls` and `service ps` narrowed to the stack's namespace label; an empty result is
 * reported as docker 28 does (`Nothing found in stack` with exit 0 for services, lower-case
 * `nothing found in stack` with exit 1 for ps).
 */
import { tasksOfService } from '../model/state.js';
import { daemonErrorLine, failure, type DockerCommand } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { LIST_FORMAT_HELP } from './help-texts.js';
import { filterFlag, filtersOf, listFormat, printRows } from './list-support.js';
import { serviceLs } from './service-ls.js';
import {
  printParsedTasks,
  selectTasks,
  TASK_LIST_OPTIONS_HELP,
  taskListFlags,
} from './service-ps.js';
import { stackCounts, stackServices, withNamespaceFilter } from './stack-support.js';
import { GoStruct } from './template/values.js';

/** `docker stack ls` (aliases `list`): NAME and SERVICES; CLI 28 has no ORCHESTRATOR column. */
export const stackLs: DockerCommand = {
  path: ['stack', 'ls'],
  aliases: ['list'],
  use: 'ls [OPTIONS]',
  short: 'List stacks',
  help: { aliases: 'docker stack ls, docker stack list', options: LIST_FORMAT_HELP },
  flags: [stringFlag('format')],
  args: { none: true },
  run(ctx, parsed, session) {
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const rows = stackCounts(ctx.state).map(
      (stack) =>
        new GoStruct(
          '*formatter.stackContext',
          [
            { name: 'Name', value: stack.name },
            { name: 'Services', value: String(stack.services) },
          ],
          true,
        ),
    );
    const format = listFormat(parsed, { table: 'table {{.Name}}\t{{.Services}}' });
    return printRows(format, rows, { Name: 'NAME', Services: 'SERVICES' });
  },
};

/** `docker stack services STACK`: `service ls` of the stack's services. */
export const stackServicesCommand: DockerCommand = {
  path: ['stack', 'services'],
  use: 'services [OPTIONS] STACK',
  short: 'List the services in the stack',
  help: {
    options:
      '  -f, --filter filter   Filter output based on conditions provided\n' +
      LIST_FORMAT_HELP +
      '  -q, --quiet           Only display IDs\n',
  },
  flags: [filterFlag(), stringFlag('format'), boolFlag('quiet', 'q')],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const stack = parsed.args[0]!;
    const narrowed = { ...withNamespaceFilter(parsed, stack), args: [] };
    const listed = serviceLs.run(ctx, narrowed, session);
    if (listed.exitCode !== 0) return listed;
    // The same listing with only its IDs tells whether anything matched.
    const idsOnly = { ...narrowed, values: { ...narrowed.values, format: ['{{.ID}}'] } };
    const ids = serviceLs.run(ctx, idsOnly, session);
    if (ids.stdout !== '') return listed;
    return { stdout: '', stderr: `Nothing found in stack: ${stack}\n`, exitCode: 0 };
  },
};

/** `docker stack ps STACK`: `service ps` of every service of the stack. */
export const stackPs: DockerCommand = {
  path: ['stack', 'ps'],
  use: 'ps [OPTIONS] STACK',
  short: 'List the tasks in the stack',
  help: { options: TASK_LIST_OPTIONS_HELP.replace(/^ {6}--format string.*\n/m, LIST_FORMAT_HELP) },
  flags: taskListFlags(),
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const stack = parsed.args[0]!;
    const all = stackServices(ctx.state, stack).flatMap((s) => tasksOfService(ctx.state, s.id));
    const tasks = selectTasks(ctx.state, session, filtersOf(parsed), all);
    if (typeof tasks === 'string') return failure(tasks);
    if (tasks.length === 0) return failure(`nothing found in stack: ${stack}`);
    return printParsedTasks(ctx.state, ctx.now, tasks, parsed);
  },
};
