/**
 * A service as the Engine API returns it (`swarm.Service`), built as a Go value so that
 * `docker service inspect` prints the same JSON (field order, omitted empties, nanosecond
 * durations) and `--format` templates see the same fields. `Spec` has swarmkit's defaults
 * inserted, as `docker service inspect` asks for; `PreviousSpec` is shown as stored.
 *
 * The model keeps a complete spec, so for `PreviousSpec` swarmsim cannot tell a value the user
 * typed from a default: fields the CLI sends only when their flag is given (restart policy,
 * stop grace period) are left out when they equal the default, which is what a real engine shows
 * unless the flag was given with the default value.
 */
import { DEFAULT_UPDATE_CONFIG } from '../model/defaults.js';
import type { ClusterState } from '../model/state.js';
import type { PortConfig, Service, ServiceSpec, UpdateConfig } from '../model/types.js';
import { goTimeAt } from './clock.js';
import { virtualIpsObject } from './network-object.js';
import { MS, nilOf, stringMap, taskSpecObject } from './task-spec-object.js';
import {
  GoDuration,
  GoFloat,
  GoNil,
  GoStruct,
  type GoField,
  type GoValue,
} from './template/values.js';

/** Go's `Version` struct, which prints as its index. */
export function versionObject(index: number): GoStruct {
  return new GoStruct(
    'swarm.Version',
    [{ name: 'Index', value: index, omitEmpty: true }],
    false,
    () => String(index),
  );
}

/** The embedded `Meta` of swarm objects. */
export function metaObject(version: number, createdAt: number, updatedAt: number): GoField {
  const meta = new GoStruct('swarm.Meta', [
    { name: 'Version', value: versionObject(version) },
    { name: 'CreatedAt', value: goTimeAt(createdAt) },
    { name: 'UpdatedAt', value: goTimeAt(updatedAt) },
  ]);
  return { name: 'Meta', value: meta, embedded: true };
}

/** `swarm.Service` for `docker service inspect`. */
export function serviceObject(state: ClusterState, service: Service): GoStruct {
  return new GoStruct('swarm.Service', [
    { name: 'ID', value: service.id },
    metaObject(service.version, service.createdAt, service.updatedAt),
    { name: 'Spec', value: specObject(service.spec, true) },
    {
      name: 'PreviousSpec',
      value: service.previousSpec
        ? ptr(specObject(service.previousSpec, false))
        : nilOf('ServiceSpec'),
      omitEmpty: true,
    },
    { name: 'Endpoint', value: endpointObject(service) },
    { name: 'UpdateStatus', value: updateStatusObject(service), omitEmpty: true },
    { name: 'JobStatus', value: jobStatusObject(service), omitEmpty: true },
  ]);
}

/** `JobStatus` of a job service; nil for other modes. LastExecution is the last (re)start. */
function jobStatusObject(service: Service): GoValue {
  const mode = service.spec.mode;
  if (!('replicatedJob' in mode || 'globalJob' in mode)) return nilOf('JobStatus');
  return new GoStruct('*swarm.JobStatus', [
    { name: 'JobIteration', value: versionObject(service.jobIteration ?? 0) },
    { name: 'LastExecution', value: goTimeAt(service.updatedAt), omitEmpty: true },
  ]);
}

/** The same struct seen through a pointer (Go names its type `*T`). */
function ptr(struct: GoStruct): GoStruct {
  return new GoStruct(`*${struct.type}`, struct.fields, struct.jsonSortedKeys, struct.stringer);
}

function specObject(spec: ServiceSpec, withDefaults: boolean): GoStruct {
  const annotations = new GoStruct('swarm.Annotations', [
    { name: 'Name', value: spec.name, omitEmpty: true },
    { name: 'Labels', value: stringMap(spec.labels) },
  ]);
  const update = spec.update ?? (withDefaults ? DEFAULT_UPDATE_CONFIG : null);
  const rollback = spec.rollback ?? (withDefaults ? DEFAULT_UPDATE_CONFIG : null);
  return new GoStruct('swarm.ServiceSpec', [
    { name: 'Annotations', value: annotations, embedded: true },
    { name: 'TaskTemplate', value: taskSpecObject(spec, withDefaults) },
    { name: 'Mode', value: modeObject(spec) },
    {
      name: 'UpdateConfig',
      value: update ? updateConfigObject(update) : nilOf('UpdateConfig'),
      omitEmpty: true,
    },
    {
      name: 'RollbackConfig',
      value: rollback ? updateConfigObject(rollback) : nilOf('UpdateConfig'),
      omitEmpty: true,
    },
    {
      name: 'EndpointSpec',
      value: ptr(endpointSpecObject(spec.endpoint.mode, spec.endpoint.ports)),
      omitEmpty: true,
    },
  ]);
}

function modeObject(spec: ServiceSpec): GoStruct {
  const mode = spec.mode;
  const replicated =
    'replicated' in mode
      ? new GoStruct('*swarm.ReplicatedService', [
          { name: 'Replicas', value: mode.replicated.replicas, omitEmpty: false },
        ])
      : nilOf('ReplicatedService');
  const global =
    'global' in mode ? new GoStruct('*swarm.GlobalService', []) : nilOf('GlobalService');
  const replicatedJob =
    'replicatedJob' in mode
      ? new GoStruct('*swarm.ReplicatedJob', [
          { name: 'MaxConcurrent', value: mode.replicatedJob.maxConcurrent, omitEmpty: true },
          { name: 'TotalCompletions', value: mode.replicatedJob.totalCompletions, omitEmpty: true },
        ])
      : nilOf('ReplicatedJob');
  const globalJob = 'globalJob' in mode ? new GoStruct('*swarm.GlobalJob', []) : nilOf('GlobalJob');
  return new GoStruct('swarm.ServiceMode', [
    { name: 'Replicated', value: replicated, omitEmpty: true },
    { name: 'Global', value: global, omitEmpty: true },
    { name: 'ReplicatedJob', value: replicatedJob, omitEmpty: true },
    { name: 'GlobalJob', value: globalJob, omitEmpty: true },
  ]);
}

function updateConfigObject(config: Readonly<UpdateConfig>): GoStruct {
  return new GoStruct('*swarm.UpdateConfig', [
    { name: 'Parallelism', value: config.parallelism },
    { name: 'Delay', value: new GoDuration(config.delayMs * MS), omitEmpty: true },
    { name: 'FailureAction', value: config.failureAction, omitEmpty: true },
    { name: 'Monitor', value: new GoDuration(config.monitorMs * MS), omitEmpty: true },
    { name: 'MaxFailureRatio', value: new GoFloat(config.maxFailureRatio, 32) },
    { name: 'Order', value: config.order },
  ]);
}

/** `swarm.PortConfig`. */
export function portObject(port: PortConfig): GoStruct {
  return new GoStruct('swarm.PortConfig', [
    { name: 'Name', value: port.name, omitEmpty: true },
    { name: 'Protocol', value: port.protocol, omitEmpty: true },
    { name: 'TargetPort', value: port.targetPort, omitEmpty: true },
    { name: 'PublishedPort', value: port.publishedPort, omitEmpty: true },
    { name: 'PublishMode', value: port.publishMode, omitEmpty: true },
  ]);
}

function portList(ports: readonly PortConfig[]): GoValue {
  return ports.length > 0 ? ports.map(portObject) : new GoNil('[]swarm.PortConfig');
}

function endpointSpecObject(mode: string, ports: readonly PortConfig[]): GoStruct {
  return new GoStruct('swarm.EndpointSpec', [
    { name: 'Mode', value: mode, omitEmpty: true },
    { name: 'Ports', value: portList(ports), omitEmpty: true },
  ]);
}

/**
 * The allocated endpoint. swarmkit allocates no endpoint spec for a service without ports (its
 * Endpoint spec stays empty); published ports get the spec copied. VIPs are the allocated ones:
 * on ingress for ingress ports, and on every network the service is attached to.
 */
function endpointObject(service: Service): GoStruct {
  const ports = service.endpointPorts;
  const spec =
    ports.length > 0
      ? endpointSpecObject(service.spec.endpoint.mode, service.spec.endpoint.ports)
      : endpointSpecObject('', []);
  return new GoStruct('swarm.Endpoint', [
    { name: 'Spec', value: spec, omitEmpty: true },
    { name: 'Ports', value: portList(ports), omitEmpty: true },
    { name: 'VirtualIPs', value: virtualIpsObject(service.virtualIps), omitEmpty: true },
  ]);
}

function updateStatusObject(service: Service): GoValue {
  const status = service.updateStatus;
  if (!status) return nilOf('UpdateStatus');
  const time = (at: number | null): GoValue =>
    at === null ? new GoNil('*time.Time') : goTimeAt(at);
  return new GoStruct('*swarm.UpdateStatus', [
    { name: 'State', value: status.state, omitEmpty: true },
    { name: 'StartedAt', value: time(status.startedAt), omitEmpty: true },
    { name: 'CompletedAt', value: time(status.completedAt), omitEmpty: true },
    { name: 'Message', value: status.message, omitEmpty: true },
  ]);
}
