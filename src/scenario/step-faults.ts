/**
 * Fault steps (`crash: worker1`, `kill: web.1`, `slow-pull: worker1, extra: 30s`...): each is
 * the `sim` command of the same name (src/faults/sim-commands.ts), and some take option fields
 * of their own, which no other step may carry.
 */
import type { IssueCollector } from './issues.js';
import type { DataPath } from './locate.js';
import type { StepInput } from './schema-steps.js';
import { formatDuration, formatMemorySize } from './units.js';

/** The `sim` command a fault action stands for, if the step is one. */
export function faultArgv(input: StepInput): string[] | null {
  if (input.crash) return ['sim', 'crash', input.crash];
  if (input.restart) return ['sim', 'restart', input.restart, ...restartOptions(input)];
  if (input.leave) return ['sim', 'leave', input.leave];
  if (input.heal) return ['sim', 'heal', input.heal];
  if (input.partition) {
    const hosts = typeof input.partition === 'string' ? [input.partition] : input.partition;
    return ['sim', 'partition', hosts.join(','), ...(input['one-way'] ? ['--one-way'] : [])];
  }
  const exit = input['exit-code'];
  if (input.kill) return ['sim', 'kill', input.kill, ...(exit === undefined ? [] : [`${exit}`])];
  if (input.oom) return ['sim', 'oom', input.oom];
  const image = input.image === undefined ? [] : [input.image];
  if (input['pull-fail']) return ['sim', 'pull-fail', input['pull-fail'], ...image];
  if (input['start-fail']) return ['sim', 'start-fail', input['start-fail'], ...image];
  if (input['slow-pull']) {
    return ['sim', 'slow-pull', input['slow-pull'], formatDuration(input.extra ?? 0), ...image];
  }
  return null;
}

/** The `sim restart` words for a restart step's downtime and new totals. */
function restartOptions(input: StepInput): string[] {
  const words: string[] = [];
  if (input.downtime !== undefined) words.push(formatDuration(input.downtime));
  if (input.memory !== undefined) words.push('--memory', formatMemorySize(input.memory));
  if (input.cpus !== undefined) words.push('--cpus', String(input.cpus));
  for (const [key, value] of Object.entries(input.engineLabels ?? {})) {
    words.push('--label', `${key}=${value}`);
  }
  for (const resource of input.genericResources ?? []) {
    words.push('--node-generic-resource', resource);
  }
  return words;
}

type OptionField = 'downtime' | 'cpus' | 'memory' | 'engineLabels' | 'genericResources' |
  'exit-code' | 'image' | 'extra' | 'one-way';

/** Each option field, the actions it goes with, and an example of its use. */
const OPTIONS: readonly [OptionField, readonly (keyof StepInput)[], string][] = [
  ...(['downtime', 'cpus', 'memory', 'engineLabels', 'genericResources'] as const).map(
    (field): [OptionField, (keyof StepInput)[], string] =>
      [field, ['restart'], '{at: 30s, restart: worker1, memory: 1GiB}'],
  ),
  ['exit-code', ['kill'], '{at: 30s, kill: web.1, exit-code: 137}'],
  ['image', ['pull-fail', 'slow-pull', 'start-fail'], '{at: 9s, pull-fail: worker1, image: nginx}'],
  ['extra', ['slow-pull'], '{at: 30s, slow-pull: worker1, extra: 30s}'],
  ['one-way', ['partition'], '{at: 30s, partition: manager1, one-way: true}'],
];

/** Reports option fields on a step whose action does not take them, and a missing `extra`. */
export function optionIssues(input: StepInput, path: DataPath, issues: IssueCollector): void {
  for (const [field, actions, example] of OPTIONS) {
    if (input[field] === undefined || actions.some((action) => input[action] !== undefined)) {
      continue;
    }
    const owners = actions.join(', ').replace(/, ([^,]*)$/, ' or $1');
    issues.atValue([...path, field], `${field} goes with a ${owners} step`, `e.g. ${example}`);
  }
  if (input['slow-pull'] !== undefined && input.extra === undefined) {
    const problem = 'a slow-pull step needs extra: how much longer each pull takes';
    const hint = 'e.g. {at: 30s, slow-pull: worker1, extra: 30s}';
    issues.atValue([...path, 'slow-pull'], problem, hint);
  }
}
