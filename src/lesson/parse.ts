/**
 * Loads a lesson file: YAML with positions, the schema, then the rules that span fields (one
 * action per step, regexes that compile, check sentences the expectation language knows, a start
 * machine the lab has). Every problem is a ScenarioError naming `file:line:column`, like
 * scenario files; nothing else is thrown, whatever the text.
 */
import { ScenarioError, type ScenarioIssue, type SourcePosition } from '../scenario/errors.js';
import { compileExpectation, type Check } from '../scenario/expectations.js';
import { IssueCollector } from '../scenario/issues.js';
import type { DataPath } from '../scenario/locate.js';
import { readYamlDocument, type YamlDocument } from '../scenario/yaml.js';
import {
  lessonSchema,
  RUN_FIELDS,
  STEP_ACTIONS,
  type Bilingual,
  type LessonInput,
  type LessonStepInput,
} from './schema.js';

/** Seed when the lesson names none. */
export const DEFAULT_LESSON_SEED = 1;

/** A regex of `shows` or `hides`, with the text it was written as. */
export interface OutputPattern {
  source: string;
  regex: RegExp;
}

/** One compiled check sentence. */
export interface LessonCheck {
  sentence: string;
  check: Check;
  position: SourcePosition;
}

/** One step of a lesson, ready to play. */
export type LessonStep =
  | { kind: 'say'; text: Bilingual }
  | {
      kind: 'run';
      line: string;
      /** Expected exit code. */
      exit: number;
      shows: OutputPattern[];
      hides: OutputPattern[];
      position: SourcePosition;
    }
  | { kind: 'check'; checks: LessonCheck[] };

/** The lab a lesson plays on. */
export interface LessonLab {
  managers: number;
  workers: number;
  /** Several machines start with the swarm formed (PWD template). */
  swarm: boolean;
  /** Machine to start on; undefined = the first. */
  node: string | undefined;
}

/** A loaded lesson. */
export interface Lesson {
  file: string;
  name: string;
  title: Bilingual;
  /** Headings of the course notes the lesson follows. */
  sources: string[];
  lab: LessonLab;
  seed: number;
  needs: Bilingual | null;
  /** Virtual files commands may read, by path. */
  files: Readonly<Record<string, string>>;
  /** Images the registry holds beside the catalogue (names without tag), as in scenarios. */
  images: string[];
  steps: LessonStep[];
}

/** Parses lesson text; `file` is the name used in messages. Throws only ScenarioError. */
export function parseLesson(text: string, file: string): Lesson {
  let document: YamlDocument;
  try {
    document = readYamlDocument(text, file);
  } catch (error) {
    throw error instanceof ScenarioError ? lessonError(error.issues) : error;
  }
  const { data, locator } = document;
  const issues = new IssueCollector(locator, data);
  const result = lessonSchema.safeParse(data ?? {});
  if (!result.success) {
    issues.addZodIssues(result.error.issues);
    throw lessonError(issues.issues);
  }
  const lesson = build(result.data, file, issues);
  if (issues.issues.length > 0) throw lessonError(issues.issues);
  return lesson;
}

function build(input: LessonInput, file: string, issues: IssueCollector): Lesson {
  const lab: LessonLab = {
    managers: input.lab?.managers ?? 1,
    workers: input.lab?.workers ?? 0,
    swarm: input.lab?.swarm ?? true,
    node: input.lab?.node,
  };
  const machines = machineNames(lab);
  if (lab.node !== undefined && !machines.includes(lab.node)) {
    const problem = `the lab has no machine '${lab.node}'`;
    issues.atValue(['lab', 'node'], problem, `machines: ${machines.join(', ')}`);
  }
  const images = input.images ?? [];
  images.forEach((image, index) => {
    if (!/[:@]/.test(image.split('/').at(-1)!)) return;
    const problem = `image '${image}' has a tag or digest`;
    issues.atValue(['images', index], problem, 'list images by name only, e.g. myorg/app');
  });
  const steps = input.steps.flatMap((step, index) => buildStep(step, ['steps', index], issues));
  return {
    file,
    name: input.lesson,
    title: input.title,
    sources: listOf(input.source),
    lab,
    seed: input.seed ?? DEFAULT_LESSON_SEED,
    needs: input.needs ?? null,
    files: input.files ?? {},
    images,
    steps,
  };
}

function buildStep(input: LessonStepInput, path: DataPath, issues: IssueCollector): LessonStep[] {
  const actions = STEP_ACTIONS.filter((action) => input[action] !== undefined);
  if (actions.length !== 1) {
    const [problem, hint] = actions.length === 0
      ? ['a step needs one of say, run or check', 'e.g. - run: docker service ls']
      : [
        `a step has exactly one of say, run or check, not ${actions.join(' and ')}`,
        'split it into one step per action',
      ];
    issues.atValue(path, problem, hint);
    return [];
  }
  if (input.say !== undefined) {
    return runOnly(input, path, issues, { kind: 'say', text: input.say });
  }
  if (input.check !== undefined) {
    const checks = listOf(input.check).flatMap((sentence, index): LessonCheck[] => {
      const at = typeof input.check === 'string' ? [...path, 'check'] : [...path, 'check', index];
      const compiled = compileExpectation(sentence);
      if (!('check' in compiled)) {
        issues.atValue(at, compiled.problem, compiled.hint);
        return [];
      }
      const text = sentence.trim().replace(/\s+/g, ' ');
      return [{ sentence: text, check: compiled.check, position: issues.locator.value(at) }];
    });
    return runOnly(input, path, issues, { kind: 'check', checks });
  }
  return [{
    kind: 'run',
    line: input.run!,
    exit: input.exit ?? 0,
    shows: patterns(input.shows, [...path, 'shows'], issues),
    hides: patterns(input.hides, [...path, 'hides'], issues),
    position: issues.locator.value([...path, 'run']),
  }];
}

/** Reports `exit`, `shows` or `hides` on a step that runs nothing. */
function runOnly(
  input: LessonStepInput,
  path: DataPath,
  issues: IssueCollector,
  step: LessonStep,
): LessonStep[] {
  for (const field of RUN_FIELDS) {
    if (input[field] === undefined) continue;
    issues.atKey(path, field, `'${field}' belongs to a run step`, 'move it under the run it tests');
  }
  return [step];
}

function patterns(value: string | string[] | undefined, path: DataPath, issues: IssueCollector) {
  return listOf(value).flatMap((source, index): OutputPattern[] => {
    try {
      return [{ source, regex: new RegExp(source) }];
    } catch (error) {
      const at = typeof value === 'string' ? path : [...path, index];
      const problem = `bad regex '${source}': ${(error as Error).message}`;
      issues.atValue(at, problem, 'JavaScript regex syntax; escape ( ) [ ] . * + ? with \\\\');
      return [];
    }
  });
}

/** The machine names of a lab, as `swarmsim shell` names them. */
export function machineNames(lab: Pick<LessonLab, 'managers' | 'workers'>): string[] {
  return [
    ...Array.from({ length: lab.managers }, (_, index) => `manager${index + 1}`),
    ...Array.from({ length: lab.workers }, (_, index) => `worker${index + 1}`),
  ];
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** Examples for the top-level fields, where the scenario ones would mislead. */
const LESSON_EXAMPLES: Readonly<Record<string, string>> = {
  lesson: 'e.g. lesson: rolling-update',
  title: 'e.g. title: {es: Actualización de versión, en: Rolling update}',
  source: 'e.g. source: "## Actualización de Versión"',
  lab: 'e.g. lab: {managers: 3, workers: 2}',
  needs: 'e.g. needs: {es: ..., en: ...}',
  files: 'e.g. files: {docker-compose.yml: "version: ..."}',
  images: 'e.g. images: [myorg/app]',
  steps: 'e.g. steps: [{run: docker service ls}]',
};

/** The error for `issues`, in the words of the lesson format. */
function lessonError(issues: readonly ScenarioIssue[]): ScenarioError {
  return new ScenarioError(issues.map(lessonHint));
}

/** The collector speaks of scenarios; point lesson writers at the lesson format instead. */
function lessonHint(issue: ScenarioIssue): ScenarioIssue {
  const topLevel = /^missing field '(\w+)' at the top level|^(\w+) (?:must|cannot)/;
  const field = topLevel.exec(issue.problem);
  const example = LESSON_EXAMPLES[field?.[1] ?? field?.[2] ?? ''];
  const hint = (example ?? issue.hint)
    .replace('the scenario format in docs/scenarios.md', 'the lesson format in docs/lessons.md')
    .replace(/^a scenario is a mapping.*$/, 'a lesson is a mapping of lesson:, title:, steps: ...')
    // A scenario's images are a mapping; a lesson's are a list.
    .replace(/^e\.g\. images: \{.*$/, LESSON_EXAMPLES.images!);
  const problem = issue.problem.replace(/^the scenario /, 'the lesson ');
  const bilingual = /^missing field '(es|en)'/.test(problem);
  return { ...issue, problem, hint: bilingual ? 'write the text in both es: and en:' : hint };
}
