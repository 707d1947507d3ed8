/**
 * The machines a `swarmsim shell` starts with, after the two places the course uses:
 * - one machine (the default) is a laptop with Docker Desktop: one address, not in a swarm until
 *   `docker swarm init`, so `docker info` says `Swarm: inactive` at first;
 * - several machines are Play with Docker instances (eth0 192.168.0.x and eth1 172.18.0.x, so a
 *   bare `docker swarm init` fails with the multiple-addresses error). By default they come as
 *   PWD's templates ("3 Managers and 2 Workers") do: the swarm already formed, manager1 leading.
 *   `--no-swarm` gives bare instances instead, for the course's init-then-join walk-through.
 * Machines are named manager1..M, then worker1..W.
 */
import { nodeAddress } from '../swarm.js';
import type { LabMachine } from '../dockercli/swarm-lab.js';

/** The shape of the lab. */
export interface MachineLayout {
  managers: number;
  workers: number;
  /** Multi-machine labs only: start with the swarm formed (PWD template). */
  preformed: boolean;
}

/** Docker Desktop's VM address, as in the course's `docker swarm init` output. */
const LAPTOP_ADDRESS = '192.168.65.3';

/** The machines of `layout`, all outside any swarm for now. */
export function buildMachines(layout: MachineLayout): LabMachine[] {
  const names = [
    ...Array.from({ length: layout.managers }, (_, i) => `manager${i + 1}`),
    ...Array.from({ length: layout.workers }, (_, i) => `worker${i + 1}`),
  ];
  if (names.length === 1) {
    const laptop = { name: 'eth0', addr: LAPTOP_ADDRESS };
    return [{ hostname: names[0]!, interfaces: [laptop], nodeId: null }];
  }
  return names.map((hostname, index) => ({
    hostname,
    interfaces: [
      { name: 'eth0', addr: nodeAddress(index) },
      { name: 'eth1', addr: `172.18.0.${11 + index}` },
    ],
    nodeId: null,
  }));
}

/** True when the lab starts with its swarm formed. */
export function startsInSwarm(layout: MachineLayout): boolean {
  return layout.managers + layout.workers > 1 && layout.preformed;
}
