/**
 * Scenario steps: what runs when. A step is a command line (`run: docker ...`) or a structured
 * node action (`drain: worker1`, `label-add: {...}`), which is turned into the docker command a
 * person would type, so both kinds go through the same docker emulation and both appear in the
 * log as the command line that ran.
 */
import shellQuote from 'shell-quote';
import type { SourcePosition } from './errors.js';
import type { IssueCollector } from './issues.js';
import type { DataPath } from './locate.js';
import { STEP_ACTIONS, type StepInput } from './schema-steps.js';
import { SIM_COMMANDS } from './sim-commands.js';
import { faultArgv, optionIssues } from './step-faults.js';

/** One step, ready to schedule. */
export interface ScenarioStep {
  /** Virtual time the step runs at, ms. */
  atMs: number;
  atPosition: SourcePosition;
  /** Where the action is written; the log names the step by it. */
  position: SourcePosition;
  /** The command line as written, or as generated for a structured action. */
  command: string;
  /** `command` split into words; the first is `docker` or `sim`. */
  argv: string[];
  /** Hostname of the node the command runs on; the leading manager when absent. */
  on: string | undefined;
  /** The exit code the step must return; any other fails the scenario. */
  expectExit: number;
}

const RUN_HINT = 'a step runs a docker command, e.g. run: docker service ls, or a sim command';
const OPERATOR_HINT = 'quote it if it is part of an argument, or use one step per command';

/** Turns validated step input into a step; reports and returns null when it cannot. */
export function buildStep(
  input: StepInput,
  path: DataPath,
  hostnames: readonly string[],
  issues: IssueCollector,
): ScenarioStep | null {
  const actions = STEP_ACTIONS.filter((action) => input[action] !== undefined);
  if (actions.length !== 1) {
    const problem =
      actions.length === 0
        ? 'a step needs an action'
        : `a step has one action, not ${actions.join(' and ')}`;
    issues.atValue(path, problem, `actions: ${STEP_ACTIONS.join(', ')}`);
    return null;
  }
  const action = actions[0]!;
  const argv =
    action === 'run' ? splitCommand(input.run!, [...path, 'run'], issues) : actionArgv(input);
  const before = issues.issues.length;
  optionIssues(input, path, issues);
  for (const [key, host] of nodeReferences(input)) {
    checkHost(host, [...path, ...key], hostnames, issues);
  }
  if (!argv || issues.issues.length > before) return null;
  return {
    atMs: input.at ?? 0,
    atPosition: issues.locator.value(input.at === undefined ? path : [...path, 'at']),
    position: issues.locator.value([...path, action]),
    command: action === 'run' ? input.run!.trim() : argv.map(quoteWord).join(' '),
    argv,
    on: input.on,
    expectExit: input['expect-exit'] ?? 0,
  };
}

/** Splits a command line as a POSIX shell would, refusing what a shell would do for us. */
function splitCommand(line: string, path: DataPath, issues: IssueCollector): string[] | null {
  const quote = unclosedQuote(line);
  if (quote) {
    const problem = `unclosed ${quote} in '${line.trim()}'`;
    issues.atValue(path, problem, 'close the quote or quote the whole command');
    return null;
  }
  const words: string[] = [];
  // Keep `$VAR` literally: a scenario has no environment, and the run must not depend on one.
  for (const token of shellQuote.parse(line, (name) => `$${name}`)) {
    if (typeof token === 'string') words.push(token);
    else if ('comment' in token) break;
    else if (token.op === 'glob') words.push(token.pattern);
    else {
      const problem = `shell operator '${token.op}' is not supported in a step`;
      issues.atValue(path, problem, OPERATOR_HINT);
      return null;
    }
  }
  const first = words[0];
  if (first === 'docker') return words;
  if (first === 'sim') return checkSimCommand(words, path, issues) ? words : null;
  const problem = first === undefined ? 'empty command' : `unknown command '${first}'`;
  issues.atValue(path, problem, RUN_HINT);
  return null;
}

function checkSimCommand(words: string[], path: DataPath, issues: IssueCollector): boolean {
  const name = words[1] ?? '';
  const command = Object.hasOwn(SIM_COMMANDS, name) ? SIM_COMMANDS[name] : undefined;
  const known = Object.keys(SIM_COMMANDS).sort();
  if (!command) {
    const valid = known.length ? `sim commands: ${known.join(', ')}` : 'no sim commands exist yet';
    issues.atValue(path, `unknown sim command '${name}'`, valid);
    return false;
  }
  const problem = command.check(words.slice(2));
  if (problem) issues.atValue(path, problem, `usage: ${command.usage}`);
  return problem === null;
}

/** The docker command a structured action stands for. */
function actionArgv(input: StepInput): string[] {
  const update = ['docker', 'node', 'update'];
  if (input.drain) return [...update, '--availability', 'drain', input.drain];
  if (input.pause) return [...update, '--availability', 'pause', input.pause];
  if (input.activate) return [...update, '--availability', 'active', input.activate];
  if (input.promote) return ['docker', 'node', 'promote', input.promote];
  if (input.demote) return ['docker', 'node', 'demote', input.demote];
  const fault = faultArgv(input);
  if (fault) return fault;
  const add = input['label-add'];
  if (add) {
    const flags = Object.entries(add.labels).flatMap(([key, value]) => [
      '--label-add',
      `${key}=${value}`,
    ]);
    return [...update, ...flags, add.node];
  }
  const remove = input['label-rm']!;
  return [...update, ...remove.labels.flatMap((key) => ['--label-rm', key]), remove.node];
}

/** Hostnames a step names, with the path (relative to the step) where each is written. */
function nodeReferences(input: StepInput): [string[], string][] {
  const refs: [string[], string | undefined][] = [
    [['on'], input.on],
    [['drain'], input.drain],
    [['pause'], input.pause],
    [['activate'], input.activate],
    [['promote'], input.promote],
    [['demote'], input.demote],
    [['label-add', 'node'], input['label-add']?.node],
    [['label-rm', 'node'], input['label-rm']?.node],
    [['crash'], input.crash],
    [['restart'], input.restart],
    [['leave'], input.leave],
    [['heal'], input.heal === 'all' ? undefined : input.heal],
    [['pull-fail'], input['pull-fail']],
    [['slow-pull'], input['slow-pull']],
    [['start-fail'], input['start-fail']],
    ...(Array.isArray(input.partition)
      ? input.partition.map((host, i): [string[], string] => [['partition', String(i)], host])
      : [[['partition'], input.partition] as [string[], string | undefined]]),
  ];
  return refs.filter((ref): ref is [string[], string] => ref[1] !== undefined);
}

function checkHost(
  host: string,
  path: DataPath,
  hostnames: readonly string[],
  issues: IssueCollector,
): void {
  if (hostnames.length === 0 || hostnames.includes(host)) return;
  issues.atValue(path, `unknown node '${host}'`, `nodes: ${hostnames.join(', ')}`);
}

/** A word as a person would type it: bare when safe (`disk=ssd`), else single-quoted. */
function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The quote left open at the end of `line`, if any (single quotes take no escapes). */
export function unclosedQuote(line: string): 'single quote' | 'double quote' | null {
  let open: "'" | '"' | null = null;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (open !== "'" && char === '\\') index += 1;
    else if (open === null && (char === "'" || char === '"')) open = char;
    else if (char === open) open = null;
  }
  return open === "'" ? 'single quote' : open === '"' ? 'double quote' : null;
}
