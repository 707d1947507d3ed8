/**
 * A cluster volume as the Engine API shows it (`moby:daemon/cluster/convert/volume.go`
 * VolumeFromGRPC): a `volume.Volume` with Scope `global`, no mountpoint, and its swarm object in
 * `ClusterVolume {ID, Version, CreatedAt, UpdatedAt, Spec, PublishStatus, Info}`. The publish
 * status's message is not converted, so the API never shows it.
 */
import type { ClusterVolume, VolumeTopology } from '../model/types.js';
import { goTimeAt } from './clock.js';
import { formatGoTime } from './template/go-time.js';
import { GoMap, GoNil, GoStruct, type GoValue } from './template/values.js';

function stringMap(record: Readonly<Record<string, string>>): GoValue {
  return Object.keys(record).length > 0
    ? GoMap.of(record, 'map[string]string')
    : new GoNil('map[string]string');
}

function topologies(list: readonly VolumeTopology[]): GoValue {
  if (list.length === 0) return new GoNil('[]volume.Topology');
  return list.map(
    (segments) =>
      new GoStruct('volume.Topology', [
        { name: 'Segments', value: stringMap(segments), omitEmpty: true },
      ]),
  );
}

function specObject(volume: ClusterVolume): GoStruct {
  const { spec } = volume;
  const access = spec.accessMode;
  const requirements = spec.accessibilityRequirements;
  const range = spec.capacityRange;
  return new GoStruct('volume.ClusterVolumeSpec', [
    { name: 'Group', value: spec.group, omitEmpty: true },
    {
      name: 'AccessMode',
      value: new GoStruct('*volume.AccessMode', [
        { name: 'Scope', value: access.scope, omitEmpty: true },
        { name: 'Sharing', value: access.sharing, omitEmpty: true },
        {
          name: 'MountVolume',
          value:
            access.type === 'mount'
              ? new GoStruct('*volume.TypeMount', [])
              : new GoNil('*volume.TypeMount'),
          omitEmpty: true,
        },
        {
          name: 'BlockVolume',
          value:
            access.type === 'block'
              ? new GoStruct('*volume.TypeBlock', [])
              : new GoNil('*volume.TypeBlock'),
          omitEmpty: true,
        },
      ]),
      omitEmpty: true,
    },
    {
      name: 'AccessibilityRequirements',
      value: requirements
        ? new GoStruct('*volume.TopologyRequirement', [
            { name: 'Requisite', value: topologies(requirements.requisite), omitEmpty: true },
            { name: 'Preferred', value: topologies(requirements.preferred), omitEmpty: true },
          ])
        : new GoNil('*volume.TopologyRequirement'),
      omitEmpty: true,
    },
    {
      name: 'CapacityRange',
      value: range
        ? new GoStruct('*volume.CapacityRange', [
            { name: 'RequiredBytes', value: range.requiredBytes },
            { name: 'LimitBytes', value: range.limitBytes },
          ])
        : new GoNil('*volume.CapacityRange'),
      omitEmpty: true,
    },
    {
      name: 'Secrets',
      value:
        spec.secrets.length > 0
          ? spec.secrets.map(
              (s) =>
                new GoStruct('volume.Secret', [
                  { name: 'Key', value: s.key },
                  { name: 'Secret', value: s.secret },
                ]),
            )
          : new GoNil('[]volume.Secret'),
      omitEmpty: true,
    },
    { name: 'Availability', value: spec.availability, omitEmpty: true },
  ]);
}

function infoObject(volume: ClusterVolume): GoValue {
  const info = volume.info;
  if (!info) return new GoNil('*volume.Info');
  return new GoStruct('*volume.Info', [
    { name: 'CapacityBytes', value: info.capacityBytes, omitEmpty: true },
    { name: 'VolumeContext', value: new GoNil('map[string]string'), omitEmpty: true },
    { name: 'VolumeID', value: info.volumeId, omitEmpty: true },
    { name: 'AccessibleTopology', value: topologies(info.accessibleTopology), omitEmpty: true },
  ]);
}

function publishObject(volume: ClusterVolume): GoValue {
  // swarmkit keeps an empty list as nil, which the converter keeps nil.
  if (volume.publishStatus.length === 0) return new GoNil('[]*volume.PublishStatus');
  return volume.publishStatus.map(
    (status) =>
      new GoStruct('*volume.PublishStatus', [
        { name: 'NodeID', value: status.nodeId, omitEmpty: true },
        { name: 'State', value: status.state, omitEmpty: true },
        { name: 'PublishContext', value: new GoNil('map[string]string'), omitEmpty: true },
      ]),
  );
}

/** The `volume.Volume` of a cluster volume. */
export function clusterVolumeObject(volume: ClusterVolume): GoStruct {
  const cluster = new GoStruct('*volume.ClusterVolume', [
    { name: 'ID', value: volume.id },
    {
      name: 'Meta',
      embedded: true,
      value: new GoStruct('swarm.Meta', [
        {
          name: 'Version',
          value: new GoStruct('swarm.Version', [{ name: 'Index', value: volume.version }]),
        },
        { name: 'CreatedAt', value: goTimeAt(volume.createdAt) },
        { name: 'UpdatedAt', value: goTimeAt(volume.updatedAt) },
      ]),
    },
    { name: 'Spec', value: specObject(volume) },
    { name: 'PublishStatus', value: publishObject(volume), omitEmpty: true },
    { name: 'Info', value: infoObject(volume), omitEmpty: true },
  ]);
  return new GoStruct('volume.Volume', [
    { name: 'ClusterVolume', value: cluster, omitEmpty: true },
    { name: 'CreatedAt', value: formatGoTime(goTimeAt(volume.createdAt)), omitEmpty: true },
    { name: 'Driver', value: volume.spec.driver.name },
    { name: 'Labels', value: stringMap(volume.spec.labels) },
    { name: 'Mountpoint', value: '' },
    { name: 'Name', value: volume.spec.name },
    { name: 'Options', value: stringMap(volume.spec.driver.options) },
    { name: 'Scope', value: 'global' },
  ]);
}

/** What `volume ls`'s STATUS column says of a cluster volume (docker's formatter). */
export function clusterVolumeStatus(volume: ClusterVolume): string {
  if (!volume.info || volume.info.volumeId === '') return 'pending creation';
  const nodes = volume.publishStatus.length;
  if (nodes === 0) return 'created';
  return nodes === 1 ? 'in use (1 node)' : `in use (${nodes} nodes)`;
}
