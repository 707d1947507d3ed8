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
import { recordedStarts, replayStarts } from './recorded-timings.js';
import { loadRecording, type RecordedCommand, type Recording } from './recording.js';
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
 * The cases replayed with their recorded container starts (recorded-timings.ts) instead of the
 * calibrated ones: those whose crash loops and update rounds run for tens of seconds, so that a
 * few tenths of a second of start jitter decide which side of a failure a snapshot falls on.
 * What they show is then the logic on the real timing; the other cases keep checking the
 * calibration end to end.
 */
export const RECORDED_TIMING_CASES: ReadonlySet<string> = new Set([
  'create-no-command',
  'update-auto-rollback',
  'update-continue',
  'update-pause-on-failure',
]);

/** The agent's options for case `name`: no pulls, and its recorded starts if it is listed. */
function agentOptions(name: string): AgentOptions {
  if (!RECORDED_TIMING_CASES.has(name)) return NO_PULL;
  return { ...NO_PULL, startMsOverride: replayStarts(recordedStarts(loadRecording(name))) };
}

/** What the simulator's CLI printed for one snapshot's two commands. */
export interface SimulatedSnapshot {
  ps: CommandOutput;
  inspect: CommandOutput | null;
}

/**
 * Replays `found` (its state-changing commands at their recorded times, as replay.ts does, with
 * its recorded container starts if it is in RECORDED_TIMING_CASES) and runs each snapshot's
 * commands, minus the `> file` redirection, at their recorded start times.
 */
export function simulateSnapshots(found: SnapshotCase): Map<string, SimulatedSnapshot> {
  const recording: Recording = {
    name: found.name,
    t0EpochMs: found.t0EpochMs,
    commands: found.commands,
    timeline: [],
    containerEvents: [],
    createdT: new Map(),
    snapshot: () => [],
  };
  const replay = replayCase(recording, { agent: agentOptions(found.name) });
  const session = { nodeId: replay.sim.state.nodeIds[0]! };
  const results = new Map<string, SimulatedSnapshot>();
  const run = (command: RecordedCommand, keep: (output: CommandOutput) => void) => {
    const argv = commandWords(command.cmd.replace(/ > \S+$/, ''));
    replay.sim.at(Math.round(command.t * 1000), `snapshot: ${command.cmd}`, (ctx) =>
      keep(runDockerCommand(ctx, argv, session)),
    );
  };
  for (const snapshot of found.snapshots) {
    const notRun = { stdout: '', stderr: 'not run', exitCode: -1 };
    const result: SimulatedSnapshot = { ps: notRun, inspect: null };
    results.set(snapshot.label, result);
    run(snapshot.ps, (output) => (result.ps = output));
    if (snapshot.inspect) run(snapshot.inspect, (output) => (result.inspect = output));
  }
  const last = found.commands[found.commands.length - 1]!;
  replay.runTo(last.t_end);
  return results;
}
