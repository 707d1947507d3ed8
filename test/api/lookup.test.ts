import { describe, expect, it } from 'vitest';
import { isApiError } from '../../src/api/errors.js';
import { findNode, findService } from '../../src/api/lookup.js';
import { createService } from '../../src/api/service.js';
import { defaultServiceSpec } from '../../src/model/factory.js';
import type { Service } from '../../src/model/types.js';
import { fixture } from './fixture.js';

function idOrError(result: { id: string } | { daemonText(): string }): string {
  return isApiError(result) ? result.daemonText() : (result as { id: string }).id;
}

describe('findService', () => {
  const fx = fixture();
  const services = ['web', 'api', 'db'].map(
    (name) => createService(fx.sim.ctx, defaultServiceSpec(name, 'nginx')) as Service,
  );
  const [web] = services as [Service, Service, Service];

  it('finds by full ID, by name (any case) and by unique ID prefix', () => {
    expect(idOrError(findService(fx.sim.state, web.id))).toBe(web.id);
    expect(idOrError(findService(fx.sim.state, 'WEB'))).toBe(web.id);
    const prefix = web.id.slice(0, 12);
    expect(idOrError(findService(fx.sim.state, prefix))).toBe(web.id);
  });

  it('reports a missing service as dockerd does, without the rpc wrapper', () => {
    expect(idOrError(findService(fx.sim.state, 'nope'))).toBe('service nope not found');
  });

  it('reports an ambiguous prefix with the number of matches', () => {
    const ambiguous = findService(fx.sim.state, '');
    expect(idOrError(ambiguous)).toBe('service  is ambiguous (3 matches found)');
  });
});

describe('findNode', () => {
  const fx = fixture();

  it('finds by ID, hostname and prefix', () => {
    const worker = fx.node('worker1');
    expect(idOrError(findNode(fx.sim.state, worker))).toBe(worker);
    expect(idOrError(findNode(fx.sim.state, 'Worker1'))).toBe(worker);
    expect(idOrError(findNode(fx.sim.state, worker.slice(0, 6)))).toBe(worker);
    expect(idOrError(findNode(fx.sim.state, 'worker9'))).toBe('node worker9 not found');
  });
});
