/**
 * A scenario run's result, read from its log alone: which steps exited with a code other than
 * the one the file asks for, and which expectations did not hold. The CLI summary, the chaos
 * sweep and the tests all judge a run this way.
 */
import type { LoggedEvent, ScenarioExpectationChecked, ScenarioStepRan } from '../model/events.js';

export type StepRan = LoggedEvent & ScenarioStepRan;
export type ExpectationChecked = LoggedEvent & ScenarioExpectationChecked;

/** The scenario-level results of a run. */
export interface RunOutcome {
  steps: StepRan[];
  failedSteps: StepRan[];
  expectations: ExpectationChecked[];
  failedExpectations: ExpectationChecked[];
  /** True when every step exited as expected and every expectation held. */
  passed: boolean;
}

/** Reads the scenario's results out of the log's events. */
export function outcomeOf(events: readonly LoggedEvent[]): RunOutcome {
  const steps = events.filter((event): event is StepRan => event.type === 'scenario/stepRan');
  const expectations = events.filter(
    (event): event is ExpectationChecked => event.type === 'scenario/expectationChecked',
  );
  const failedSteps = steps.filter(stepFailed);
  const failedExpectations = expectations.filter((event) => !event.passed);
  const passed = failedSteps.length + failedExpectations.length === 0;
  return { steps, failedSteps, expectations, failedExpectations, passed };
}

/** True when the step ended with another exit code than the file expects (default 0). */
export function stepFailed(step: ScenarioStepRan): boolean {
  return step.exitCode !== (step.expectedExitCode ?? 0);
}

/** One line per failure, `file:line:column: what`, in log order. */
export function failureLines(outcome: RunOutcome): string[] {
  return [
    ...outcome.failedSteps.map(
      (step) => `${step.source}: ${step.command} exited ${step.exitCode}: ${step.stderr.trim()}`,
    ),
    ...outcome.failedExpectations.map(
      (check) => `${check.source}: ${check.expectation}, but ${check.actual}`,
    ),
  ];
}
