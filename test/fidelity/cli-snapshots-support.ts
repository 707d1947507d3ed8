/**
 * Support for cli-snapshots.test.ts: finds every recorded snapshot (`snap-LABEL.service-ps.jsonl`
 * and `snap-LABEL.service.json` of test/fixtures/real-docker), replays its case with the replay
 * machinery of replay.ts, and runs the snapshot's own `service ps` / `service inspect` command
 * lines through the simulator's docker CLI at their recorded times. cli-snapshots-rows.ts and
 * cli-snapshots-inspect.ts list where the outputs differ.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runDockerCommand, type CommandOutput } from '../../src/dockercli/run.js';
import type { AgentOptions } from '../../src/agent/agent.js';
import {
  recordedCreates,
  recordedRuns,
  recordedStarts,
  recordedStops,
  replayRuns,
  replayStarts,
  replayStops,
} from './recorded-timings.js';
import { loadRecording, type RecordedCommand, type Recording } from './recording.js';
import { psReadTime } from './cli-snapshots-read.js';
import { recordedWrites, replayWrites } from './recorded-writes.js';
import { commandWords, NO_PULL, replayCase } from './replay.js';

const ROOT = fileURLToPath(new URL('../fixtures/real-docker/', import.meta.url));

/** One recorded snapshot: the `service ps` and `service inspect` commands that wrote it. */
export interface Snapshot {
  label: string;
  ps: RecordedCommand;
  inspect: RecordedCommand | null;
}

/** A recorded case with at least one snapshot. */
export interface SnapshotCase {
  name: string;
  commands: RecordedCommand[];
  t0EpochMs: number;
  snapshots: Snapshot[];
}

/** Every case folder with a `snap-*.service-ps.jsonl`, snapshots in recorded order. */
export function snapshotCases(): SnapshotCase[] {
  return readdirSync(ROOT)
    .filter((name) => existsSync(`${ROOT}${name}/commands.jsonl`))
    .map(loadCase)
    .filter((found) => found.snapshots.length > 0);
}

function loadCase(name: string): SnapshotCase {
  const commands = readFileSync(`${ROOT}${name}/commands.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedCommand);
  const written = (file: string) => commands.find((command) => command.cmd.endsWith(`> ${file}`));
  const snapshots: Snapshot[] = [];
  for (const command of commands) {
    const label = /> snap-(.+)\.service-ps\.jsonl$/.exec(command.cmd)?.[1];
    if (label === undefined) continue;
    snapshots.push({ label, ps: command, inspect: written(`snap-${label}.service.json`) ?? null });
  }
  return { name, commands, t0EpochMs: readT0(name), snapshots };
}

function readT0(name: string): number {
  const line = readFileSync(`${ROOT}${name}/marks.tsv`, 'utf8')
    .split('\n')
    .find((row) => row.startsWith('T0\t'));
  if (!line) throw new Error(`${name}: no T0 mark`);
  return Date.parse(line.split('\t')[1]!);
}

/** The recorded file `file` of case `name`. */
export function recordedFile(name: string, file: string): string {
  return readFileSync(`${ROOT}${name}/${file}`, 'utf8');
}

/**
 * The cases replayed with their recorded container steps (recorded-timings.ts: creates, starts,
 * runs, stops) instead of the calibrated ones: those whose crash loops and update rounds run for
 * tens of seconds, so that a few tenths of a second of jitter decide which side of a failure a
 * snapshot falls on. What they show is then the logic on the real timing; the other cases keep
 * checking the calibration end to end. The value is what the command model plays of the
 * recorded program itself, ms (`sh -c 'sleep 1; exit 1'`: its sleep; `sh`: nothing): a run's
 * recorded life less that is its exec.
 */
export const RECORDED_TIMING_CASES: ReadonlyMap<string, number> = new Map([
  ['create-no-command', 0],
  ['update-auto-rollback', 1000],
  ['update-continue', 1000],
  ['update-pause-on-failure', 1000],
]);

/** The agent's options for case `name`: no pulls, and its recorded steps if it is listed. */
export function agentOptions(name: string): AgentOptions {
  const programMs = RECORDED_TIMING_CASES.get(name);
  if (programMs === undefined) return NO_PULL;
  const recording = loadRecording(name);
  return {
    ...NO_PULL,
    overrides: {
      create: replayStarts(recordedCreates(recording)),
      start: replayStarts(recordedStarts(recording)),
      run: replayRuns(recordedRuns(recording, programMs)),
      stop: replayStops(recordedStops(recording)),
      statusWrite: replayWrites(recordedWrites(recording)),
    },
  };
}

/** What the simulator's CLI printed for one snapshot's two commands. */
export interface SimulatedSnapshot {
  ps: CommandOutput;
  inspect: CommandOutput | null;
}

/**
 * Replays `found` (its state-changing commands at their recorded store writes, as replay.ts
 * does, with its recorded container steps if it is in RECORDED_TIMING_CASES) and runs each
 * snapshot's commands, minus the `> file` redirection: `service inspect` at its recorded start,
 * `service ps` when its task list was read (cli-snapshots-read.ts).
 */
export function simulateSnapshots(
  found: SnapshotCase,
  reportSeed?: number,
): Map<string, SimulatedSnapshot> {
  const recording: Recording = {
    name: found.name,
    t0EpochMs: found.t0EpochMs,
    commands: found.commands,
    timeline: [],
    containerEvents: [],
    createdT: new Map(),
    snapshot: () => [],
    snapshotLabels: [],
  };
  const seeds = reportSeed === undefined ? {} : { reportSeed };
  const replay = replayCase(recording, { agent: agentOptions(found.name), ...seeds });
  const session = { nodeId: replay.sim.state.nodeIds[0]! };
  const results = new Map<string, SimulatedSnapshot>();
  const run = (command: RecordedCommand, t: number, keep: (output: CommandOutput) => void) => {
    const argv = commandWords(command.cmd.replace(/ > \S+$/, ''));
    replay.sim.at(Math.round(t * 1000), `snapshot: ${command.cmd}`, (ctx) =>
      keep(runDockerCommand(ctx, argv, session)),
    );
  };
  for (const snapshot of found.snapshots) {
    const notRun = { stdout: '', stderr: 'not run', exitCode: -1 };
    const result: SimulatedSnapshot = { ps: notRun, inspect: null };
    results.set(snapshot.label, result);
    const listed = recordedFile(found.name, `snap-${snapshot.label}.service-ps.jsonl`);
    const readT = psReadTime(found.name, snapshot.ps, listed);
    run(snapshot.ps, readT, (output) => (result.ps = output));
    const { inspect } = snapshot;
    if (inspect) run(inspect, inspect.t, (output) => (result.inspect = output));
  }
  const last = found.commands[found.commands.length - 1]!;
  replay.runTo(last.t_end);
  return results;
}
