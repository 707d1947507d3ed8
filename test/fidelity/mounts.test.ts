/**
 * mounts: the recorded `--mount` session (test/fixtures/real-docker/mounts) replayed on a
 * simulated one-node swarm, command by command at the recorded times. Compared field by field:
 * every error text and exit code, the Mounts of `service inspect` (JSON and `--pretty`), the
 * node's volumes, and the state, message and error of the tasks the node rejects.
 *
 * Known differences of the recording machine, left out: it has no /var/run/docker.sock (the
 * simulated nodes have one, so `viz` runs), its `/` and `/tmp` are private mounts (so the
 * recorded `all` and `plain` fail on bind propagation, which swarmsim does not model), and its
 * `./here` resolved against the recorder's working directory (swarmsim's client is in /root).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from '../dockercli/docker.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'mounts');
const RECORDER_DIR = '/work/main/test/fixtures/real-docker';

interface Recorded {
  cmd: string;
  t: number;
  exit: number;
  stdout: string;
  stderr: string;
}

const COMMANDS: Recorded[] = readFileSync(join(DIR, 'commands.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Recorded);

function recordedFile(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

/** The recorded node: the real engine, with its Docker socket at the realswarm path. */
function recordedNode(): Fixture {
  return fixture([
    {
      hostname: 'manager1',
      role: 'manager',
      engineVersion: '20.10.24+dfsg1',
      memoryBytes: 25_276_063_744,
      hostPaths: ['/run/swarmsim/node1.sock'],
    },
  ]);
}

/** Runs a recorded command line (without `docker` and any `> FILE`) at its recorded time. */
function replay(fx: Fixture, command: Recorded) {
  fx.sim.runUntil(Math.max(fx.sim.now, Math.round(command.t * 1000)));
  const line = command.cmd.replace(/^docker /, '').replace(/ > \S+$/, '');
  const out = docker(fx, line);
  // The recording removed each `bad` service right after creating it.
  if (line.includes('--name bad') && out.exitCode === 0) docker(fx, 'service rm bad');
  return out;
}

type PsRow = { Name: string; DesiredState: string; CurrentState: string; Error: string };

/** service ps rows without IDs and ages: name, desired state, state word, error. */
function psFacts(jsonl: string): string[] {
  return jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PsRow)
    .map((row) => {
      const state = row.CurrentState.split(' ')[0];
      const error = row.Error.replaceAll(RECORDER_DIR, '/root');
      return `${row.Name} ${row.DesiredState} ${state} ${error}`;
    });
}

function mountsOf(inspectJson: string): unknown[] {
  const services = JSON.parse(inspectJson) as {
    Spec: { TaskTemplate: { ContainerSpec: { Mounts?: unknown[] } } };
  }[];
  return services.map((service) => service.Spec.TaskTemplate.ContainerSpec.Mounts ?? null);
}

const maskIds = (text: string) =>
  text.replace(/\b[a-z0-9]{25}\b/g, '<id>').replace(/\b[0-9a-f]{64}\b/g, '<hex>');

/** Replays the whole session, handing each command and its simulated output to `check`. */
function replayAll(
  check: (recorded: Recorded, out: ReturnType<typeof docker>, fx: Fixture) => void,
) {
  const fx = recordedNode();
  for (const command of COMMANDS) {
    if (!/^docker (service|volume|ps) /.test(command.cmd)) continue;
    check(command, replay(fx, command), fx);
  }
}

/** `state / message / err` of every task of the recorded snapshot's summary, in its order. */
function recordedStatuses(snapshot: string): string[] {
  const [, ...rows] = recordedFile(`snap-${snapshot}.summary.tsv`).trim().split('\n');
  return rows
    .map((row) => row.split('\t'))
    .filter((cells) => cells[0] !== 'viz')
    .map((cells) => `${cells[0]} ${cells[8]} / ${cells[10]} / ${cells[11]}`)
    .map((row) => row.replaceAll(RECORDER_DIR, '/root'))
    .sort();
}

function simulatedStatuses(fx: Fixture, names: readonly string[]): string[] {
  const { state } = fx.sim;
  return state.serviceIds
    .map((id) => state.services[id]!)
    .filter((service) => names.includes(service.spec.name))
    .flatMap((service) =>
      (state.tasksByService[service.id] ?? []).map((id) => {
        const { status } = state.tasks[id]!;
        return `${service.spec.name} ${status.state} / ${status.message} / ${status.err}`;
      }),
    )
    .sort();
}

describe('fidelity: mounts', () => {
  it('prints the error text and exit code for every refused value', () => {
    let refused = 0;
    replayAll((recorded, out) => {
      if (!/^docker service (create|update)/.test(recorded.cmd)) return;
      const expected = { exit: recorded.exit, stderr: recorded.stderr };
      expect({ exit: out.exitCode, stderr: out.stderr }, recorded.cmd).toEqual(expected);
      if (recorded.exit !== 0) refused += 1;
    });
    expect(refused).toBe(36);
  });

  it('shows the mounts in service inspect as the Engine API does, and --pretty', () => {
    let compared = 0;
    replayAll((recorded, out) => {
      const file = /^docker service inspect .* > (\S+\.service\.json)$/.exec(recorded.cmd)?.[1];
      if (file && !file.startsWith('snap-')) {
        expect(mountsOf(out.stdout), recorded.cmd).toEqual(mountsOf(recordedFile(file)));
        compared += 1;
      }
      if (recorded.cmd.includes('inspect --pretty')) {
        expect(maskIds(out.stdout), recorded.cmd).toBe(maskIds(recorded.stdout));
        compared += 1;
      }
    });
    expect(compared).toBe(8);
  });

  it('rejects the tasks the node refuses with the real state, message and error', () => {
    let compared = 0;
    replayAll((recorded, out, fx) => {
      const match = /^docker service ps .* > snap-(missing|refused)\S+$/.exec(recorded.cmd);
      if (!match) return;
      const file = `snap-${match[1]}.service-ps.jsonl`;
      const real = psFacts(recordedFile(file)).filter((row) => !row.startsWith('viz.'));
      const simulated = psFacts(out.stdout).filter((row) => !row.startsWith('viz.'));
      expect(simulated, recorded.cmd).toEqual(real);
      const names = recorded.cmd.replace(/ > .*/, '').split(' ').slice(5);
      const shown = names.filter((name) => name !== 'viz');
      expect(simulatedStatuses(fx, shown)).toEqual(recordedStatuses(match[1]!));
      compared += 1;
    });
    expect(compared).toBe(2);
  });

  it('lists the named and anonymous volumes of the node as docker volume ls does', () => {
    let compared = 0;
    replayAll((recorded, out) => {
      if (!recorded.cmd.startsWith('docker volume ls') || compared >= 2) return;
      expect(maskIds(out.stdout), recorded.cmd).toBe(maskIds(recorded.stdout));
      compared += 1;
    });
    expect(compared).toBe(2);
  });

  it('shows the mounts of the containers in docker ps', () => {
    let compared = 0;
    replayAll((recorded, out) => {
      if (!recorded.cmd.startsWith('docker ps')) return;
      const shown = (text: string) =>
        maskIds(text)
          .split('\n')
          .filter((line) => !line.startsWith('viz.'));
      // The real docker ps reads the engine; swarmsim's reads the store, which learns of a start
      // through the agent's status path, 0-0.15 s later (docs/fidelity.md, known difference
      // 14). At 10.28 s anon's container had started 0.04 s before (sharing the CPUs with
      // vol's start) and its RUNNING was not written yet, so swarmsim does not list it yet.
      const late = recorded.t > 10 && recorded.t < 11 ? 'anon.' : null;
      const expected = shown(recorded.stdout).filter((line) => !late || !line.startsWith(late));
      expect(shown(out.stdout), recorded.cmd).toEqual(expected);
      compared += 1;
    });
    expect(compared).toBe(2);
  });
});
