import { describe, expect, it } from 'vitest';
import { isApiError, type ApiError } from '../../src/api/errors.js';
import { createService, updateService } from '../../src/api/service.js';
import { defaultServiceSpec } from '../../src/model/factory.js';
import type { PortConfig, PublishMode, Service } from '../../src/model/types.js';
import { fixture, type Fixture } from './fixture.js';

function port(targetPort: number, publishedPort = 0, publishMode: PublishMode = 'ingress') {
  const config: PortConfig = { name: '', protocol: 'tcp', targetPort, publishedPort, publishMode };
  return config;
}


function create(fx: Fixture, name: string, ports: PortConfig[]): Service | ApiError {
  const spec = defaultServiceSpec(name, 'nginx');
  spec.endpoint.ports = ports;
  return createService(fx.sim.ctx, spec);
}

function published(result: Service | ApiError): number[] {
  if (isApiError(result)) throw new Error(result.message);
  return result.endpointPorts.map((p) => p.publishedPort);
}

describe('ingress port allocation', () => {
  it('gives published=0 ingress ports the lowest free ports from 30000, per protocol', () => {
    const fx = fixture();
    expect(published(create(fx, 'a', [port(80), port(443)]))).toEqual([30000, 30001]);
    expect(published(create(fx, 'b', [port(80), { ...port(53), protocol: 'udp' }]))).toEqual([
      30002, 30000,
    ]);
  });

  it('skips ports taken by fixed published ports', () => {
    const fx = fixture();
    published(create(fx, 'fixed', [port(80, 30000)]));
    expect(published(create(fx, 'auto', [port(80)]))).toEqual([30001]);
  });

  it('does not count host-mode ports as taken in the ingress port space', () => {
    const fx = fixture();
    published(create(fx, 'hosted', [port(80, 30000, 'host')]));
    expect(published(create(fx, 'auto', [port(80)]))).toEqual([30000]);
  });

  it('leaves host-mode published=0 to the engine', () => {
    const fx = fixture();
    expect(published(create(fx, 'h', [port(80, 0, 'host')]))).toEqual([0]);
  });

  it('keeps the allocated port across an update that keeps the same ports', () => {
    const fx = fixture();
    published(create(fx, 'first', [port(80)]));
    const web = create(fx, 'web', [port(80)]) as Service;
    expect(published(web)).toEqual([30001]);
    const spec = structuredClone(web.spec);
    spec.task.container.image = 'nginx:2';
    expect(published(updateService(fx.sim.ctx, web.id, spec))).toEqual([30001]);
  });

  it('frees the port when a service is removed, so the next one reuses it', () => {
    const fx = fixture();
    const a = create(fx, 'a', [port(80)]) as Service;
    fx.sim.emit({ type: 'service/removed', serviceId: a.id });
    expect(published(create(fx, 'b', [port(80)]))).toEqual([30000]);
  });
});

describe('published port conflicts', () => {
  it('refuses an ingress port another service publishes, naming that service', () => {
    const fx = fixture();
    const web = create(fx, 'web', [port(80, 8080)]) as Service;
    const result = create(fx, 'api', [port(81, 8080)]);
    expect(isApiError(result) && result.daemonText()).toBe(
      'rpc error: code = InvalidArgument desc = ' +
        `port '8080' is already in use by service 'web' (${web.id}) as an ingress port`,
    );
  });

  it('refuses a fixed port equal to another service\'s auto-assigned one', () => {
    const fx = fixture();
    create(fx, 'web', [port(80)]);
    const result = create(fx, 'api', [port(81, 30000)]);
    const message = isApiError(result) && result.message;
    expect(message).toMatch(/port '30000' is already in use by service 'web'/);
  });

  it('refuses ingress over another service\'s host port, and host over ingress', () => {
    const fx = fixture();
    create(fx, 'hosted', [port(80, 8080, 'host')]);
    const ingress = create(fx, 'ingress', [port(80, 8080)]);
    const message = isApiError(ingress) && ingress.message;
    expect(message).toMatch(/by service 'hosted' .* as a host-published port$/);
    const fx2 = fixture();
    create(fx2, 'ingress', [port(80, 8080)]);
    const host = create(fx2, 'hosted', [port(80, 8080, 'host')]);
    expect(isApiError(host) && host.message).toMatch(/by service 'ingress' .* as an ingress port$/);
  });

  it('lets two services share a host-mode port, and the same number on another protocol', () => {
    const fx = fixture();
    expect(isApiError(create(fx, 'a', [port(80, 8080, 'host')]))).toBe(false);
    expect(isApiError(create(fx, 'b', [port(80, 8080, 'host')]))).toBe(false);
    expect(isApiError(create(fx, 'c', [{ ...port(80, 8080), protocol: 'udp' }]))).toBe(false);
  });

  it('checks conflicts on update when the endpoint changes, ignoring the service itself', () => {
    const fx = fixture();
    const web = create(fx, 'web', [port(80, 8080)]) as Service;
    const same = structuredClone(web.spec);
    same.mode = { replicated: { replicas: 3 } };
    expect(isApiError(updateService(fx.sim.ctx, web.id, same))).toBe(false);
    create(fx, 'api', [port(80, 9090)]);
    const clash = structuredClone(same);
    clash.endpoint.ports = [port(80, 9090)];
    expect(isApiError(updateService(fx.sim.ctx, web.id, clash))).toBe(true);
  });
});
