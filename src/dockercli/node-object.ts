/**
 * A node as the Engine API returns it (`swarm.Node`), as a Go value for `docker node inspect`
 * and its templates, and the `--pretty` page. `Description.TLSInfo` is the swarm's root CA
 * (swarm-ca.ts), which issued every node's certificate; the engine's plugin list is the node's
 * (the recorded Engine 20.10 list unless a scenario adds plugins), and `CSIInfo` its CSI plugins.
 */
import { enginePlugins } from '../model/factory.js';
import type { Node, PluginDescription } from '../model/types.js';
import type { SwarmTlsInfo } from './swarm-ca.js';
import { bytesSize } from './clock.js';
import { metaObject } from './service-object.js';
import { formatGoTime } from './template/go-time.js';
import { genericField } from './task-spec-object.js';
import { GoMap, GoNil, GoStruct, type GoValue } from './template/values.js';
import { goTimeAt } from './clock.js';

/** A plugin list grouped by type, in list order: `docker info` and the pretty page show it so. */
export function pluginsByType(
  plugins: readonly PluginDescription[],
): { type: string; names: string[] }[] {
  const groups: { type: string; names: string[] }[] = [];
  for (const { type, name } of plugins) {
    const group = groups.find((each) => each.type === type);
    if (group) group.names.push(name);
    else groups.push({ type, names: [name] });
  }
  return groups;
}

/** `swarm.Node` for `docker node inspect`; `tls` is the swarm's root CA. */
export function nodeObject(node: Node, tls: SwarmTlsInfo | null): GoStruct {
  const spec = new GoStruct('swarm.NodeSpec', [
    {
      name: 'Annotations',
      embedded: true,
      value: new GoStruct('swarm.Annotations', [
        { name: 'Name', value: '', omitEmpty: true },
        { name: 'Labels', value: GoMap.of(node.labels) },
      ]),
    },
    { name: 'Role', value: node.desiredRole, omitEmpty: true },
    { name: 'Availability', value: node.availability, omitEmpty: true },
  ]);
  const plugins = enginePlugins(node).map(
    ({ type, name }) =>
      new GoStruct('swarm.PluginDescription', [
        { name: 'Type', value: type, omitEmpty: true },
        { name: 'Name', value: name, omitEmpty: true },
      ]),
  );
  const engineLabels = node.description.engineLabels;
  const description = new GoStruct('swarm.NodeDescription', [
    { name: 'Hostname', value: node.description.hostname, omitEmpty: true },
    {
      name: 'Platform',
      value: new GoStruct('swarm.Platform', [
        { name: 'Architecture', value: node.description.platform.architecture, omitEmpty: true },
        { name: 'OS', value: node.description.platform.os, omitEmpty: true },
      ]),
    },
    {
      name: 'Resources',
      value: new GoStruct('swarm.Resources', [
        { name: 'NanoCPUs', value: node.description.resources.nanoCPUs, omitEmpty: true },
        { name: 'MemoryBytes', value: node.description.resources.memoryBytes, omitEmpty: true },
        genericField(node.description.resources.generic),
      ]),
    },
    {
      name: 'Engine',
      value: new GoStruct('swarm.EngineDescription', [
        { name: 'EngineVersion', value: node.description.engineVersion, omitEmpty: true },
        { name: 'Labels', value: GoMap.of(engineLabels), omitEmpty: true },
        { name: 'Plugins', value: plugins, omitEmpty: true },
      ]),
    },
    { name: 'TLSInfo', value: tlsInfoObject(tls) },
    { name: 'CSIInfo', value: csiInfoObjects(node), omitEmpty: true },
  ]);
  return new GoStruct('swarm.Node', [
    { name: 'ID', value: node.id },
    metaObject(node.version, node.createdAt, node.updatedAt),
    { name: 'Spec', value: spec },
    { name: 'Description', value: description },
    {
      name: 'Status',
      value: new GoStruct('swarm.NodeStatus', [
        { name: 'State', value: node.status.state, omitEmpty: true },
        { name: 'Message', value: node.status.message, omitEmpty: true },
        { name: 'Addr', value: node.status.addr, omitEmpty: true },
      ]),
    },
    { name: 'ManagerStatus', value: managerStatusObject(node), omitEmpty: true },
  ]);
}

/**
 * A CSI plugin the node runs (`swarm.NodeCSIInfo`). NodeID is the plugin's own name for the
 * node, which swarmsim's plugins take from the hostname, as many real ones do.
 */
function csiInfoObjects(node: Node): GoStruct[] {
  return (node.description.csiPlugins ?? []).map((plugin) => {
    const segments = Object.keys(plugin.topology).length > 0;
    const topology = segments
      ? new GoStruct('*swarm.Topology', [
          { name: 'Segments', value: GoMap.of(plugin.topology), omitEmpty: true },
        ])
      : new GoNil('*swarm.Topology');
    return new GoStruct('swarm.NodeCSIInfo', [
      { name: 'PluginName', value: plugin.name, omitEmpty: true },
      { name: 'NodeID', value: node.description.hostname, omitEmpty: true },
      { name: 'MaxVolumesPerNode', value: plugin.maxVolumesPerNode, omitEmpty: true },
      { name: 'AccessibleTopology', value: topology, omitEmpty: true },
    ]);
  });
}

function tlsInfoObject(tls: SwarmTlsInfo | null): GoStruct {
  return new GoStruct('swarm.TLSInfo', [
    { name: 'TrustRoot', value: tls?.trustRoot ?? '', omitEmpty: true },
    { name: 'CertIssuerSubject', value: tls?.certIssuerSubject ?? '', omitEmpty: true },
    { name: 'CertIssuerPublicKey', value: tls?.certIssuerPublicKey ?? '', omitEmpty: true },
  ]);
}

function managerStatusObject(node: Node): GoValue {
  const status = node.managerStatus;
  if (!status) return new GoNil('*swarm.ManagerStatus');
  return new GoStruct('*swarm.ManagerStatus', [
    { name: 'Leader', value: status.leader, omitEmpty: true },
    { name: 'Reachability', value: status.reachability, omitEmpty: true },
    { name: 'Addr', value: status.addr, omitEmpty: true },
  ]);
}

/** docker's PrettyPrint: first letter upper-cased, the rest lower-cased. */
export function prettyPrint(text: string): string {
  if (text.length <= 1) return text.toLowerCase();
  return text[0]!.toUpperCase() + text.slice(1).toLowerCase();
}

/** `docker node inspect --pretty`, without the trailing newline docker adds per node. */
export function nodePretty(node: Node, tls: SwarmTlsInfo | null): string {
  const lines = [`ID:\t\t\t${node.id}`];
  const labels = Object.keys(node.labels).sort();
  if (labels.length > 0) {
    lines.push(
      'Labels:',
      ...labels.map((k) => ` - ${k}${node.labels[k] ? `=${node.labels[k]}` : ''}`),
    );
  }
  lines.push(
    `Hostname:              \t${node.description.hostname}`,
    `Joined at:             \t${prettyPrint(formatGoTime(goTimeAt(node.createdAt)))}`,
    'Status:',
    ` State:\t\t\t${prettyPrint(node.status.state)}`,
  );
  if (node.status.message)
    lines.push(` Message:              \t${prettyPrint(node.status.message)}`);
  lines.push(` Availability:         \t${prettyPrint(node.availability)}`);
  if (node.status.addr) lines.push(` Address:\t\t${node.status.addr}`);
  if (node.managerStatus) {
    lines.push(
      'Manager Status:',
      ` Address:\t\t${node.managerStatus.addr}`,
      ` Raft Status:\t\t${prettyPrint(node.managerStatus.reachability)}`,
      ` Leader:\t\t${node.managerStatus.leader ? 'Yes' : 'No'}`,
    );
  }
  const memory = node.description.resources.memoryBytes;
  lines.push(
    'Platform:',
    ` Operating System:\t${node.description.platform.os}`,
    ` Architecture:\t\t${node.description.platform.architecture}`,
    'Resources:',
    ` CPUs:\t\t\t${Math.trunc(node.description.resources.nanoCPUs / 1e9)}`,
    ` Memory:\t\t${memory === 0 ? '' : bytesSize(memory)}`,
    'Plugins:',
    ...pluginsByType(enginePlugins(node)).map(
      ({ type, names }) => ` ${type}:\t\t${names.join(', ')}`,
    ),
    `Engine Version:\t\t${node.description.engineVersion}`,
  );
  const engineLabels = Object.keys(node.description.engineLabels).sort();
  if (engineLabels.length > 0) {
    const value = (k: string) => node.description.engineLabels[k];
    lines.push(
      'Engine Labels:',
      ...engineLabels.map((k) => ` - ${k}${value(k) ? `=${value(k)}` : ''}`),
    );
  }
  if (tls) {
    lines.push(
      'TLS Info:',
      ' TrustRoot:',
      tls.trustRoot,
      ` Issuer Subject:\t${tls.certIssuerSubject}`,
      ` Issuer Public Key:\t${tls.certIssuerPublicKey}`,
    );
  }
  return lines.join('\n');
}
