/**
 * `docker swarm init` and `docker swarm join`: a machine outside any swarm creates one, or joins
 * the one a manager address and token name. Both act on the machine the shell lends them
 * (swarm-lab.ts), then record the swarm side as events: `cluster/initialized`, `node/joined`.
 */
import {
  DEFAULT_HEARTBEAT_PERIOD_MS,
  DEFAULT_TASK_HISTORY_RETENTION_LIMIT,
} from '../model/defaults.js';
import { buildNode } from '../model/factory.js';
import type { NodeAvailability, NodeRole } from '../model/types.js';
import type { SimContext } from '../engine/simulation.js';
import { createIngressNetwork } from '../network/networks.js';
import { forceNewCluster, forceNewClusterRefusal } from '../raft/force-new-cluster.js';
import { failure, Printer, type CommandOutput } from './command.js';
import { boolFlag, stringFlag, unsupportedFlag } from './flag-kinds.js';
import { lastValue, type ParsedFlags } from './flags.js';
import { memberNodeId, newJoinTokens, type LabMachine, type SwarmLab } from './swarm-lab.js';
import type { DockerCommand, DockerSession } from './command.js';

/** The engine's refusal to init or join twice (`moby:daemon/cluster/errors.go`). */
export const ALREADY_IN_SWARM =
  'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" ' +
  'to leave this swarm and join another one.';

/** What the swarm commands print where swarmsim has no machines to lend (scenario steps). */
export function noLab(command: string): CommandOutput {
  return failure(`swarmsim: '${command}' runs only in 'swarmsim shell'`);
}

const AVAILABILITIES: readonly NodeAvailability[] = ['active', 'pause', 'drain'];

/** `--availability`: docker's client-side check, lower-casing what was typed. */
function readAvailability(parsed: ParsedFlags): NodeAvailability | { error: string } {
  const raw = lastValue<string>(parsed, 'availability');
  if (raw === undefined) return 'active';
  const value = raw.toLowerCase() as NodeAvailability;
  if (AVAILABILITIES.includes(value)) return value;
  return { error: `invalid availability "${raw}", only active, pause and drain are supported` };
}

/**
 * The address a new manager advertises: `--advertise-addr` (an IP or an interface name, a port
 * dropped), else the machine's only address. With several interfaces and no flag the engine
 * refuses, as on Play with Docker (eth0 and eth1).
 */
function advertiseAddress(
  machine: LabMachine,
  flag: string | undefined,
): string | { error: string } {
  if (flag !== undefined) {
    const host = flag.replace(/:\d+$/, '');
    const named = machine.interfaces.find((iface) => iface.name === host);
    return named ? named.addr : host;
  }
  const [first, second] = machine.interfaces;
  if (first && !second) return first.addr;
  if (!first) return { error: "could not find the system's IP address" };
  const list = `${first.addr} on ${first.name} and ${second!.addr} on ${second!.name}`;
  return {
    error:
      'could not choose an IP address to advertise since this system has multiple addresses ' +
      `on different interfaces (${list})`,
  };
}

/** Records `machine` joining as a node; returns the node id. */
function joinAsNode(
  ctx: SimContext,
  machine: LabMachine,
  role: NodeRole,
  addr: string,
  availability: NodeAvailability,
  leader: boolean,
): string {
  const id = ctx.newId('node');
  const { hostname } = machine;
  const node = buildNode({ id, hostname, role, addr, availability, leader }, ctx.now);
  ctx.emit({ type: 'node/joined', node });
  machine.nodeId = id;
  return id;
}

/** `docker swarm init` */
export const swarmInit: DockerCommand = {
  path: ['swarm', 'init'],
  use: 'init [OPTIONS]',
  short: 'Initialize a swarm',
  flags: [
    stringFlag('advertise-addr'), stringFlag('availability'), unsupportedFlag('listen-addr'),
    unsupportedFlag('data-path-addr'), unsupportedFlag('data-path-port'),
    boolFlag('force-new-cluster'),
    unsupportedFlag('autolock', { bool: true }),
    unsupportedFlag('default-addr-pool'), unsupportedFlag('default-addr-pool-mask-length'),
    unsupportedFlag('task-history-limit'), unsupportedFlag('dispatcher-heartbeat'),
    unsupportedFlag('cert-expiry'), unsupportedFlag('snapshot-interval'),
    unsupportedFlag('max-snapshots'), unsupportedFlag('external-ca'),
  ],
  args: { none: true },
  run(ctx, parsed, session) {
    const lab = session.lab;
    const force = lastValue<boolean>(parsed, 'force-new-cluster') ?? false;
    if (force && (!lab || memberNodeId(ctx, lab.machine) !== null)) {
      return runForceNewCluster(ctx, parsed, session);
    }
    if (!lab) return noLab('docker swarm init');
    const availability = readAvailability(parsed);
    if (typeof availability === 'object') return failure(availability.error);
    if (memberNodeId(ctx, lab.machine) !== null) return failure(ALREADY_IN_SWARM);
    const addr = advertiseAddress(lab.machine, lastValue<string>(parsed, 'advertise-addr'));
    if (typeof addr === 'object') {
      const advice = 'specify one with --advertise-addr';
      return failure(`Error response from daemon: ${addr.error} - ${advice}`);
    }
    const swarm = lab.contextForNewSwarm();
    if (!swarm) return failure('swarmsim: a second swarm beside the running one is not simulated');
    swarm.emit({
      type: 'cluster/initialized',
      clusterId: swarm.newId('cluster'),
      taskHistoryRetentionLimit: DEFAULT_TASK_HISTORY_RETENTION_LIMIT,
      heartbeatPeriodMs: DEFAULT_HEARTBEAT_PERIOD_MS,
    });
    createIngressNetwork(swarm);
    const nodeId = joinAsNode(swarm, lab.machine, 'manager', addr, availability, true);
    lab.tokens = newJoinTokens(swarm);
    return initialized(nodeId, lab.tokens.worker, addr);
  },
};

/** What `swarm init` prints once the node manages a swarm (a forced new one too). */
function initialized(nodeId: string, workerToken: string, addr: string): CommandOutput {
  const printer = new Printer();
  printer.out(`Swarm initialized: current node (${nodeId}) is now a manager.\n`);
  printer.stdout += joinInstructions('worker', workerToken, `${addr}:2377`);
  printer.out(
    "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the " +
      'instructions.',
  );
  return printer.done();
}

/**
 * `swarm init --force-new-cluster` on a node of the swarm (moby Init with ForceNewCluster): a
 * manager re-forms raft around itself (src/raft/force-new-cluster.ts); a worker is refused. On a
 * machine outside any swarm the flag changes nothing: a plain init. The node keeps its ID, the
 * swarm its join tokens. Without a lab (scenario steps) the session's node is the machine.
 */
function runForceNewCluster(
  ctx: SimContext,
  parsed: ParsedFlags,
  session: DockerSession,
): CommandOutput {
  const availability = readAvailability(parsed);
  if (typeof availability === 'object') return failure(availability.error);
  const nodeId = session.lab ? memberNodeId(ctx, session.lab.machine) : session.nodeId;
  const node = nodeId === null ? undefined : ctx.state.nodes[nodeId];
  if (!node) return noLab('docker swarm init');
  const refused = forceNewClusterRefusal(ctx, node.id);
  if (refused !== null) return failure(`Error response from daemon: ${refused}`);
  const flag = lastValue<string>(parsed, 'advertise-addr');
  const lab = session.lab;
  const addr = lab ? advertiseAddress(lab.machine, flag) : (flag ?? node.status.addr);
  if (typeof addr === 'object') {
    return failure(`Error response from daemon: ${addr.error} - specify one with --advertise-addr`);
  }
  forceNewCluster(ctx, node.id);
  const tokens = session.lab?.tokens ?? newJoinTokens(ctx);
  if (session.lab) session.lab.tokens = tokens;
  return initialized(node.id, tokens.worker, addr);
}

/** The block `docker swarm init` and `join-token` print for one role. */
export function joinInstructions(role: NodeRole, token: string, managerAddr: string): string {
  return (
    `To add a ${role} to this swarm, run the following command:\n\n` +
    `    docker swarm join --token ${token} ${managerAddr}\n\n`
  );
}

/** `docker swarm join` */
export const swarmJoin: DockerCommand = {
  path: ['swarm', 'join'],
  use: 'join [OPTIONS] HOST:PORT',
  short: 'Join a swarm as a node and/or manager',
  flags: [
    stringFlag('token'), stringFlag('availability'), unsupportedFlag('advertise-addr'),
    unsupportedFlag('listen-addr'), unsupportedFlag('data-path-addr'),
  ],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const lab = session.lab;
    if (!lab) return noLab('docker swarm join');
    const availability = readAvailability(parsed);
    if (typeof availability === 'object') return failure(availability.error);
    if (memberNodeId(ctx, lab.machine) !== null) return failure(ALREADY_IN_SWARM);
    if (!reachesManager(ctx, lab, parsed.args[0]!)) return failure(JOIN_TIMEOUT);
    const token = lastValue<string>(parsed, 'token') ?? '';
    const role = roleOfToken(lab, token);
    if (!role) return failure(BAD_TOKEN);
    const addr = lab.machine.interfaces[0]?.addr ?? '';
    joinAsNode(ctx, lab.machine, role, addr, availability, false);
    const printer = new Printer();
    printer.out(`This node joined a swarm as a ${role}.`);
    return printer.done();
  },
};

const BAD_TOKEN =
  'Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token is ' +
  'necessary to join this cluster';

/**
 * The engine gives up after its join timeout when no manager answers at the address; swarmsim
 * answers at once instead of letting the time pass.
 */
const JOIN_TIMEOUT =
  'Error response from daemon: Timeout was reached before node joined. The attempt to join the ' +
  'swarm will continue in the background. Use the "docker info" command to see the current ' +
  'swarm status of your node.';

function roleOfToken(lab: SwarmLab, token: string): NodeRole | null {
  if (!lab.tokens) return null;
  if (token === lab.tokens.worker) return 'worker';
  if (token === lab.tokens.manager) return 'manager';
  return null;
}

/**
 * True when `remote` (`host[:port]`, port 2377 by default) is a manager of the swarm: one of its
 * machine's addresses or name, or the address it advertises (the one `join-token` prints, which
 * `--advertise-addr` may set to an address the lab does not model, as the course's 192.168.0.33).
 */
function reachesManager(ctx: SimContext, lab: SwarmLab, remote: string): boolean {
  const match = /^(.*?)(?::(\d+))?$/.exec(remote);
  const host = match?.[1] ?? remote;
  if ((match?.[2] ?? '2377') !== '2377') return false;
  return lab.machines.some((machine) => {
    const nodeId = memberNodeId(ctx, machine);
    const status = nodeId === null ? null : ctx.state.nodes[nodeId]!.managerStatus;
    if (!status) return false;
    if (status.addr === `${host}:2377`) return true;
    return machine.interfaces.some((iface) => iface.addr === host) || machine.hostname === host;
  });
}
