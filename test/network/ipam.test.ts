/**
 * The IPAM's arithmetic and its serial hand-out order (libnetwork's `curr` pointer), and the
 * default pool's /24s, on hand-built networks and states.
 */
import { describe, expect, it } from 'vitest';
import { emptyClusterState } from '../../src/model/state.js';
import type { Network } from '../../src/model/types.js';
import { cidrsOverlap, nextAddress, parseCidr } from '../../src/network/ipam.js';
import {
  ingressRequest,
  planSwarmNetwork,
  type NetworkRequest,
} from '../../src/network/networks.js';
import { applyEvent } from '../../src/model/reduce.js';

function network(subnet: string, inUse: string[], last: string): Network {
  return {
    id: 'n',
    version: 0,
    createdAt: 0,
    updatedAt: 0,
    name: 'n',
    driver: 'overlay',
    scope: 'swarm',
    labels: {},
    options: {},
    attachable: false,
    internal: false,
    ingress: false,
    ipv4: { subnet, gateway: '', fromPool: false },
    allocated: true,
    vxlanId: 4097,
    addresses: { inUse, last },
  };
}

const request = (id: string, name: string, subnet = '', gateway = ''): NetworkRequest => ({
  ...ingressRequest(id),
  name,
  ingress: false,
  subnet,
  gateway,
});

describe('CIDR parsing', () => {
  it('clears host bits and refuses what Go refuses', () => {
    expect(parseCidr('10.20.3.7/16')).toEqual({ base: 0x0a140000, prefix: 16 });
    expect(parseCidr('10.30.0.0/33')).toBeNull();
    expect(parseCidr('10.300.0.0/24')).toBeNull();
    expect(parseCidr('10.0.0.0')).toBeNull();
  });

  it('sees a /16 overlap a /24 inside it', () => {
    expect(cidrsOverlap(parseCidr('10.20.0.0/24')!, parseCidr('10.20.0.0/16')!)).toBe(true);
    expect(cidrsOverlap(parseCidr('10.0.1.0/24')!, parseCidr('10.0.2.0/24')!)).toBe(false);
  });
});

describe('serial allocation', () => {
  it('hands out the address after the last one given, not the lowest free one', () => {
    // .3 was freed, but the pointer is on .5: the next is .6.
    const inUse = ['10.0.1.1', '10.0.1.2', '10.0.1.4', '10.0.1.5'];
    const net = network('10.0.1.0/24', inUse, '10.0.1.5');
    expect(nextAddress(net)).toBe('10.0.1.6/24');
  });

  it('wraps past the broadcast address to the first free one', () => {
    const net = network('10.0.1.0/24', ['10.0.1.1', '10.0.1.2', '10.0.1.254'], '10.0.1.254');
    expect(nextAddress(net)).toBe('10.0.1.3/24');
  });

  it('returns null when the subnet is full', () => {
    const net = network('10.9.9.0/30', ['10.9.9.1', '10.9.9.2'], '10.9.9.2');
    expect(nextAddress(net)).toBeNull();
  });
});

describe('new networks', () => {
  it('take the gateway first, so the first address handed out is .2', () => {
    const state = emptyClusterState();
    const ingress = planSwarmNetwork(state, ingressRequest('i'), 0) as Network;
    expect(ingress.ipv4).toMatchObject({ subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
    expect(nextAddress(ingress)).toBe('10.0.0.2/24');
  });

  it('keep a given gateway out of the serial order: the first address is .1', () => {
    const state = emptyClusterState();
    const net = planSwarmNetwork(state, request('c', 'custom', '10.20.0.0/24', '10.20.0.254'), 0);
    expect(nextAddress(net as Network)).toBe('10.20.0.1/24');
  });

  it('take the pool /24 after the last one given, so a removed one is not reused at once', () => {
    const state = emptyClusterState();
    const create = (id: string, name: string) => {
      const net = planSwarmNetwork(state, request(id, name), 0) as Network;
      applyEvent(state, { type: 'network/created', network: net, t: 0 });
      return net;
    };
    applyEvent(state, {
      type: 'network/created',
      network: planSwarmNetwork(state, ingressRequest('i'), 0) as Network,
      t: 0,
    });
    expect(create('a', 'a').ipv4.subnet).toBe('10.0.1.0/24');
    expect(create('b', 'b').ipv4.subnet).toBe('10.0.2.0/24');
    applyEvent(state, { type: 'network/removed', networkId: 'a', t: 0 });
    expect(create('c', 'c').ipv4.subnet).toBe('10.0.3.0/24');
    expect(create('d', 'd').vxlanId).toBe(4100);
  });

  it('leave a given subnet that overlaps another network unallocated', () => {
    const state = emptyClusterState();
    const custom = planSwarmNetwork(state, request('c', 'custom', '10.20.0.0/24'), 0) as Network;
    applyEvent(state, { type: 'network/created', network: custom, t: 0 });
    const overlap = planSwarmNetwork(state, request('o', 'overlap', '10.20.0.0/16'), 0) as Network;
    expect(overlap.allocated).toBe(false);
    expect(nextAddress(overlap)).toBeNull();
  });

  it('refuse a bad CIDR with the daemon text', () => {
    const state = emptyClusterState();
    expect(planSwarmNetwork(state, request('x', 'x', '10.30.0.0/33'), 0)).toEqual({
      error: 'Invalid subnet 10.30.0.0/33 : invalid CIDR address: 10.30.0.0/33',
    });
  });
});
