/**
 * A task's container keeps the name the engine gave it when it was created, from the service's
 * name then: after `docker service rm` the container lingers through its stop grace period as
 * `pinger.1.<task id>`, as on a real engine (test/fixtures/real-docker-multinode/
 * rm-lingering-name).
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../api/fixture.js';
import { docker } from './docker.js';
import { recordedRun } from './multinode-output.js';

const IMG = 'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';
const CASE = 'rm-lingering-name';
const CREATE =
  'service create -d --name pinger --stop-grace-period 20s ' +
  `--constraint node.hostname==manager1 --no-resolve-image ${IMG} sleep 1d`;

/** Task IDs and ages differ between runs. */
function mask(text: string): string {
  return text
    .replace(/\.[a-z0-9]{25}\b/g, '.<task id>')
    .replace(/ (Up|Exited \(\d+\)) .*$/gm, ' $1 <age>');
}

describe('a container whose service was removed', () => {
  it('is still named after the service, and labelled with its name', () => {
    const fx = fixture([{ hostname: 'manager1', role: 'manager' }]);
    expect(docker(fx, CREATE).exitCode).toBe(0);
    fx.sim.runUntil(10_000);
    const [task] = Object.values(fx.sim.state.tasks);
    expect(docker(fx, 'service rm pinger').stdout).toBe('pinger\n');
    fx.sim.runUntil(11_000);
    const names = docker(fx, 'ps -a --format {{.Names}}').stdout;
    expect(names).toBe(`pinger.1.${task!.id}\n`);
    const labels = docker(fx, 'ps -a --format {{.Labels}}').stdout.trim().split(',');
    expect(labels).toContain('com.docker.swarm.service.name=pinger');
    expect(labels).toContain(`com.docker.swarm.task.name=pinger.1.${task!.id}`);
    expect(docker(fx, 'ps -a --filter name=pinger.1 -q').stdout).not.toBe('');
  });

  it('lists as the real engine listed it right after the rm', () => {
    const fx = fixture([{ hostname: 'manager1', role: 'manager' }]);
    docker(fx, CREATE);
    fx.sim.runUntil(10_000);
    docker(fx, 'service rm pinger');
    fx.sim.runUntil(15_000);
    const line = 'ps -a --format {{.Names}} {{.Status}}';
    const recorded = recordedRun(CASE, line).output;
    expect(mask(docker(fx, `ps -a --format '{{.Names}} {{.Status}}'`).stdout)).toBe(
      mask(recorded),
    );
  });
});
