/**
 * Swarm networks against the real recording (test/fixtures/real-docker-multinode/networks, a
 * manager and a worker on Engine 20.10): every command replayed at its recorded time must print
 * what the real engine printed, IDs and times aside, except the differences listed here (each
 * with its reason, and most also in docs/fidelity.md).
 */
import { describe, expect, test } from 'vitest';
import { normalise, replayNetworks, type ReplayedRun } from './networks-replay.js';

/** Commands whose output differs for a known reason, by the start of their command line. */
const KNOWN: Record<string, string> = {
  'network ls#0': 'docker_gwbridge: made with the first sandbox; swarmsim lists it always',
  'network ls#1': 'docker_gwbridge, as above (on the worker)',
  'network inspect ingress#0': 'the ingress sandbox is keyed ep-ID until it is set up',
  'service create -d --name web': 'the recorded image ID is replaced by busybox (no warning)',
  'service create -d --name pub': 'image, as above',
  'service create -d --name rr': 'image, as above',
  'service create -d --name nonet': 'image, as above',
  'service create -d --name badhost': 'the host network is not simulated for services',
  'service inspect --pretty pub': 'image, as above',
  'service ps web': 'ties between the two nodes are broken otherwise (real swarm: Go map order)',
  'network inspect mynet': 'which web task is on which node (the tie-break above)',
  'node inspect self': 'node details (certificates, memory) are not the recorded machine',
  'network ls#5': 'the engine lists a removed overlay until its last local endpoint is gone',
  'network ls#6': 'the same, after stack rm',
  'stack deploy': 'docker creates the services in Go map order, swarmsim by name',
  'service inspect st_': 'VIPs follow that creation order',
};

function key(run: ReplayedRun, runs: ReplayedRun[]): string | undefined {
  const nth = runs.filter((r) => r.command === run.command).indexOf(run);
  const exact = `${run.command}#${nth}`;
  if (KNOWN[exact]) return exact;
  const prefixes = Object.keys(KNOWN).filter((prefix) => !prefix.includes('#'));
  return prefixes.find((prefix) => run.command.startsWith(prefix));
}

const output = (text: string) => normalise(text.trimEnd());

describe('networks, replayed against the real recording', () => {
  const runs = replayNetworks();

  test('every other command prints what the real engine printed', () => {
    const compared = runs.filter((run) => key(run, runs) === undefined);
    expect(compared.length).toBeGreaterThan(35);
    for (const run of compared) {
      const sim = run.sim.stdout + run.sim.stderr;
      expect({ command: run.command, out: output(sim), exit: run.sim.exitCode }).toEqual({
        command: run.command,
        out: output(run.output),
        exit: run.exit,
      });
    }
  });

  test('VIPs and subnets come out as the real allocator hands them out', () => {
    const find = (prefix: string) => runs.find((run) => run.command.startsWith(prefix))!;
    expect(find('service inspect web').sim.stdout).toContain('"Addr":"10.0.1.2/24"');
    const pub = find('service inspect pub').sim.stdout;
    expect(pub).toMatch(/10\.0\.0\.4\/24.*10\.20\.0\.1\/24.*10\.0\.1\.7\/24/);
    expect(find('service inspect nonet').sim.stdout).toContain('"Addr":"10.0.0.6/24"');
    const back = find('network inspect st_back').sim.stdout;
    expect(back).toContain('"Subnet":"10.0.5.0/24"');
  });

  test('the stack creates its networks first, then attaches each service with its alias', () => {
    const deploy = runs.find((run) => run.command.startsWith('stack deploy'))!;
    expect(deploy.sim.stdout).toMatch(/^Creating network st_default\nCreating network st_back\n/);
    const api = runs.find((run) => run.command.startsWith('service inspect st_api'))!;
    expect(output(api.sim.stdout)).toBe(output(api.output).replace('10.0.4.4/24', '10.0.4.2/24'));
  });
});
