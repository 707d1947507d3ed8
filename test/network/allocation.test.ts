/**
 * The allocator on a running swarm: node ingress attachments at join, task addresses at
 * NEW -> PENDING, load-balancer attachments where tasks run, everything freed when tasks stop or
 * services go, and the log alone rebuilding the same books (replay needs no allocator).
 */
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { applyEvent } from '../../src/model/reduce.js';
import { emptyClusterState } from '../../src/model/state.js';
import { serviceVips, taskAddresses } from '../../src/network/addresses.js';
import { findNetwork } from '../../src/network/networks.js';
import { createSwarm } from '../../src/swarm.js';

function swarm() {
  const events: LoggedEvent[] = [];
  const sim = createSwarm({
    seed: 5,
    nodes: [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker' },
    ],
    agent: { pullMsByImage: { busybox: 0 } },
    observers: [(_state, event) => events.push(event)],
  });
  sim.runUntil(1000);
  const docker = (line: string) => {
    const out = runDockerCommand(sim.ctx, ['docker', ...line.split(' ')], {
      nodeId: sim.state.nodeIds[0]!,
    });
    if (out.exitCode !== 0) throw new Error(out.stderr);
    return out.stdout.trim();
  };
  return { sim, events, docker };
}

describe('the allocator', () => {
  it('gives every node an ingress address at join: .2, .3 after the gateway', () => {
    const { sim } = swarm();
    const addrs = sim.state.nodeIds.map((id) => sim.state.nodes[id]!.attachments);
    const ingress = findNetwork(sim.state, 'ingress')!.id;
    expect(addrs).toEqual([
      [{ networkId: ingress, addr: '10.0.0.2/24' }],
      [{ networkId: ingress, addr: '10.0.0.3/24' }],
    ]);
  });

  it('addresses a service VIP, then its tasks, then the nodes they land on', () => {
    const { sim, docker } = swarm();
    docker('network create -d overlay mynet');
    const id = docker('service create -d --name web --replicas 2 --network mynet busybox sleep 1d');
    sim.runUntil(10_000);
    expect(serviceVips(sim.state, id)).toEqual([
      { networkId: expect.any(String), networkName: 'mynet', addr: '10.0.1.2/24' },
    ]);
    const tasks = sim.state.tasksByService[id]!;
    expect(tasks.flatMap((t) => taskAddresses(sim.state, t).map((a) => a.addr))).toEqual([
      '10.0.1.3/24',
      '10.0.1.4/24',
    ]);
    const lb = sim.state.nodeIds.map((n) => sim.state.nodes[n]!.attachments!.map((a) => a.addr));
    expect(lb.flat().sort()).toEqual(['10.0.0.2/24', '10.0.0.3/24', '10.0.1.5/24', '10.0.1.6/24']);
  });

  it('frees task, VIP and load-balancer addresses when the service goes', () => {
    const { sim, docker } = swarm();
    docker('network create -d overlay mynet');
    docker('service create -d --name web --replicas 2 --network mynet busybox sleep 1d');
    sim.runUntil(10_000);
    docker('service rm web');
    sim.runUntil(30_000);
    expect(findNetwork(sim.state, 'mynet')!.addresses.inUse).toEqual(['10.0.1.1']);
    expect(sim.state.nodeIds.map((n) => sim.state.nodes[n]!.attachments!.length)).toEqual([1, 1]);
    expect(docker('network rm mynet')).toBe('mynet');
  });

  it('replaces the tasks when the networks change, and keeps counting addresses serially', () => {
    const { sim, docker } = swarm();
    docker('network create -d overlay mynet');
    docker('network create -d overlay second');
    const id = docker('service create -d --name web --network mynet busybox sleep 1d');
    sim.runUntil(10_000);
    const first = sim.state.tasksByService[id]![0]!;
    docker('service update -d --network-add second web');
    sim.runUntil(40_000);
    const live = sim.state.tasksByService[id]!.filter(
      (t) => sim.state.tasks[t]!.desiredState === 'running',
    );
    expect(live).not.toContain(first);
    expect(taskAddresses(sim.state, live[0]!).map((a) => `${a.networkName} ${a.addr}`)).toEqual([
      'mynet 10.0.1.5/24',
      'second 10.0.2.3/24',
    ]);
  });

  it('records every choice in the log: a fold of the events rebuilds the same books', () => {
    const { sim, docker, events } = swarm();
    docker('network create -d overlay mynet');
    docker('service create -d --name web --replicas 3 --network mynet -p 8080:80 busybox sleep 1d');
    sim.runUntil(10_000);
    docker('service scale -d web=1');
    sim.runUntil(20_000);
    const folded = emptyClusterState();
    for (const event of events) applyEvent(folded, event);
    expect(folded.networks).toEqual(sim.state.networks);
    expect(folded.nodes).toEqual(sim.state.nodes);
    expect(folded.services).toEqual(sim.state.services);
  });
});
