/**
 * Expectation sentences about rolling updates and rollbacks, in the words `docker service
 * inspect` and `docker service ps` show them: the UpdateStatus, the spec and previous spec, and
 * each slot's rows. They read the same objects the docker CLI view prints (service-object.ts,
 * task-rows.ts), so a sentence holds exactly when the learner would see it.
 */
import { printTasks } from '../dockercli/task-rows.js';
import { displayImage } from '../dockercli/image-display.js';
import { serviceObject } from '../dockercli/service-object.js';
import { renderTemplate } from '../dockercli/template/index.js';
import { compareNatural } from '../model/natural-sort.js';
import { tasksOfService, type ClusterState } from '../model/state.js';
import { displayTaskState, TASK_STATES } from '../model/task-state.js';
import type { Service, Task, UpdateStatus } from '../model/types.js';
import type { Check, CheckResult } from './expectations.js';
import { onService } from './on-service.js';
import * as q from './queries.js';
import { unknownWord, type SentenceProblem } from './sentence-words.js';

/** One entry of the sentence table (the same shape as expectations.ts's entries). */
interface UpdateSentence {
  form: string;
  pattern: RegExp;
  compile(words: (string | undefined)[]): Check | SentenceProblem;
}

/** UpdateStatus.State as `docker service inspect` prints it. */
const UPDATE_STATES = [
  'updating',
  'paused',
  'completed',
  'rollback_started',
  'rollback_paused',
  'rollback_completed',
];
const STATE_WORDS = TASK_STATES.map(displayTaskState);
/** A field path as `--format '{{json PATH}}'` takes it: `.Spec.Mode.Replicated.Replicas`. */
const FIELD_PATH = /^(?:\.[A-Za-z_]\w*)+$/;

/** The update sentences, spread into SENTENCES. */
export const UPDATE_SENTENCES: readonly UpdateSentence[] = [
  {
    form: 'service NAME update is STATE [with message "MESSAGE"]',
    pattern: /^service (\S+) update is (\w+)(?: with message "(.*)")?$/,
    compile: ([name, word, message]) => {
      const wanted = word!.toLowerCase();
      if (!UPDATE_STATES.includes(wanted)) return unknownWord('update state', word!, UPDATE_STATES);
      return onService(name!, (_state, service) => {
        const status = service.updateStatus;
        const passed =
          status !== null &&
          status.state === wanted &&
          (message === undefined || status.message === message);
        return { passed, actual: updateWords(name!, status) };
      });
    },
  },
  {
    form: 'service NAME has no update status',
    pattern: /^service (\S+) has no update status$/,
    compile: ([name]) =>
      onService(name!, (_state, service) => ({
        passed: service.updateStatus === null,
        actual: updateWords(name!, service.updateStatus),
      })),
  },
  {
    form: 'service NAME [previous] image is IMAGE',
    pattern: /^service (\S+) (previous )?image is (\S+)$/,
    compile: ([name, previous, image]) =>
      onService(name!, (_state, service) => {
        const spec = previous ? service.previousSpec : service.spec;
        if (!spec) return { passed: false, actual: `service ${name} has no previous spec` };
        // Compare as `service ls` shows images unless the sentence gives a digest.
        const seen = image!.includes('@') ? spec.task.container.image : shownImage(spec);
        const actual = `service ${name} ${previous ?? ''}image is ${seen}`;
        return { passed: seen === image, actual };
      }),
  },
  {
    form: 'service NAME has no previous spec',
    pattern: /^service (\S+) has no previous spec$/,
    compile: ([name]) =>
      onService(name!, (_state, service) => {
        const spec = service.previousSpec;
        const actual = spec
          ? `service ${name} previous image is ${shownImage(spec)}`
          : `service ${name} has no previous spec`;
        return { passed: spec === null, actual };
      }),
  },
  {
    form: 'service NAME inspect .FIELD.PATH is JSON',
    pattern: /^service (\S+) inspect (\S+) is (.+)$/,
    compile: ([name, path, text]) => {
      if (!FIELD_PATH.test(path!)) {
        const hint = 'write a field path as --format takes it, e.g. .Spec.UpdateConfig.Order';
        return { problem: `bad field path '${path}'`, hint };
      }
      const wanted = canonicalJson(text!);
      if (wanted === null) {
        const hint = 'write the value as JSON, e.g. "pause" (quoted), 1, ["ping","docker.com"]';
        return { problem: `bad JSON value '${text}'`, hint };
      }
      return onService(name!, (state, service) => {
        const rendered = renderTemplate(`{{json ${path}}}`, serviceObject(state, service));
        const seen = typeof rendered === 'string' ? rendered.trim() : rendered.message;
        const passed = typeof rendered === 'string' && canonicalJson(seen) === wanted;
        return { passed, actual: `service ${name} inspect ${path} is ${seen}` };
      });
    },
  },
  {
    form: 'slot NAME.SLOT shows STATE IMAGE[, STATE IMAGE...]|nothing',
    pattern: /^slot ([^.\s]+)\.(\S+) shows (.+)$/,
    compile: ([name, slot, list]) => {
      const wanted = wantedRows(list!);
      if (typeof wanted !== 'string') return wanted;
      return onService(name!, (state, service) => {
        const seen = slotRows(state, q.taskSlot(state, service, slot!));
        const actual = `slot ${name}.${slot} shows ${seen || 'nothing'}`;
        return { passed: seen === wanted, actual };
      });
    },
  },
  {
    form: 'every slot of NAME shows STATE IMAGE[, STATE IMAGE...]',
    pattern: /^every slot of (\S+) shows (.+)$/,
    compile: ([name, list]) => {
      const wanted = wantedRows(list!);
      if (typeof wanted !== 'string') return wanted;
      return onService(name!, (state, service) => everySlot(state, service, wanted));
    },
  },
];

/** The rows a slot sentence names, in slotRows' words, or why they cannot be read. */
function wantedRows(list: string): string | SentenceProblem {
  const texts = list === 'nothing' ? [] : list.split(/\s*,\s*/);
  const rows = texts.map((row) => row.split(' '));
  const bad = rows.find((row) => row.length !== 2);
  if (bad) {
    const hint = 'write each row as its state word and image, newest first, e.g. ' +
      'Running alpine:3.19, Shutdown alpine:3.18';
    return { problem: `bad row '${bad.join(' ')}'`, hint };
  }
  const badWord = rows.find(([word]) => !STATE_WORDS.includes(capitalise(word!)));
  if (badWord) return unknownWord('task state', badWord[0]!, STATE_WORDS);
  return rows.map(([word, image]) => `${capitalise(word!)} ${image}`).join(', ');
}

/**
 * Each slot `service ps` lists (a replicated slot, or a global service's node) shows `wanted`;
 * the first that does not is named. A service with no slot at all does not pass.
 */
function everySlot(state: ClusterState, service: Service, wanted: string): CheckResult {
  const groups = slotGroups(state, service);
  const off = groups.find(([, tasks]) => slotRows(state, tasks) !== wanted);
  const name = service.spec.name;
  const actual = off
    ? `slot ${name}.${off[0]} shows ${slotRows(state, off[1]) || 'nothing'}`
    : `every slot of ${name} (${groups.length}) shows ${wanted}`;
  return { passed: off === undefined && groups.length > 0, actual };
}

/** The service's tasks by slot number (replicated) or node hostname (global), in order. */
function slotGroups(state: ClusterState, service: Service): [string, Task[]][] {
  const groups = new Map<string, Task[]>();
  for (const task of tasksOfService(state, service.id)) {
    const key = task.slot > 0 ? String(task.slot) : q.taskHostname(state, task);
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  return [...groups.entries()].sort(([a], [b]) => compareNatural(a, b));
}

function updateWords(name: string, status: UpdateStatus | null): string {
  if (!status) return `service ${name} has no update status`;
  const message = status.message ? ` with message "${status.message}"` : '';
  return `service ${name} update is ${status.state}${message}`;
}

function shownImage(spec: { task: { container: { image: string } } }): string {
  return displayImage(spec.task.container.image);
}

/** JSON text in one canonical form (parsed and printed again), or null when it is not JSON. */
function canonicalJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * The slot's rows as `docker service ps` prints them (its own row builder and order: newest
 * first), each as the first word of CURRENT STATE and the IMAGE column.
 */
function slotRows(state: ClusterState, tasks: readonly Task[]): string {
  const format = '{{.CurrentState}}\t{{.Image}}';
  const printed = printTasks(state, tasks, format, { trunc: true, resolve: true, now: state.now });
  const lines = printed.stdout.split('\n').filter((line) => line !== '');
  return lines
    .map((line) => {
      const [current = '', image = ''] = line.split('\t');
      return `${current.split(' ')[0]} ${image}`;
    })
    .join(', ');
}


function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

