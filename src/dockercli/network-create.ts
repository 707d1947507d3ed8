/**
 * `docker network create [OPTIONS] NETWORK` on the session's node. `-d overlay` asks the swarm
 * (a manager only: a worker's engine refuses with dockerd's text) for a swarm-scoped network,
 * whose subnet comes from the default pool unless `--subnet` names one; any other driver (the
 * default is `bridge`) makes a network local to this engine. Prints the new network's full ID.
 */
import { isApiError } from '../api/errors.js';
import { createLocalNetwork, createSwarmNetwork } from '../network/control.js';
import { gatewayError } from '../network/networks.js';
import { daemonErrorLine, type DockerCommand, failure, sessionNode } from './command.js';
import { managerGate } from './daemon.js';
import { hexId } from './engine-ids.js';
import { boolFlag, labelFlag, stringFlag, unsupportedFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { labelsOf, listOf } from './spec-parts.js';

const WORKER_OVERLAY =
  'Error response from daemon: Cannot create a multi-host network from a worker node. ' +
  'Please create the network from a manager node.';

/** `docker network create` */
export const networkCreate: DockerCommand = {
  path: ['network', 'create'],
  use: 'create [OPTIONS] NETWORK',
  short: 'Create a network',
  flags: [
    boolFlag('attachable'),
    stringFlag('driver', 'd'),
    stringFlag('gateway'),
    boolFlag('internal'),
    labelFlag('label'),
    stringFlag('opt', 'o'),
    stringFlag('subnet'),
    ...['aux-address', 'config-from', 'ip-range', 'ipam-driver', 'ipam-opt', 'scope'].map(
      (name) => unsupportedFlag(name),
    ),
    unsupportedFlag('config-only', { bool: true }),
    unsupportedFlag('ingress', { bool: true }),
    unsupportedFlag('ipv6', { bool: true }),
  ],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const node = sessionNode(ctx, session);
    if ('exitCode' in node) return node;
    const name = parsed.args[0]!;
    const driver = lastValue<string>(parsed, 'driver') || 'bridge';
    const subnet = lastValue<string>(parsed, 'subnet') ?? '';
    const gateway = lastValue<string>(parsed, 'gateway') ?? '';
    const clientError = gatewayError(subnet, gateway);
    if (clientError) return failure(clientError);
    if (driver === 'host' || driver === 'null') {
      return failure(`swarmsim: network create -d ${driver} is not simulated`);
    }
    const request = {
      name,
      driver,
      labels: labelsOf(listOf(parsed, 'label')),
      options: labelsOf(listOf(parsed, 'opt')),
      attachable: lastValue<boolean>(parsed, 'attachable') ?? false,
      internal: lastValue<boolean>(parsed, 'internal') ?? false,
      ingress: false,
      subnet,
      gateway,
    };
    if (driver !== 'overlay') {
      const id = hexId(`network/${node.id}/${name}/${ctx.state.version}`);
      const network = createLocalNetwork(ctx, node.id, id, request);
      if (isApiError(network)) return failure(daemonErrorLine(network));
      return { stdout: `${network.id}\n`, stderr: '', exitCode: 0 };
    }
    if (node.role !== 'manager') return failure(WORKER_OVERLAY);
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const network = createSwarmNetwork(ctx, node.id, request);
    if (isApiError(network)) return failure(daemonErrorLine(network));
    return { stdout: `${network.id}\n`, stderr: '', exitCode: 0 };
  },
};
