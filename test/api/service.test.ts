import { describe, expect, it } from 'vitest';
import { ApiError, isApiError } from '../../src/api/errors.js';
import { createService, removeService, updateService } from '../../src/api/service.js';
import { defaultServiceSpec } from '../../src/model/factory.js';
import type { PortConfig, Service, ServiceSpec } from '../../src/model/types.js';
import { eventTypes, fixture } from './fixture.js';

function ok<T>(result: T | ApiError): T {
  if (isApiError(result)) throw new Error(`unexpected refusal: ${result.message}`);
  return result;
}

function refusal(result: unknown): { code: string; text: string } {
  if (!isApiError(result)) throw new Error('expected a refusal');
  return { code: result.code, text: result.daemonText() };
}

function specWith(change: (spec: ServiceSpec) => void, name = 'web'): ServiceSpec {
  const spec = defaultServiceSpec(name, 'nginx:1.25');
  change(spec);
  return spec;
}

describe('createService validation (swarmkit texts)', () => {
  const cases: [string, (spec: ServiceSpec) => void, string][] = [
    ['bad name', (s) => (s.name = 'my web'), 'name must be valid as a DNS name component'],
    ['long name', (s) => (s.name = 'a'.repeat(64)), 'name must be 63 characters or fewer'],
    [
      'tiny cpu',
      (s) => (s.task.resources.reservations.nanoCPUs = 500_000),
      'invalid cpu value 0.0005: Must be at least 0.001',
    ],
    [
      'tinier cpu in exponent form',
      (s) => (s.task.resources.limits.nanoCPUs = 10_000),
      'invalid cpu value 1e-05: Must be at least 0.001',
    ],
    [
      'negative cpu',
      (s) => (s.task.resources.limits.nanoCPUs = -1e9),
      'invalid cpu value -1: Must be at least 0.001',
    ],
    [
      'tiny memory',
      (s) => (s.task.resources.limits.memoryBytes = 1024),
      'invalid memory value 1024: Must be at least 4MiB',
    ],
    [
      'negative restart delay',
      (s) => (s.task.restart.delayMs = -1),
      'TaskSpec: restart-delay cannot be negative',
    ],
    [
      'no image',
      (s) => (s.task.container.image = ''),
      'ContainerSpec: image reference must be provided',
    ],
    [
      'upper-case image',
      (s) => (s.task.container.image = 'Nginx'),
      'ContainerSpec: "Nginx" is not a valid repository/tag',
    ],
    [
      'negative replicas',
      (s) => (s.mode = { replicated: { replicas: -1 } }),
      'Number of replicas must be non-negative',
    ],
    [
      'failure ratio above 1',
      (s) => (s.update = { ...defaultUpdate(), maxFailureRatio: 1.5 }),
      'TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1',
    ],
    [
      'dnsrr with an ingress port',
      (s) => (s.endpoint = { mode: 'dnsrr', ports: [port(80, 0)] }),
      "EndpointSpec: port published with ingress mode can't be used with dnsrr mode",
    ],
    [
      'duplicate published ports',
      (s) => (s.endpoint.ports = [port(80, 8080), { ...port(81, 8080), publishMode: 'host' }]),
      'EndpointSpec: duplicate published ports provided',
    ],
  ];
  for (const [label, change, message] of cases) {
    it(`refuses ${label}`, () => {
      const fx = fixture();
      const result = createService(fx.sim.ctx, specWith(change));
      expect(refusal(result)).toEqual({
        code: 'InvalidArgument',
        text: `rpc error: code = InvalidArgument desc = ${message}`,
      });
      expect(fx.events).toEqual([]);
    });
  }

  it('reports constraint parse errors with code Unknown, as swarmkit returns plain errors', () => {
    const fx = fixture();
    const result = createService(
      fx.sim.ctx,
      specWith((s) => (s.task.placement.constraints = ['node.role=manager'])),
    );
    expect(refusal(result).text).toBe(
      'rpc error: code = Unknown desc = constraint expected one operator from ==, !=',
    );
  });

  it('accepts registry, digest and image-ID-like references', () => {
    const fx = fixture();
    const images = [
      'localhost:5000/team/app:v1',
      'nginx@sha256:' + 'a'.repeat(64),
      'sha256:' + 'f'.repeat(64),
    ];
    images.forEach((image, index) => {
      const spec = specWith((s) => (s.task.container.image = image), `s${index}`);
      expect(isApiError(createService(fx.sim.ctx, spec))).toBe(false);
    });
  });
});

function defaultUpdate() {
  return {
    parallelism: 1,
    delayMs: 0,
    failureAction: 'pause' as const,
    monitorMs: 5000,
    maxFailureRatio: 0,
    order: 'stop-first' as const,
  };
}

function port(targetPort: number, publishedPort: number) {
  const publishMode = 'ingress';
  const config: PortConfig = { name: '', protocol: 'tcp', targetPort, publishedPort, publishMode };
  return config;
}

describe('createService effects', () => {
  it('emits service/created whose spec version is the version the store gives the service', () => {
    const fx = fixture();
    const service = ok(createService(fx.sim.ctx, specWith(() => {})));
    expect(eventTypes(fx)).toEqual(['service/created']);
    expect(service.specVersion).toBe(service.version);
    expect(service.specVersion).toBe(fx.sim.state.version);
    expect(service.updateStatus).toBeNull();
    expect(service.previousSpec).toBeNull();
    expect(fx.sim.state.services[service.id]?.spec.name).toBe('web');
  });

  it('refuses a name already taken, whatever its case', () => {
    const fx = fixture();
    ok(createService(fx.sim.ctx, specWith(() => {}, 'web')));
    const result = createService(fx.sim.ctx, specWith(() => {}, 'WEB'));
    expect(refusal(result)).toEqual({
      code: 'AlreadyExists',
      text:
        'rpc error: code = AlreadyExists desc = name conflicts with an existing object: ' +
        'service WEB already exists',
    });
  });

  it('names an unnamed service adjective_surname, the same name for the same seed', () => {
    const names = [1, 2].map(() => {
      const fx = fixture();
      return ok(createService(fx.sim.ctx, specWith(() => {}, ''))).spec.name;
    });
    expect(names[0]).toMatch(/^[a-z]+_[a-z]+$/);
    expect(names[1]).toBe(names[0]);
  });
});

describe('updateService', () => {
  function created(): { fx: ReturnType<typeof fixture>; service: Service } {
    const fx = fixture();
    return { fx, service: ok(createService(fx.sim.ctx, specWith(() => {}))) };
  }

  function withImage(service: Service, image: string): ServiceSpec {
    const spec = structuredClone(service.spec);
    spec.task.container.image = image;
    return spec;
  }

  it('keeps the old spec as previous, versions the new one and clears the update status', () => {
    const { fx, service } = created();
    const updated = ok(updateService(fx.sim.ctx, service.id, withImage(service, 'nginx:1.26')));
    expect(updated.previousSpec?.task.container.image).toBe('nginx:1.25');
    expect(updated.previousSpecVersion).toBe(service.specVersion);
    expect(updated.spec.task.container.image).toBe('nginx:1.26');
    expect(updated.specVersion).toBeGreaterThan(service.specVersion);
    expect(updated.updateStatus).toBeNull();
    expect(eventTypes(fx)).toEqual(['service/created', 'service/updated']);
  });

  it('resets an update status left by the updater', () => {
    const { fx, service } = created();
    fx.sim.emit({
      type: 'service/updateStatusChanged',
      serviceId: service.id,
      updateStatus: { state: 'paused', startedAt: 0, completedAt: null, message: 'update paused' },
    });
    const updated = ok(updateService(fx.sim.ctx, service.id, withImage(service, 'nginx:2')));
    expect(updated.updateStatus).toBeNull();
  });

  it('swaps spec and previous spec on rollback, and back again on a second rollback', () => {
    const { fx, service } = created();
    const v1 = service.specVersion;
    const v2 = ok(updateService(fx.sim.ctx, service.id, withImage(service, 'nginx:2'))).specVersion;
    const first = ok(updateService(fx.sim.ctx, service.id, service.spec, { rollback: true }));
    expect(first.spec.task.container.image).toBe('nginx:1.25');
    expect([first.specVersion, first.previousSpecVersion]).toEqual([v1, v2]);
    expect(first.updateStatus).toEqual({
      state: 'rollback_started',
      startedAt: fx.sim.now,
      completedAt: null,
      message: 'manually requested rollback',
    });
    const second = ok(updateService(fx.sim.ctx, service.id, first.spec, { rollback: true }));
    expect(second.spec.task.container.image).toBe('nginx:2');
    expect([second.specVersion, second.previousSpecVersion]).toEqual([v2, v1]);
  });

  it('refuses a rollback without a previous spec, naming the service by ID', () => {
    const { fx, service } = created();
    const result = updateService(fx.sim.ctx, service.id, service.spec, { rollback: true });
    expect(refusal(result)).toEqual({
      code: 'FailedPrecondition',
      text:
        'rpc error: code = FailedPrecondition desc = ' +
        `service ${service.id} does not have a previous spec`,
    });
  });

  it('refuses a mode change and a rename as unimplemented', () => {
    const { fx, service } = created();
    const global = { ...structuredClone(service.spec), mode: { global: {} } };
    expect(refusal(updateService(fx.sim.ctx, service.id, global)).text).toBe(
      'rpc error: code = Unimplemented desc = service mode change is not allowed',
    );
    const renamed = { ...structuredClone(service.spec), name: 'api' };
    expect(refusal(updateService(fx.sim.ctx, service.id, renamed)).text).toBe(
      'rpc error: code = Unimplemented desc = renaming services is not supported',
    );
  });

  it('refuses an unknown service', () => {
    const { fx, service } = created();
    expect(refusal(updateService(fx.sim.ctx, 'nope', service.spec)).text).toBe(
      'rpc error: code = NotFound desc = service nope not found',
    );
  });
});

describe('removeService', () => {
  it('emits service/removed and forgets the service', () => {
    const fx = fixture();
    const service = ok(createService(fx.sim.ctx, specWith(() => {})));
    expect(removeService(fx.sim.ctx, service.id)).toBeNull();
    expect(eventTypes(fx)).toEqual(['service/created', 'service/removed']);
    expect(fx.sim.state.services[service.id]).toBeUndefined();
    expect(refusal(removeService(fx.sim.ctx, service.id)).code).toBe('NotFound');
  });
});
