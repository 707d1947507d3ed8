/**
 * `docker network inspect [--format] NETWORK...` on the session's node, shaped like the Engine
 * API's NetworkResource. A swarm network this engine has not set up (a manager with no task on
 * it) shows `Containers` and empty `Labels` as null and no `Peers`; once set up, `Containers`
 * holds the node's task containers on it and its load-balancer endpoint (`lb-NAME`, or
 * `ingress-sbox` for the routing mesh), and `Peers` the nodes that set it up too.
 */
import type { ClusterState } from '../model/state.js';
import type { Network, Node } from '../model/types.js';
import type { DockerCommand } from './command.js';
import { goTimeAt } from './clock.js';
import { containerId, hexId } from './engine-ids.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { inspectOnEngine, LookupFailure } from './inspect-support.js';
import {
  attachedTasks,
  findNodeNetwork,
  instantiatedOn,
  type NetworkView,
} from './network-view.js';
import { fullTaskName } from './task-rows.js';
import { GoMap, GoNil, GoStruct, type GoField, type GoValue } from './template/values.js';

/** The subnets of the predefined local networks (docker's defaults). */
const PREDEFINED_SUBNETS: Record<string, string> = {
  bridge: '172.17.0.0/16',
  docker_gwbridge: '172.18.0.0/16',
};

/** `docker network inspect` */
export const networkInspect: DockerCommand = {
  path: ['network', 'inspect'],
  use: 'inspect [OPTIONS] NETWORK [NETWORK...]',
  short: 'Display detailed information on one or more networks',
  flags: [stringFlag('format', 'f'), boolFlag('verbose', 'v')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    return inspectOnEngine(ctx, parsed, session, (node, ref) => {
      const view = findNodeNetwork(ctx.state, node, ref);
      if (!view) return new LookupFailure(`Error response from daemon: network ${ref} not found`);
      return networkObject(ctx.state, node, view);
    });
  },
};

/** The Engine API's NetworkResource for `view` as the engine of `node` reports it. */
export function networkObject(state: ClusterState, node: Node, view: NetworkView): GoStruct {
  const network = view.network;
  const local =
    !network || network.scope === 'local' || instantiatedOn(state, network, node.id);
  const labels = network?.labels ?? {};
  const configFrom = new GoStruct('network.ConfigReference', [{ name: 'Network', value: '' }]);
  const containers = local ? containersMap(state, node, view) : nilMap('EndpointResource');
  const fields: GoField[] = [
    { name: 'Name', value: view.name },
    { name: 'Id', value: view.id },
    { name: 'Created', value: goTimeAt(view.createdAt) },
    { name: 'Scope', value: view.scope },
    { name: 'Driver', value: view.driver },
    { name: 'EnableIPv6', value: false },
    { name: 'IPAM', value: ipamObject(view) },
    { name: 'Internal', value: network?.internal ?? false },
    { name: 'Attachable', value: network?.attachable ?? false },
    { name: 'Ingress', value: network?.ingress ?? false },
    { name: 'ConfigFrom', value: configFrom },
    { name: 'ConfigOnly', value: false },
    { name: 'Containers', value: containers },
    { name: 'Options', value: GoMap.of(optionsOf(network)) },
    {
      name: 'Labels',
      value: local || Object.keys(labels).length > 0 ? GoMap.of(labels) : nilMap('string'),
    },
  ];
  if (network?.scope === 'swarm' && local) {
    fields.push({ name: 'Peers', value: peersOf(state, network) });
  }
  return new GoStruct('types.NetworkResource', fields);
}

function nilMap(valueType: string): GoNil {
  return new GoNil(`map[string]${valueType}`);
}

function ipamObject(view: NetworkView): GoStruct {
  const ipv4 = view.network?.ipv4;
  const subnet = ipv4?.subnet ?? PREDEFINED_SUBNETS[view.name];
  const gateway = ipv4?.gateway ?? (subnet ? subnet.replace(/0\/\d+$/, '1') : '');
  const config: GoValue[] = subnet
    ? [
        new GoStruct('network.IPAMConfig', [
          { name: 'Subnet', value: subnet, omitEmpty: true },
          { name: 'Gateway', value: gateway, omitEmpty: true },
        ]),
      ]
    : [];
  return new GoStruct('network.IPAM', [
    { name: 'Driver', value: 'default' },
    { name: 'Options', value: nilMap('string') },
    { name: 'Config', value: config },
  ]);
}

function optionsOf(network: Network | undefined): Record<string, string> {
  if (!network) return {};
  const options = { ...network.options };
  if (network.vxlanId > 0) {
    options['com.docker.network.driver.overlay.vxlanid_list'] = String(network.vxlanId);
  }
  return options;
}

function containersMap(state: ClusterState, node: Node, view: NetworkView): GoMap {
  const entries = new Map<string, GoValue>();
  const network = view.network;
  if (!network) return new GoMap(entries, 'map[string]types.EndpointResource');
  for (const task of attachedTasks(state, network, node.id)) {
    const attachment = task.networks!.find((a) => a.networkId === network.id)!;
    const addr = attachment.addresses[0] ?? '';
    const name = fullTaskName(state, task);
    entries.set(containerId(task.id), endpoint(name, `${task.id}/${network.id}`, addr));
  }
  const lb = (node.attachments ?? []).find((a) => a.networkId === network.id);
  if (lb) {
    const key = network.ingress ? 'ingress-sbox' : `lb-${network.name}`;
    const name = network.ingress ? 'ingress-endpoint' : `${network.name}-endpoint`;
    entries.set(key, endpoint(name, `${node.id}/${network.id}`, lb.addr));
  }
  return new GoMap(entries, 'map[string]types.EndpointResource');
}

function endpoint(name: string, seed: string, addr: string): GoStruct {
  return new GoStruct('types.EndpointResource', [
    { name: 'Name', value: name },
    { name: 'EndpointID', value: hexId(`endpoint/${seed}`) },
    { name: 'MacAddress', value: macAddress(addr) },
    { name: 'IPv4Address', value: addr },
    { name: 'IPv6Address', value: '' },
  ]);
}

/** Docker's MAC for an address: 02:42 and the four bytes of the IPv4 address. */
function macAddress(addr: string): string {
  const bytes = addr.split('/')[0]!.split('.');
  return ['02', '42', ...bytes.map((part) => Number(part).toString(16).padStart(2, '0'))].join(':');
}

/** The nodes that set the network up, in join order, named as the gossip layer names them. */
function peersOf(state: ClusterState, network: Network): GoValue {
  return state.nodeIds
    .filter((nodeId) => instantiatedOn(state, network, nodeId))
    .map((nodeId) => {
      const node = state.nodes[nodeId]!;
      return new GoStruct('network.PeerInfo', [
        { name: 'Name', value: hexId(`peer/${nodeId}`).slice(0, 12) },
        { name: 'IP', value: node.status.addr },
      ]);
    });
}
