/**
 * The task template of a service spec as the Engine API returns it (`swarm.TaskSpec`):
 * container spec, resources, restart policy, placement and log driver. With `withDefaults` the
 * values swarmkit inserts are shown; without, fields the CLI only sends when a flag is given are
 * left out when they hold the default (see service-object.ts).
 */
import { DEFAULT_RESTART_POLICY, DEFAULT_STOP_GRACE_PERIOD_MS } from '../model/defaults.js';
import type { GenericResource, ServiceSpec } from '../model/types.js';
import { mountsObject } from './mount-object.js';
import { networksObject } from './network-object.js';
import { logDriverField } from './log-driver.js';
import {
  GoDuration,
  GoMap,
  GoNil,
  GoStruct,
  type GoField,
  type GoValue,
} from './template/values.js';

/** Nanoseconds per millisecond: model durations are ms, API durations ns. */
export const MS = 1_000_000;

/** A nil `*swarm.<type>`. */
export function nilOf(type: string): GoNil {
  return new GoNil(`*swarm.${type}`);
}

/** A `map[string]string`. */
export function stringMap(record: Readonly<Record<string, string>>): GoMap {
  return GoMap.of(record, 'map[string]string');
}

/** `swarm.TaskSpec` of a service spec. */
export function taskSpecObject(spec: ServiceSpec, withDefaults: boolean): GoStruct {
  const task = spec.task;
  const container = task.container;
  const grace = withDefaults || container.stopGracePeriodMs !== DEFAULT_STOP_GRACE_PERIOD_MS;
  const list = (name: string, items: readonly string[]): GoField => ({
    name,
    value: items.length > 0 ? [...items] : new GoNil('[]string'),
    omitEmpty: true,
  });
  const containerSpec = new GoStruct('*swarm.ContainerSpec', [
    { name: 'Image', value: container.image, omitEmpty: true },
    { name: 'Labels', value: stringMap(container.labels), omitEmpty: true },
    list('Command', container.command),
    list('Args', container.args),
    { name: 'Hostname', value: container.hostname, omitEmpty: true },
    list('Env', container.env),
    { name: 'Dir', value: container.dir, omitEmpty: true },
    { name: 'User', value: container.user, omitEmpty: true },
    { name: 'Init', value: false, omitEmpty: false },
    { name: 'Mounts', value: mountsObject(container.mounts), omitEmpty: true },
    {
      name: 'StopGracePeriod',
      value: grace ? new GoDuration(container.stopGracePeriodMs * MS) : new GoNil('*time.Duration'),
      omitEmpty: true,
    },
    { name: 'DNSConfig', value: new GoStruct('*swarm.DNSConfig', []), omitEmpty: true },
    { name: 'Isolation', value: 'default', omitEmpty: true },
  ]);
  return new GoStruct('swarm.TaskSpec', [
    { name: 'ContainerSpec', value: containerSpec, omitEmpty: true },
    { name: 'Resources', value: resourcesObject(spec), omitEmpty: true },
    { name: 'RestartPolicy', value: restartObject(spec, withDefaults), omitEmpty: true },
    { name: 'Placement', value: placementObject(spec), omitEmpty: true },
    { name: 'Networks', value: networksObject(task.networks), omitEmpty: true },
    logDriverField(task.logDriver),
    { name: 'ForceUpdate', value: task.forceUpdate },
    { name: 'Runtime', value: 'container', omitEmpty: true },
  ]);
}

function resourcesObject(spec: ServiceSpec): GoStruct {
  const { limits, reservations } = spec.task.resources;
  const amounts = (type: string, nanoCPUs: number, memoryBytes: number) =>
    new GoStruct(type, [
      { name: 'NanoCPUs', value: nanoCPUs, omitEmpty: true },
      { name: 'MemoryBytes', value: memoryBytes, omitEmpty: true },
      ...(type === '*swarm.Resources' ? [genericField(reservations.generic)] : []),
    ]);
  return new GoStruct('*swarm.ResourceRequirements', [
    {
      name: 'Limits',
      value: amounts('*swarm.Limit', limits.nanoCPUs, limits.memoryBytes),
      omitEmpty: true,
    },
    {
      name: 'Reservations',
      value: amounts('*swarm.Resources', reservations.nanoCPUs, reservations.memoryBytes),
      omitEmpty: true,
    },
  ]);
}

/** `[]swarm.GenericResource`: each entry a Discrete- or NamedResourceSpec `{Kind, Value}`. */
export function genericResources(list: readonly GenericResource[] | undefined): GoValue {
  if (!list || list.length === 0) return new GoNil('[]swarm.GenericResource');
  return list.map(({ kind, value }) => {
    const named = typeof value === 'string';
    const type = named ? '*swarm.NamedGenericResource' : '*swarm.DiscreteGenericResource';
    const spec = new GoStruct(type, [
      { name: 'Kind', value: kind, omitEmpty: true },
      { name: 'Value', value, omitEmpty: true },
    ]);
    return new GoStruct('swarm.GenericResource', [
      { name: named ? 'NamedResourceSpec' : 'DiscreteResourceSpec', value: spec, omitEmpty: true },
    ]);
  });
}

/** The `GenericResources` field of a `swarm.Resources`, left out when empty. */
export function genericField(list: readonly GenericResource[] | undefined): GoField {
  return { name: 'GenericResources', value: genericResources(list), omitEmpty: true };
}

function restartObject(spec: ServiceSpec, withDefaults: boolean): GoValue {
  const restart = spec.task.restart;
  const defaults = DEFAULT_RESTART_POLICY;
  const show = (differs: boolean) => withDefaults || differs;
  const fields: GoField[] = [];
  if (show(restart.condition !== defaults.condition)) {
    fields.push({ name: 'Condition', value: restart.condition, omitEmpty: true });
  }
  if (show(restart.delayMs !== defaults.delayMs)) {
    fields.push({ name: 'Delay', value: new GoDuration(restart.delayMs * MS), omitEmpty: false });
  }
  if (show(restart.maxAttempts !== defaults.maxAttempts)) {
    fields.push({ name: 'MaxAttempts', value: restart.maxAttempts, omitEmpty: false });
  }
  if (restart.windowMs !== defaults.windowMs) {
    fields.push({ name: 'Window', value: new GoDuration(restart.windowMs * MS), omitEmpty: false });
  }
  if (fields.length === 0) return nilOf('RestartPolicy');
  return new GoStruct('*swarm.RestartPolicy', fields);
}

function placementObject(spec: ServiceSpec): GoStruct {
  const placement = spec.task.placement;
  const preferences = placement.preferences.map(
    (preference) =>
      new GoStruct('swarm.PlacementPreference', [
        {
          name: 'Spread',
          value: new GoStruct('*swarm.SpreadOver', [
            { name: 'SpreadDescriptor', value: preference.spread },
          ]),
        },
      ]),
  );
  const platforms = placement.platforms.map(
    (platform) =>
      new GoStruct('swarm.Platform', [
        { name: 'Architecture', value: platform.architecture, omitEmpty: true },
        { name: 'OS', value: platform.os, omitEmpty: true },
      ]),
  );
  const slice = (items: GoValue[], type: string): GoValue =>
    items.length > 0 ? items : new GoNil(type);
  return new GoStruct('*swarm.Placement', [
    { name: 'Constraints', value: slice([...placement.constraints], '[]string'), omitEmpty: true },
    {
      name: 'Preferences',
      value: slice(preferences, '[]swarm.PlacementPreference'),
      omitEmpty: true,
    },
    { name: 'MaxReplicas', value: placement.maxReplicas, omitEmpty: true },
    { name: 'Platforms', value: slice(platforms, '[]swarm.Platform'), omitEmpty: true },
  ]);
}
