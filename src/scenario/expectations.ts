/**
 * The expectation language: one English sentence per expectation, read by a table of patterns.
 * Each entry has the form users write, a regular expression, and a compiler from the captured
 * words to a check of a cluster state. Adding a sentence means adding one entry to SENTENCES.
 *
 * Sentences describe what the docker CLI would show: REPLICAS as in `service ls`, a task's state
 * word and error as in `service ps`, a node's words as in `node ls`.
 */
import { compareNatural } from '../model/natural-sort.js';
import { replicaCount } from '../model/queries.js';
import type { ClusterState } from '../model/state.js';
import { nodeByHostname, tasksOfService } from '../model/state.js';
import { displayTaskState, isTaskState, TASK_STATES, type TaskState } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { pendingReason } from '../faults/liveness.js';
import { onService } from './on-service.js';
import * as q from './queries.js';
import { unknownWord, type SentenceProblem } from './sentence-words.js';
import { TRAFFIC_SENTENCES } from './expectations-traffic.js';
import { UPDATE_SENTENCES } from './expectations-update.js';

/** The outcome of one evaluation: whether it held and what was actually seen, in words. */
export interface CheckResult {
  passed: boolean;
  actual: string;
}

/** Evaluates an expectation against a state; pure. */
export type Check = (state: ClusterState) => CheckResult;

/** Why a sentence could not be read, and what would be valid instead. */
export type { SentenceProblem } from './sentence-words.js';

interface Sentence {
  /** The form shown to users, e.g. `service NAME has RUNNING/DESIRED running`. */
  form: string;
  pattern: RegExp;
  /** Builds the check from the captured words, or says what is wrong with them. */
  compile(words: (string | undefined)[]): Check | SentenceProblem;
}

const STATE_WORDS = TASK_STATES.map(displayTaskState);
const NODE_WORDS = ['Active', 'Pause', 'Drain', 'Ready', 'Down', 'Unknown', 'Disconnected'];
const MANAGER_WORDS = ['Leader', 'Reachable', 'Unreachable'];
const COUNT = '(?:(at least|at most) )?(\\d+)(?: (\\w+))?';

/** Every sentence the language knows. */
export const SENTENCES: readonly Sentence[] = [
  {
    form: 'service NAME has RUNNING/DESIRED running',
    pattern: /^service (\S+) has (\d+)\/(\d+) running$/,
    compile: ([name, running, desired]) =>
      onService(name!, (state, service) => {
        const count = replicaCount(state, service);
        const passed = count.running === Number(running) && count.desired === Number(desired);
        return { passed, actual: `service ${name} has ${count.running}/${count.desired} running` };
      }),
  },
  {
    form: 'service NAME has COUNT tasks on HOSTNAME',
    pattern: /^service (\S+) has (\d+) tasks? on (\S+)$/,
    compile: ([name, count, host]) =>
      onService(name!, (state, service) => {
        const tasks = q.currentTasks(state, service);
        const seen = tasks.filter((task) => q.taskHostname(state, task) === host).length;
        const missing = nodeByHostname(state, host!) ? '' : ` (there is no node ${host})`;
        const actual = `service ${name} has ${plural(seen, 'task')} on ${host}${missing}`;
        return { passed: seen === Number(count), actual };
      }),
  },
  {
    form: 'service NAME runs on HOSTNAME, HOSTNAME...',
    pattern: /^service (\S+) runs on (\S+(?:(?:\s*,\s*|\s+and\s+)\S+)*)$/,
    compile: ([name, list]) => {
      const wanted = sortedUnique(list!.split(/\s*,\s*|\s+and\s+/));
      return onService(name!, (state, service) => {
        const hosts = q.currentTasks(state, service).map((task) => q.taskHostname(state, task));
        const seen = sortedUnique(hosts.filter(Boolean));
        const passed = seen.join(',') === wanted.join(',');
        return { passed, actual: `service ${name} runs on ${seen.join(', ') || 'no node'}` };
      });
    },
  },
  {
    form: 'service NAME has [at least|at most] COUNT [STATE] tasks',
    pattern: new RegExp(`^service (\\S+) has ${COUNT} tasks?$`),
    compile: ([name, bound, count, word]) =>
      countTasks(`service ${name}`, name!, word, bound, count!, (state, keep) => {
        const service = q.findService(state, name!);
        return service ? tasksOfService(state, service.id).filter(keep) : null;
      }),
  },
  {
    form: 'service NAME does not exist',
    pattern: /^service (\S+) does not exist$/,
    compile: ([name]) => existence(name!, false),
  },
  {
    form: 'service NAME exists',
    pattern: /^service (\S+) exists$/,
    compile: ([name]) => existence(name!, true),
  },
  {
    form: 'task NAME.SLOT is STATE [on HOSTNAME] [with error "ERROR"]',
    pattern: /^task ([^.\s]+)\.(\S+) is (\w+)(?: on (\S+))?(?: with error "(.*)")?$/,
    compile: ([name, slot, word, host, error]) => {
      const wanted = taskState(word!);
      if (!wanted) return unknownWord('task state', word!, STATE_WORDS);
      return onService(name!, (state, service) => {
        const task = q.newestTask(q.taskSlot(state, service, slot!));
        if (!task) return { passed: false, actual: `task ${name}.${slot} does not exist` };
        const on = q.taskHostname(state, task);
        const passed =
          task.status.state === wanted &&
          (host === undefined || on === host) &&
          (error === undefined || task.status.err === error);
        const where = on ? ` on ${on}` : '';
        const err = task.status.err ? ` with error "${task.status.err}"` : '';
        return { passed, actual: `task ${name}.${slot} is ${q.taskStateWord(task)}${where}${err}` };
      });
    },
  },
  {
    form: 'slot NAME.SLOT has [at least|at most] COUNT [STATE] tasks',
    pattern: new RegExp(`^slot ([^.\\s]+)\\.(\\S+) has ${COUNT} tasks?$`),
    compile: ([name, slot, bound, count, word]) =>
      countTasks(`slot ${name}.${slot}`, name!, word, bound, count!, (state, keep) => {
        const service = q.findService(state, name!);
        return service ? q.taskSlot(state, service, slot!).filter(keep) : null;
      }),
  },
  {
    form: 'node HOSTNAME is Active|Pause|Drain|Ready|Down|Unknown|Disconnected|Leader|...',
    pattern: /^node (\S+) is (\w+)$/,
    compile: ([host, word]) => {
      const valid = [...NODE_WORDS, ...MANAGER_WORDS];
      const wanted = valid.find((known) => known.toLowerCase() === word!.toLowerCase());
      if (!wanted) return unknownWord('node word', word!, valid);
      return (state) => {
        const node = nodeByHostname(state, host!);
        if (!node) return { passed: false, actual: `there is no node ${host}` };
        const words = [
          q.nodeStatusWord(node),
          q.nodeAvailabilityWord(node),
          q.managerStatusWord(node),
        ];
        const actual = `node ${host} is ${words.filter(Boolean).join(', ')}`;
        return { passed: words.includes(wanted), actual };
      };
    },
  },
  {
    // Which manager wins an election is drawn from the seed; this names the acceptable ones.
    form: 'the leader is HOSTNAME [or HOSTNAME...]',
    pattern: /^the leader is (\S+(?: or \S+)*)$/,
    compile: ([names]) => {
      const wanted = names!.split(' or ');
      return (state) => {
        const leader = state.nodeIds
          .map((id) => state.nodes[id]!)
          .find((node) => q.managerStatusWord(node) === 'Leader');
        const actual = leader ? `the leader is ${leader.description.hostname}` : 'there is no leader';
        return { passed: !!leader && wanted.includes(leader.description.hostname), actual };
      };
    },
  },
  {
    // Liveness after faults (src/faults/liveness.ts): leader, nodes Ready, services whole.
    form: 'the swarm has settled',
    pattern: /^the swarm has settled$/,
    compile: () => (state) => {
      const pending = pendingReason(state);
      return { passed: pending === null, actual: pending ?? 'the swarm has settled' };
    },
  },
  ...UPDATE_SENTENCES,
  ...TRAFFIC_SENTENCES,
];

/** A compiled sentence, or why it could not be read. */
export type CompiledExpectation = { check: Check } | SentenceProblem;

/** Reads one sentence; runs of whitespace count as one space. */
export function compileExpectation(sentence: string): CompiledExpectation {
  const text = sentence.trim().replace(/\s+/g, ' ');
  for (const entry of SENTENCES) {
    const match = entry.pattern.exec(text);
    if (!match) continue;
    const compiled = entry.compile(match.slice(1));
    return typeof compiled === 'function' ? { check: compiled } : compiled;
  }
  // Offer the forms that start like the sentence, else all of them.
  const subject = text.split(' ')[0] ?? '';
  const related = SENTENCES.filter((entry) => entry.form.startsWith(`${subject} `));
  const forms = (related.length > 0 ? related : SENTENCES).map((entry) => entry.form);
  const hint = `valid sentences: ${forms.join(' | ')}`;
  return { problem: `unknown expectation '${text}'`, hint };
}

function existence(name: string, shouldExist: boolean): Check {
  return (state) => {
    const exists = q.findService(state, name) !== undefined;
    const actual = `service ${name} ${exists ? 'exists' : 'does not exist'}`;
    return { passed: exists === shouldExist, actual };
  };
}

/**
 * Counts the tasks `select` returns (null: the service does not exist), kept only when in
 * observed state `word` if one is given, and compares with `count` (exactly, at least, at most).
 */
function countTasks(
  subject: string,
  name: string,
  word: string | undefined,
  bound: string | undefined,
  count: string,
  select: (state: ClusterState, keep: (task: Task) => boolean) => Task[] | null,
): Check | SentenceProblem {
  const wanted = word === undefined ? undefined : taskState(word);
  if (wanted === null) return unknownWord('task state', word!, STATE_WORDS);
  const label = wanted ? `${displayTaskState(wanted)} task` : 'task';
  const n = Number(count);
  return (state) => {
    const found = select(state, (task) => wanted === undefined || task.status.state === wanted);
    if (!found) return { passed: false, actual: `service ${name} does not exist` };
    const seen = found.length;
    const passed = bound === 'at least' ? seen >= n : bound === 'at most' ? seen <= n : seen === n;
    return { passed, actual: `${subject} has ${plural(found.length, label)}` };
  };
}


function taskState(word: string): TaskState | null {
  const lower = word.toLowerCase();
  return isTaskState(lower) ? lower : null;
}


function sortedUnique(words: readonly string[]): string[] {
  return [...new Set(words)].sort(compareNatural);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
