/**
 * What the replay takes from a recording besides the container starts (recorded-timings.test.ts):
 * when the cluster received each command (store-writes.ts), each container's create, run and
 * stop (recorded-timings.ts), when a `service ps` read its tasks (cli-snapshots-read.ts), and the
 * agent hooks that play the container steps back.
 */
import { describe, expect, it } from 'vitest';
import { psReadTime } from './cli-snapshots-read.js';
import { recordedFile, snapshotCases } from './cli-snapshots-support.js';
import { recordedCreates, recordedRuns, recordedStops } from './recorded-timings.js';
import { loadRecording, type Recording } from './recording.js';
import { NO_PULL, replayCase } from './replay.js';
import { storeWriteTimes } from './store-writes.js';

/** The recorded store write of the command containing `fragment`, s since T0. */
function writeOf(recording: Recording, fragment: string): number | undefined {
  const command = recording.commands.find((candidate) => candidate.cmd.includes(fragment));
  return command && storeWriteTimes(recording).get(command);
}

/** The simulated time (s) the first task of the replay entered `state`. */
function firstTaskAt(replay: ReturnType<typeof replayCase>, state: string): number {
  return replay.tasks[0]!.states.find((entry) => entry.state === state)!.t;
}

describe('store writes: each command replayed when the cluster received it', () => {
  const recording = loadRecording('update-auto-rollback');

  it('reads the service write of a command from the recorded events', () => {
    // web1's update started at 3.317 s; the CLI and API took 0.349 s to write it.
    expect(writeOf(recording, "--args 'sh -c")).toBe(3.666);
    expect(writeOf(recording, '--name web1')).toBe(0.293);
    // The refused rollback (exit 1) wrote nothing: it keeps its start.
    expect(writeOf(recording, 'service rollback -d web1')).toBeUndefined();
  });

  it('takes the first of several writes (a removal of two services)', () => {
    expect(writeOf(loadRecording('pending-resources'), 'service rm mem cpu')).toBe(8.074);
  });

  it('runs the command at its write, or at its start when asked', () => {
    const created = (atCommandStart: boolean) => {
      const replay = replayCase(recording, { atCommandStart, only: (cmd) => cmd.includes('web1') });
      replay.runTo(1);
      return replay.tasks[0]!.createdT;
    };
    expect(created(false)).toBe(0.293);
    expect(created(true)).toBe(0.25);
  });
});

describe('recorded container steps', () => {
  it('reads creates from PREPARING to the container create, where the poll saw PREPARING', () => {
    const creates = recordedCreates(loadRecording('update-auto-rollback'));
    expect(creates.get('web1.3')).toEqual([undefined, undefined, undefined, 214]);
  });

  it('reads a stop from the agent\'s re-report; one the process ended is unknown', () => {
    const stops = recordedStops(loadRecording('update-auto-rollback'));
    // Desired Shutdown with the replacement at 3.674 s; the agent re-reported the task at
    // 3.842 s (the replacement's assignment prolonged the dispatcher's quiet period past 0.1 s),
    // SIGTERM at 4.892 s; SIGKILL a second later, SHUTDOWN 0.444 s past the grace. Then a task
    // that died in its stop.
    expect(stops.get('web1.1')).toEqual([
      { backoffMs: 1050, reportMs: 444 },
      { backoffMs: undefined, reportMs: undefined },
    ]);
  });

  it('reads a process run as its life less the program\'s own part, and its exit report', () => {
    const runs = recordedRuns(loadRecording('create-no-command'), 0);
    expect(runs.get('nocmd.1')?.slice(0, 2)).toEqual([
      { execMs: 69, exitReportMs: 80 },
      { execMs: 33, exitReportMs: 65 },
    ]);
  });
});

describe('the agent hooks for creates, runs and stops', () => {
  const recording = loadRecording('create-no-command');

  it('takes the create and run durations the hooks give', () => {
    const replay = replayCase(recording, {
      agent: {
        ...NO_PULL,
        overrides: { create: () => 300, run: () => ({ execMs: 500, exitReportMs: 20 }) },
      },
    });
    replay.runTo(3);
    const first = replay.tasks[0]!;
    const ms = (from: string, to: string) =>
      Math.round((firstTaskAt(replay, to) - firstTaskAt(replay, from)) * 1000);
    expect(ms('preparing', 'starting')).toBe(300);
    // `sh` exits at its first action: exec 500 ms, reported 20 ms later.
    expect(ms('running', 'complete')).toBe(520);
    expect(first.states.at(-1)!.state).toBe('complete');
  });

  it('takes the stop durations the hook gives, asked once per stop', () => {
    const stops: string[] = [];
    const replay = replayCase(loadRecording('update-stop-first'), {
      agent: {
        ...NO_PULL,
        overrides: {
          stop: (stop) => (stops.push(`${stop.serviceName}.${stop.slot}`), { reportMs: 0 }),
        },
      },
    });
    // Past web.3's stop, delivered at 6.06 s (its replacement's assignment at 5.96 s + 0.1 s).
    replay.runTo(7);
    const stopped = replay.tasks.filter((task) => task.desired.at(-1)!.state === 'shutdown');
    const desiredT = stopped[0]!.desired.at(-1)!.t;
    const shutdownT = stopped[0]!.states.find((entry) => entry.state === 'shutdown')!.t;
    // The replacement, created with the desired Shutdown, is assigned 0.05 s later on the same
    // node: that change restarts the node's 0.1 s quiet period, so the stop is delivered 0.15 s
    // after its write. Then back-off 1.05 s + grace 1 s, and no report delay: 2.2 s, not 2.45 s.
    expect(Math.round((shutdownT - desiredT) * 1000)).toBe(2200);
    expect(stopped.length).toBeGreaterThan(1);
    expect(stops).toEqual(stopped.map((task) => `web.${task.slot}`));
  });
});

describe('when a snapshot\'s service ps read its tasks', () => {
  const cases = snapshotCases();
  const readOf = (name: string, label: string) => {
    const found = cases.find((candidate) => candidate.name === name)!;
    const snapshot = found.snapshots.find((candidate) => candidate.label === label)!;
    const listed = recordedFile(name, `snap-${label}.service-ps.jsonl`);
    return { start: snapshot.ps.t, read: psReadTime(name, snapshot.ps, listed) };
  };

  it('reads at the command\'s start when its output allows it', () => {
    const { start, read } = readOf('update-auto-rollback', 'rollback-completed-1');
    expect(read).toBe(start);
  });

  it('reads no sooner than a listed task\'s pinned status write', () => {
    // rollback-started-1 (13.719-13.881 s) shows web1.3's old task Shutdown, a status written at
    // 13.795 s (its UpdatedAt: nothing wrote the task after it, recorded-writes.ts).
    expect(readOf('update-auto-rollback', 'rollback-started-1')).toEqual({
      start: 13.719,
      read: 13.795,
    });
  });

  it('reads no sooner than a listed task was stored in the state shown', () => {
    // update-pause-on-failure `paused` (11.185-11.658 s) lists a task Assigned at 11.487 s.
    expect(readOf('update-pause-on-failure', 'paused')).toEqual({ start: 11.185, read: 11.487 });
  });
});
