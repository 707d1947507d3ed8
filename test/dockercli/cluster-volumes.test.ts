/**
 * The docker CLI for cluster (CSI) volumes, as docker 28 against an Engine 23+ manager shows
 * them (`cli/command/volume/*`, `moby:daemon/cluster/volumes.go`, `convert/volume.go`,
 * `swarmkit manager/controlapi/volume.go`). Engine 20.10, the recorded one, has no cluster
 * volumes, so these texts come from the sources.
 */
import { describe, expect, it } from 'vitest';
import type { NodeCsiPlugin } from '../../src/model/types.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

const CSI: NodeCsiPlugin[] = [{ name: 'blockstore', topology: {}, maxVolumesPerNode: 0 }];

function csiCluster(): Fixture {
  return fixture([
    { hostname: 'manager1', role: 'manager', csiPlugins: CSI },
    { hostname: 'worker1', role: 'worker', csiPlugins: CSI },
  ]);
}

function ok(fx: Fixture, line: string, on = 'manager1'): string {
  const out = docker(fx, line, on);
  expect(out, line).toMatchObject({ stderr: '', exitCode: 0 });
  return out.stdout;
}

function refused(fx: Fixture, line: string, on = 'manager1'): string {
  const out = docker(fx, line, on);
  expect(out.exitCode, line).toBe(1);
  return out.stderr;
}

const RPC = 'Error response from daemon: rpc error: code =';

describe('docker volume create with cluster options', () => {
  it('creates a cluster volume on a manager and prints its name', () => {
    const fx = csiCluster();
    expect(ok(fx, 'volume create -d blockstore --scope multi --sharing all --group g data')).toBe(
      'data\n',
    );
    const [volume] = Object.values(fx.sim.state.clusterVolumes!);
    expect(volume!.spec).toMatchObject({
      name: 'data',
      group: 'g',
      driver: { name: 'blockstore' },
      // --type defaults to block, as in the client.
      accessMode: { scope: 'multi', sharing: 'all', type: 'block' },
      capacityRange: { requiredBytes: 0, limitBytes: 0 },
      availability: 'active',
    });
  });

  it('makes a local volume when only --secret or --topology-* is given (client quirk)', () => {
    const fx = csiCluster();
    ok(fx, 'volume create --topology-required zone=a --secret k=s plain');
    expect(fx.sim.state.clusterVolumes).toBeUndefined();
    expect(ok(fx, 'volume ls')).toBe('DRIVER    VOLUME NAME\nlocal     plain\n');
  });

  it('is refused on a worker with the engine text', () => {
    const fx = csiCluster();
    expect(refused(fx, 'volume create --group g data', 'worker1')).toBe(
      "Error response from daemon: This node is not a swarm manager. Worker nodes can't be " +
        'used to view or modify cluster state. Please run this command on a manager node or ' +
        'promote the current node to a manager.\n',
    );
  });

  it("gives swarmkit's errors for a bad type, a missing secret and a taken name", () => {
    const fx = csiCluster();
    expect(refused(fx, 'volume create --type file data')).toBe(
      `${RPC} InvalidArgument desc = Volume AccessMode must specify either Mount or Block ` +
        'access type\n',
    );
    expect(refused(fx, 'volume create --group g --secret key=pw data')).toBe(
      `${RPC} InvalidArgument desc = secret not found: pw\n`,
    );
    expect(refused(fx, 'volume create --type file')).toBe(
      `${RPC} InvalidArgument desc = meta: name must be provided\n`,
    );
    ok(fx, 'volume create --group g data');
    expect(refused(fx, 'volume create --group g DATA')).toBe(
      `${RPC} Unknown desc = name conflicts with an existing object\n`,
    );
  });
});

describe('docker volume ls and inspect', () => {
  it('lists cluster volumes with their group, availability and status with --cluster', () => {
    const fx = csiCluster();
    ok(fx, 'volume create -d blockstore --type mount --group cache cache-1');
    ok(fx, 'volume create -d nowhere --group cache cache-2');
    ok(fx, 'volume create local-one');
    ok(fx, 'service create -d --name web --mount type=cluster,src=cache-1,dst=/c nginx');
    fx.sim.runUntil(30_000);
    expect(ok(fx, 'volume ls --cluster --format "{{.Name}}"')).toBe(
      'VOLUME NAME   GROUP     DRIVER       AVAILABILITY   STATUS\n' +
        'cache-1       cache     blockstore   active         in use (1 node)\n' +
        'cache-2       cache     nowhere      active         pending creation\n',
    );
    // Without --cluster a manager lists both kinds; a worker only its own.
    expect(ok(fx, 'volume ls')).toBe(
      'DRIVER       VOLUME NAME\nblockstore   cache-1\nnowhere      cache-2\n' +
        'local        local-one\n',
    );
    expect(ok(fx, 'volume ls -q', 'worker1')).toBe('');
  });

  it('inspects a cluster volume in the Engine API shape', () => {
    const fx = csiCluster();
    ok(fx, 'volume create -d blockstore --type mount --required-bytes 1G --label a=b data');
    fx.sim.runUntil(1_000);
    const [parsed] = JSON.parse(ok(fx, 'volume inspect data')) as [Record<string, unknown>];
    const id = Object.keys(fx.sim.state.clusterVolumes!)[0]!;
    expect(Object.keys(parsed)).toEqual([
      'ClusterVolume', 'CreatedAt', 'Driver', 'Labels', 'Mountpoint', 'Name', 'Options', 'Scope',
    ]);
    expect(parsed).toMatchObject({
      CreatedAt: '2025-01-01 00:00:00 +0000 UTC',
      Driver: 'blockstore',
      Labels: { a: 'b' },
      Mountpoint: '',
      Name: 'data',
      Options: null,
      Scope: 'global',
      ClusterVolume: {
        ID: id,
        Spec: {
          AccessMode: { Scope: 'single', Sharing: 'none', MountVolume: {} },
          AccessibilityRequirements: {},
          CapacityRange: { RequiredBytes: 1073741824, LimitBytes: 0 },
          Availability: 'active',
        },
        Info: { CapacityBytes: 1073741824 },
      },
    });
    expect(ok(fx, 'volume inspect --format "{{.ClusterVolume.Spec.AccessMode.Scope}}" data')).toBe(
      'single\n',
    );
    expect(refused(fx, 'volume inspect nope')).toBe(
      'Error response from daemon: volume nope not found\n',
    );
    expect(refused(fx, 'volume inspect data', 'worker1')).toBe(
      'Error response from daemon: get data: no such volume\n',
    );
  });
});

describe('docker volume update and rm', () => {
  it('changes only the availability, and refuses a local volume', () => {
    const fx = csiCluster();
    ok(fx, 'volume create -d blockstore --group g data');
    ok(fx, 'volume create plain');
    expect(ok(fx, 'volume update --availability drain data')).toBe('');
    expect(ok(fx, 'volume inspect --format "{{.ClusterVolume.Spec.Availability}}" data')).toBe(
      'drain\n',
    );
    expect(refused(fx, 'volume update --availability drain plain')).toBe(
      'can only update cluster volumes\n',
    );
  });

  it('refuses to remove a volume in use, removes it once released, and forces it', () => {
    const fx = csiCluster();
    ok(fx, 'volume create -d blockstore --group g data');
    ok(fx, 'volume create -d blockstore --group g other');
    ok(fx, 'service create -d --name db --mount type=cluster,src=data,dst=/d nginx');
    ok(fx, 'service create -d --name db2 --mount type=cluster,src=other,dst=/d nginx');
    fx.sim.runUntil(30_000);
    expect(refused(fx, 'volume rm data')).toBe(
      `${RPC} FailedPrecondition desc = volume is still in use\n`,
    );
    ok(fx, 'service rm db');
    fx.sim.runUntil(40_000);
    expect(ok(fx, 'volume rm data')).toBe('data\n');
    fx.sim.runUntil(41_000);
    // Forced: deleted from the store at once, although db2's task still uses it.
    expect(ok(fx, 'volume rm -f other')).toBe('other\n');
    expect(fx.sim.state.clusterVolumeIds).toEqual([]);
    expect(refused(fx, 'volume rm data')).toBe(
      'Error response from daemon: get data: no such volume\n',
    );
  });
});

describe('--mount type=cluster on services', () => {
  it('is accepted on create and update and shown by service inspect', () => {
    const fx = csiCluster();
    ok(fx, 'service create -d --name web --mount type=cluster,src=group:g,dst=/g nginx');
    ok(fx, 'service update -d --mount-add type=cluster,source=data,target=/d,readonly web');
    expect(
      ok(fx, 'service inspect --format "{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}" web'),
    ).toBe(
      '[{"Type":"cluster","Source":"data","Target":"/d","ReadOnly":true},' +
        '{"Type":"cluster","Source":"group:g","Target":"/g"}]\n',
    );
  });
});
