/**
 * swarmkit's control API refuses an update config on a job (`validateJob`), at create and at
 * update, whoever sends the spec: the API, `docker service update` (the client only checks the
 * create flags) and `docker stack deploy`. A rollback config is accepted.
 */
import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { isApiError } from '../../src/api/errors.js';
import { createService, updateService } from '../../src/api/service.js';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { DEFAULT_UPDATE_CONFIG } from '../../src/model/defaults.js';
import { defaultServiceSpec } from '../../src/model/factory.js';
import type { Service, ServiceSpec } from '../../src/model/types.js';
import { docker } from '../dockercli/docker.js';
import { fixture, type Fixture } from './fixture.js';

const REFUSAL = 'rpc error: code = InvalidArgument desc = Jobs may not have an update config';

function jobSpec(mode: ServiceSpec['mode']): ServiceSpec {
  const spec = defaultServiceSpec('job', 'alpine:3.20');
  spec.mode = mode;
  return spec;
}

function daemonText(result: unknown): string {
  if (!isApiError(result)) throw new Error('expected a refusal');
  return result.daemonText();
}

function created(fx: Fixture, spec: ServiceSpec): Service {
  const result = createService(fx.sim.ctx, spec);
  if (isApiError(result)) throw new Error(result.message);
  return result;
}

describe('jobs may not have an update config (API)', () => {
  const modes: [string, ServiceSpec['mode']][] = [
    ['replicated job', { replicatedJob: { maxConcurrent: 1, totalCompletions: 1 } }],
    ['global job', { globalJob: {} }],
  ];
  for (const [label, mode] of modes) {
    it(`refuses a ${label} created with one, and creates nothing`, () => {
      const fx = fixture();
      const spec = { ...jobSpec(mode), update: { ...DEFAULT_UPDATE_CONFIG } };
      expect(daemonText(createService(fx.sim.ctx, spec))).toBe(REFUSAL);
      expect(fx.sim.state.serviceIds).toEqual([]);
    });
  }

  it('refuses an update that adds one, and keeps the spec', () => {
    const fx = fixture();
    const service = created(fx, jobSpec({ globalJob: {} }));
    const spec = { ...structuredClone(service.spec), update: { ...DEFAULT_UPDATE_CONFIG } };
    expect(daemonText(updateService(fx.sim.ctx, service.id, spec))).toBe(REFUSAL);
    expect(fx.sim.state.services[service.id]!.spec.update).toBeNull();
  });

  it('accepts a rollback config on a job, and an update config on a service', () => {
    const fx = fixture();
    const job = { ...jobSpec({ globalJob: {} }), rollback: { ...DEFAULT_UPDATE_CONFIG } };
    expect(isApiError(createService(fx.sim.ctx, job))).toBe(false);
    const web = defaultServiceSpec('web', 'nginx:1.25');
    web.update = { ...DEFAULT_UPDATE_CONFIG };
    expect(isApiError(createService(fx.sim.ctx, web))).toBe(false);
  });
});

describe('jobs may not have an update config (CLI)', () => {
  it('service update --update-parallelism on a job gets the daemon error', () => {
    const fx = fixture();
    const create = docker(fx, 'service create -d --name job --mode replicated-job alpine true');
    expect(create.exitCode).toBe(0);
    const out = docker(fx, 'service update -d --update-parallelism 2 job');
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe(`Error response from daemon: ${REFUSAL}\n`);
    // The rollback flags are not checked by the engine.
    expect(docker(fx, 'service update -d --rollback-parallelism 2 job').exitCode).toBe(0);
  });

  it('stack deploy of a job with update_config gets the daemon error', () => {
    const fx = fixture();
    const compose = [
      'services:',
      '  migrate:',
      '    image: alpine:3.20',
      '    deploy:',
      '      mode: replicated-job',
      '      update_config:',
      '        parallelism: 2',
    ].join('\n');
    const session = { nodeId: fx.node('manager1'), readFile: () => compose };
    const words = parse('stack deploy -c stack.yml app') as string[];
    const out = runDockerCommand(fx.sim.ctx, ['docker', ...words], session);
    expect(out.exitCode).toBe(1);
    const failed = 'failed to create service app_migrate: Error response from daemon: ';
    expect(out.stderr).toContain(`${failed}${REFUSAL}\n`);
    expect(fx.sim.state.serviceIds).toEqual([]);
  });
});
