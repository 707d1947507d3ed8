/**
 * `docker service create/scale/ls/inspect` for job services: the client's mode errors, the spec
 * sent, REPLICAS and MODE in `service ls`, and Mode/JobStatus in `service inspect`.
 */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/model/types.js';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

const ONLY_REPLICATED_JOB = 'max-concurrent can only be used with replicated-job mode';
const NO_REPLICAS = 'replicas can only be used with replicated or replicated-job mode';
const NO_UPDATE = 'update and rollback configuration is not supported for jobs';

function jobMode(maxConcurrent: number, totalCompletions: number) {
  return { replicatedJob: { maxConcurrent, totalCompletions } };
}

function service(fx: Fixture, name: string): Service {
  const found = Object.values(fx.sim.state.services).find((s) => s.spec.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe('docker service create for jobs', () => {
  it.each([
    ['--max-concurrent 2 alpine', ONLY_REPLICATED_JOB],
    ['--mode global --max-concurrent 2 alpine', ONLY_REPLICATED_JOB],
    ['--mode global-job --replicas 2 alpine', NO_REPLICAS],
    ['--mode replicated-job --update-parallelism 2 alpine', NO_UPDATE],
    ['--mode global-job --rollback-delay 2s alpine', NO_UPDATE],
  ])('refuses %s', (flags, message) => {
    const fx = fixture();
    const out = docker(fx, `service create -d ${flags}`);
    expect(out.exitCode).not.toBe(0);
    expect(out.stderr).toContain(message);
    expect(fx.sim.state.serviceIds).toEqual([]);
  });

  it('defaults MaxConcurrent to the replicas, and both to 1', () => {
    const fx = fixture();
    docker(fx, 'service create -d --name a --mode replicated-job alpine');
    docker(fx, 'service create -d --name b --mode replicated-job --replicas 4 alpine');
    docker(fx, 'service create -d --name c --mode replicated-job --max-concurrent 3 alpine');
    docker(fx, 'service create -d --name g --mode global-job alpine');
    expect(service(fx, 'a').spec.mode).toEqual(jobMode(1, 1));
    expect(service(fx, 'b').spec.mode).toEqual(jobMode(4, 4));
    expect(service(fx, 'c').spec.mode).toEqual(jobMode(3, 3));
    expect(service(fx, 'g').spec.mode).toEqual({ globalJob: {} });
    expect(service(fx, 'g').spec.update).toBeNull();
  });
});

describe('job services in ls, scale and inspect', () => {
  it('scale sets TotalCompletions and starts a new job iteration', () => {
    const fx = fixture();
    docker(fx, 'service create -d --name job --mode replicated-job --replicas 2 alpine');
    const out = docker(fx, 'service scale -d job=6');
    expect(out.stdout).toBe('job scaled to 6\n');
    expect(service(fx, 'job').spec.mode).toEqual(jobMode(2, 6));
    expect(service(fx, 'job').jobIteration).toBe(1);
    const [json] = JSON.parse(docker(fx, 'service inspect job').stdout) as [
      { Spec: { Mode: unknown }; JobStatus: { JobIteration: unknown } },
    ];
    expect(json.Spec.Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 2, TotalCompletions: 6 } });
    expect(json.JobStatus.JobIteration).toEqual({ Index: 1 });
  });

  it('lists jobs with their MODE and filters them by the API mode word', () => {
    const fx = fixture();
    docker(fx, 'service create -d --name job --mode replicated-job --replicas 3 alpine');
    docker(fx, 'service create -d --name web nginx');
    const ls = docker(fx, 'service ls --format "{{.Name}} {{.Mode}} {{.Replicas}}"');
    expect(ls.stdout).toBe('job replicated job 0/3 (0/3 completed)\nweb replicated 0/1\n');
    const filtered = docker(fx, 'service ls -q --filter mode=replicated-job');
    expect(filtered.stdout).toBe(`${service(fx, 'job').id.slice(0, 12)}\n`);
  });

  it('refuses to scale a global job', () => {
    const fx = fixture();
    docker(fx, 'service create -d --name g --mode global-job alpine');
    const out = docker(fx, 'service scale -d g=2');
    expect(out.stderr).toContain('scale can only be used with replicated or replicated-job mode');
  });
});

describe('docker service create for a job without -d', () => {
  it('follows the job until every completion is reached, then prints `job complete`', () => {
    const fx = fixture();
    const follow = {
      terminal: false,
      columns: 80,
      limitMs: 60_000,
      advanceTo: (at: number) => {
        if (at > fx.sim.now) fx.sim.runUntil(at);
        return fx.sim.ctx;
      },
    };
    const words = ['docker', 'service', 'create', '--name', 'job', '--mode', 'replicated-job'];
    const args = ['--replicas', '3', 'alpine', 'sh', '-c', 'sleep 1'];
    const out = runDockerCommand(fx.sim.ctx, [...words, ...args], {
      nodeId: fx.node('manager1'),
      follow,
    });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(`${service(fx, 'job').id}\njob complete\n`);
    const tasks = fx.sim.state.tasksByService[service(fx, 'job').id] ?? [];
    expect(tasks.map((id) => fx.sim.state.tasks[id]!.status.state)).toEqual(
      Array(3).fill('complete'),
    );
  });
});
