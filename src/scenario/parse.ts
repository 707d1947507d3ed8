/**
 * Loads a scenario file: YAML (with the position of every node), then the schema, then the rules
 * that span fields. Every problem becomes a ScenarioError naming `file:line:column`; nothing else
 * is ever thrown, whatever the text.
 *
 * Timing rules (documented for scenario writers):
 * - a step without `at` runs at 0s; an expectation without `at` is checked at the end (`until`);
 * - steps at the same time run in file order;
 * - an expectation at time T sees the state after everything that happened at T: every step at T
 *   and every reaction of the swarm at that instant; expectations at T are checked in file order.
 */
import type { DeclaredImage } from '../agent/image-platforms.js';
import type { ChaosKind, ChaosOptions } from '../faults/chaos.js';
import type { NodeDefinition } from '../swarm.js';
import { buildCluster } from './cluster.js';
import type { SourcePosition } from './errors.js';
import { compileExpectation, type Check } from './expectations.js';
import { readYamlDocument } from './yaml.js';
import { IssueCollector } from './issues.js';
import { checkValidParts } from './recover.js';
import { scenarioSchema, type ChaosInput, type ScenarioInput } from './schema.js';
import { buildStep, type ScenarioStep } from './steps.js';
import { formatDuration } from './units.js';

export { ScenarioError } from './errors.js';
export type { ScenarioStep } from './steps.js';

/** Seed when the file names none. */
export const DEFAULT_SEED = 1;
/** Run horizon when the file names none: 2 minutes of virtual time. */
export const DEFAULT_UNTIL_MS = 120_000;

/** One expectation, compiled and ready to check. */
export interface ScenarioExpectation {
  /** When to check, ms; null means at the end of the run. */
  atMs: number | null;
  atPosition: SourcePosition;
  /** Where the sentence is written; the log names the expectation by it. */
  position: SourcePosition;
  sentence: string;
  check: Check;
}

/** A loaded scenario: every value checked and in simulator units. */
export interface Scenario {
  file: string;
  name: string;
  description: string;
  seed: number;
  /** Run horizon, ms of virtual time. */
  untilMs: number;
  nodes: NodeDefinition[];
  taskHistoryRetentionLimit: number | undefined;
  heartbeatPeriodMs: number | undefined;
  /** Image pull durations by image name, ms. */
  pullMsByImage: Record<string, number>;
  /**
   * The images the scenario declares (its `images:` names, with their platforms when given): all
   * of them exist in the registry, beside swarmsim's catalogue (src/agent/image-catalogue.ts).
   */
  images: DeclaredImage[];
  steps: ScenarioStep[];
  expectations: ScenarioExpectation[];
  /** Faults drawn from the seed (src/faults/chaos.ts), or null. */
  chaos: ScenarioChaos | null;
}

/** A scenario's chaos block: when faults are drawn, and each kind's knob pair. */
export interface ScenarioChaos {
  fromMs: number;
  /** How long faults are drawn; everything is healed at fromMs + forMs. */
  forMs: number;
  options: ChaosOptions;
}

/** Parses scenario text; `file` is the name used in messages. Throws only ScenarioError. */
export function parseScenario(text: string, file: string): Scenario {
  const { data, locator } = readYamlDocument(text, file);
  const issues = new IssueCollector(locator, data);
  const result = scenarioSchema.safeParse(data ?? {});
  if (!result.success) {
    issues.addZodIssues(result.error.issues);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const nodes = buildCluster((data as Record<string, unknown>)['cluster'], issues);
      // Report every mistake at once: what did pass the schema is checked further.
      checkValidParts(data, nodes.map((node) => node.hostname), issues);
    }
    issues.throwIfAny();
  }
  const scenario = build(result.data!, file, issues);
  const horizon = `until: ${formatDuration(scenario.untilMs)}`;
  issues.issues.push(...horizonIssues(scenario, scenario.untilMs, horizon));
  issues.throwIfAny();
  return scenario;
}

function build(input: ScenarioInput, file: string, issues: IssueCollector): Scenario {
  const nodes = buildCluster(input.cluster, issues);
  const hostnames = nodes.map((node) => node.hostname);
  const steps = (input.steps ?? []).flatMap(
    (step, index) => buildStep(step, ['steps', index], hostnames, issues) ?? [],
  );
  const expectations = (input.expect ?? []).flatMap((item, index): ScenarioExpectation[] => {
    const path = ['expect', index];
    const compiled = compileExpectation(item.that);
    if (!('check' in compiled)) {
      issues.atValue([...path, 'that'], compiled.problem, compiled.hint);
      return [];
    }
    return [{
      atMs: item.at ?? null,
      atPosition: issues.locator.value(item.at === undefined ? path : [...path, 'at']),
      position: issues.locator.value([...path, 'that']),
      sentence: item.that.trim().replace(/\s+/g, ' '),
      check: compiled.check,
    }];
  });
  const pullMsByImage: Record<string, number> = {};
  for (const [image, options] of Object.entries(input.images ?? {})) {
    if (/[:@]/.test(image.split('/').at(-1)!)) {
      const problem = `image '${image}' has a tag or digest`;
      issues.atKey(['images'], image, problem, 'key images by name only, e.g. alpine');
    }
    if (options.pull !== undefined) pullMsByImage[image] = options.pull;
  }
  return {
    file,
    name: input.name ?? baseName(file),
    description: input.description ?? '',
    seed: input.seed ?? DEFAULT_SEED,
    untilMs: input.until ?? DEFAULT_UNTIL_MS,
    nodes,
    taskHistoryRetentionLimit: input.settings?.taskHistoryLimit,
    heartbeatPeriodMs: input.settings?.dispatcherHeartbeat,
    pullMsByImage,
    images: Object.entries(input.images ?? {}).map(([name, options]) =>
      options.platforms ? { name, platforms: options.platforms } : name,
    ),
    steps,
    expectations,
    chaos: input.chaos ? chaosOf(input.chaos) : null,
  };
}

function chaosOf(input: ChaosInput): ScenarioChaos {
  const { from, for: forMs, ...kinds } = input;
  const options: ChaosOptions = {};
  for (const [kind, knob] of Object.entries(kinds) as [ChaosKind, ChaosInput['nodeCrash']][]) {
    if (knob) options[kind] = { probability: knob.probability, stabilityMs: knob.stability };
  }
  return { fromMs: from, forMs, options };
}

/** Steps and expectations timed after `untilMs`, which would silently never happen. */
export function horizonIssues(scenario: Scenario, untilMs: number, horizon: string) {
  const timed = [
    ...scenario.steps.map((step) => ({ what: 'step', atMs: step.atMs, position: step.atPosition })),
    ...scenario.expectations.map((item) => ({
      what: 'expectation',
      atMs: item.atMs,
      position: item.atPosition,
    })),
  ];
  return timed
    .filter((item) => item.atMs !== null && item.atMs > untilMs)
    .map((item) => ({
      position: item.position,
      problem: `${item.what} at ${formatDuration(item.atMs!)} is after the end of the run ` +
        `(${horizon})`,
      hint: `use a time up to ${formatDuration(untilMs)} or run longer`,
    }));
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).at(-1) ?? file).replace(/\.ya?ml$/i, '');
}
