/**
 * A service's mounts as the Engine API shows them (`[]mount.Mount` in the container spec) and as
 * `docker service inspect --pretty` lists them.
 */
import type { Mount } from '../model/types.js';
import { GoMap, GoNil, GoStruct, type GoValue } from './template/values.js';

function stringMap(record: Readonly<Record<string, string>> | undefined): GoValue {
  return record ? GoMap.of(record, 'map[string]string') : new GoNil('map[string]string');
}

function mountObject(mount: Mount): GoStruct {
  const { bindOptions: bind, volumeOptions: volume, tmpfsOptions: tmpfs } = mount;
  const driver = volume?.driver;
  const optional = (type: string, make: () => GoStruct, present: boolean): GoValue =>
    present ? make() : new GoNil(`*mount.${type}`);
  return new GoStruct('mount.Mount', [
    { name: 'Type', value: mount.type, omitEmpty: true },
    { name: 'Source', value: mount.source, omitEmpty: true },
    { name: 'Target', value: mount.target, omitEmpty: true },
    { name: 'ReadOnly', value: mount.readOnly, omitEmpty: true },
    {
      name: 'BindOptions',
      value: optional(
        'BindOptions',
        () =>
          new GoStruct('*mount.BindOptions', [
            { name: 'Propagation', value: bind?.propagation ?? '', omitEmpty: true },
            { name: 'NonRecursive', value: bind?.nonRecursive ?? false, omitEmpty: true },
          ]),
        bind !== undefined,
      ),
      omitEmpty: true,
    },
    {
      name: 'VolumeOptions',
      value: optional(
        'VolumeOptions',
        () =>
          new GoStruct('*mount.VolumeOptions', [
            { name: 'NoCopy', value: volume?.noCopy ?? false, omitEmpty: true },
            { name: 'Labels', value: stringMap(volume?.labels), omitEmpty: true },
            { name: 'Subpath', value: volume?.subpath ?? '', omitEmpty: true },
            {
              name: 'DriverConfig',
              value: optional(
                'Driver',
                () =>
                  new GoStruct('*mount.Driver', [
                    { name: 'Name', value: driver?.name ?? '', omitEmpty: true },
                    { name: 'Options', value: stringMap(driver?.options), omitEmpty: true },
                  ]),
                driver !== undefined,
              ),
              omitEmpty: true,
            },
          ]),
        volume !== undefined,
      ),
      omitEmpty: true,
    },
    {
      name: 'TmpfsOptions',
      value: optional(
        'TmpfsOptions',
        () =>
          new GoStruct('*mount.TmpfsOptions', [
            { name: 'SizeBytes', value: tmpfs?.sizeBytes ?? 0, omitEmpty: true },
            { name: 'Mode', value: tmpfs?.mode ?? 0, omitEmpty: true },
          ]),
        tmpfs !== undefined,
      ),
      omitEmpty: true,
    },
  ]);
}

/** The container spec's `Mounts` value: nil when the service has none. */
export function mountsObject(mounts: readonly Mount[] | undefined): GoValue {
  if (!mounts || mounts.length === 0) return new GoNil('[]mount.Mount');
  return mounts.map(mountObject);
}

/** The `Mounts:` section of `service inspect --pretty`; nothing when there are no mounts. */
export function mountPrettyLines(mounts: readonly Mount[] | undefined): string[] {
  if (!mounts || mounts.length === 0) return [];
  const lines = ['Mounts:'];
  for (const mount of mounts) {
    lines.push(
      ` Target:\t${mount.target}`,
      `  Source:\t${mount.source}`,
      `  ReadOnly:\t${mount.readOnly}`,
      `  Type:\t\t${mount.type}`,
    );
  }
  return lines;
}
