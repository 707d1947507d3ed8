/**
 * The readable account of a run, computed only from its log (the events and the state they fold
 * to), so `run` and `replay` print the same thing and nothing can disagree with the log.
 */
import type { LogFooter, LogHeader } from '../engine/log.js';
import { availabilityFromLog, type ServiceAvailability } from '../metrics/availability.js';
import type { LoggedEvent } from '../model/events.js';
import { compareNatural } from '../model/natural-sort.js';
import { listNodes, listServices, tasksOfService, type ClusterState } from '../model/state.js';
import { modeName } from '../model/queries.js';
import {
  outcomeOf,
  stepFailed,
  type ExpectationChecked,
  type RunOutcome,
  type StepRan,
} from '../scenario/outcome.js';
import { formatReplicas, replicaCount } from '../model/queries.js';
import * as q from '../scenario/queries.js';
import { formatDuration } from '../scenario/units.js';
import { formatBytes, formatTable } from './table.js';

/** Lines of a step's output shown before the rest is elided. */
const OUTPUT_LINES_MAX = 20;

/** A replayed log: what the summary is made from. */
export interface SummaryInput {
  header: LogHeader;
  footer: LogFooter;
  events: readonly LoggedEvent[];
  state: ClusterState;
  /** The run horizon, when known (a log does not record it). */
  untilMs?: number;
}

/** The whole summary text. */
export function formatSummary(input: SummaryInput): string {
  const { header, footer, events, state } = input;
  const until = input.untilMs === undefined ? '' : `, until ${formatDuration(input.untilMs)}`;
  const outcome = outcomeOf(events);
  return [
    `${header.scenario}: seed ${header.seed}${until}, ${footer.events} events, ` +
      `${footer.hash.slice(0, 19)}\n`,
    section('Cluster', clusterTable(state)),
    section('Services', servicesTable(state)),
    section('Pending tasks', pendingTable(state)),
    availabilitySection(events, input.untilMs),
    section('Steps', outcome.steps.map(formatStep).join('')),
    section('Expectations', outcome.expectations.map(formatExpectation).join('')),
    `\n${verdict(outcome)}\n`,
  ].join('');
}

/** One line: `passed: 3 steps, 9 expectations` or what failed. */
export function verdict(outcome: RunOutcome): string {
  const { steps: ran, failedSteps, expectations, failedExpectations } = outcome;
  const steps = `${ran.length - failedSteps.length}/${ran.length} steps ok`;
  const met = expectations.length - failedExpectations.length;
  const checks = `${met}/${expectations.length} expectations met`;
  return `${outcome.passed ? 'PASSED' : 'FAILED'}: ${steps}, ${checks}`;
}

function section(title: string, body: string): string {
  return `\n${title}\n${body || '  (none)\n'}`;
}

function clusterTable(state: ClusterState): string {
  const rows = listNodes(state).map((node) => [
    node.description.hostname,
    node.role,
    q.nodeStatusWord(node),
    q.nodeAvailabilityWord(node),
    q.managerStatusWord(node),
    String(node.description.resources.nanoCPUs / 1e9),
    formatBytes(node.description.resources.memoryBytes),
  ]);
  const header = ['HOSTNAME', 'ROLE', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'CPUS', 'MEMORY'];
  return rows.length ? formatTable([header, ...rows], '  ') : '';
}

function servicesTable(state: ClusterState): string {
  const rows = listServices(state)
    .sort((a, b) => compareNatural(a.spec.name, b.spec.name))
    .map((service) => [
      service.spec.name,
      modeName(service),
      formatReplicas(service, replicaCount(state, service)),
      service.spec.task.container.image,
    ]);
  return rows.length ? formatTable([['NAME', 'MODE', 'REPLICAS', 'IMAGE'], ...rows], '  ') : '';
}

/**
 * After faults: per service, how long it ran short and ran nothing, and how long it took to be
 * whole again after each fault that hit it (src/metrics/availability.ts). Absent without faults.
 */
function availabilitySection(events: readonly LoggedEvent[], untilMs?: number): string {
  if (!events.some((event) => event.type === 'fault/injected')) return '';
  const services = availabilityFromLog(events, untilMs);
  const totals = services.map((service) => [
    service.service,
    formatDuration(service.degradedMs),
    formatDuration(service.downMs),
    recoveryWords(service),
  ]);
  const header = ['SERVICE', 'SHORT OF REPLICAS', 'NOTHING RUNNING', 'RECOVERY AFTER EACH FAULT'];
  return section('Availability', totals.length ? formatTable([header, ...totals], '  ') : '');
}

/**
 * `--timeline`: every change of a service's desired and running counts, as the availability
 * measure sees them (a crashed host's tasks stop counting at the crash, not when the manager
 * notices), oldest first.
 */
export function formatTimeline(events: readonly LoggedEvent[], untilMs?: number): string {
  const rows = availabilityFromLog(events, untilMs)
    .flatMap((service) =>
      service.samples.map((sample) => ({ service: service.service, ...sample })),
    )
    .sort((a, b) => a.t - b.t)
    .map((row) => [formatDuration(row.t), row.service, String(row.desired), String(row.running)]);
  const header = ['AT', 'SERVICE', 'DESIRED', 'RUNNING'];
  return section('Availability over time', rows.length ? formatTable([header, ...rows], '  ') : '');
}

/** `fault-64 nodeCrash 23.4s, fault-70 partition not hit` in fault order. */
function recoveryWords(service: ServiceAvailability): string {
  const words = service.recoveries.map((recovery) => {
    const outcome = !recovery.impacted
      ? 'not hit'
      : recovery.recoveryMs === null
        ? 'never'
        : formatDuration(recovery.recoveryMs);
    return `${recovery.faultId} ${recovery.kind} ${outcome}`;
  });
  return words.join(', ') || '(no fault)';
}

/** Tasks the swarm wants running but cannot place, with the scheduler's reason. */
function pendingTable(state: ClusterState): string {
  const rows = listServices(state).flatMap((service) =>
    tasksOfService(state, service.id)
      .filter((task) => task.status.state === 'pending' && task.desiredState === 'running')
      .map((task) => [q.taskName(service, task), task.status.err || '(not scheduled yet)']),
  );
  return rows.length ? formatTable([['TASK', 'ERROR'], ...rows], '  ') : '';
}

function formatStep(step: StepRan): string {
  const failed = stepFailed(step);
  const expected = step.expectedExitCode ?? 0;
  const status = failed ? `FAIL (exit ${step.exitCode}, expected ${expected})` : 'ok';
  const output = [step.stdout, step.stderr].filter((text) => text.trim() !== '').join('\n');
  const head = `  ${timeColumn(step.t)}${status}  ${step.command}  (${step.source})`;
  return `${head}\n${indentOutput(output)}`;
}

function formatExpectation(check: ExpectationChecked): string {
  const status = check.passed ? 'ok' : 'FAIL';
  const at = timeColumn(check.t);
  const head = `  ${at}${status}  ${check.expectation}  (${check.source})\n`;
  return check.passed ? head : `${head}         but ${check.actual}\n`;
}

/** A time for the summary's first column; a long one (`15257ms`) still keeps a space after. */
function timeColumn(t: number): string {
  return `${formatDuration(t)} `.padEnd(7);
}

function indentOutput(text: string): string {
  if (text === '') return '';
  const lines = text.replace(/\n+$/, '').split('\n');
  const shown = lines.slice(0, OUTPUT_LINES_MAX).map((line) => `         | ${line}\n`);
  const more = lines.length - OUTPUT_LINES_MAX;
  return shown.join('') + (more > 0 ? `         | ... ${more} more lines\n` : '');
}
