/**
 * `--mount`, `--mount-add` and `--mount-rm`: docker's CSV syntax and client checks, dockerd's
 * conversion, swarmkit's duplicate check, docker's updateMounts, and task replacement when the
 * mounts change. The exact texts were recorded on a real engine (test/fidelity/mounts.test.ts
 * replays that recording).
 */
import { describe, expect, it } from 'vitest';
import { realLikeNode, type Fixture } from '../api/fixture.js';
import { parseMount } from '../../src/dockercli/mounts.js';
import { readGoCsvRecord } from '../../src/dockercli/go-csv.js';
import { updateMounts } from '../../src/dockercli/mount-spec.js';
import type { Mount } from '../../src/model/types.js';
import { docker } from './docker.js';

const IMG = 'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';
const COMMON = `--stop-grace-period 1s --no-resolve-image ${IMG}`;

function mount(value: string): Mount {
  const parsed = parseMount(value);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.value;
}

function mountError(value: string): string {
  const parsed = parseMount(value);
  return 'error' in parsed ? parsed.error : 'accepted';
}

describe('parseMount: the --mount syntax', () => {
  it('defaults to a writable volume and reads every alias of source and target', () => {
    expect(mount('dst=/data')).toEqual({
      type: 'volume',
      source: '',
      target: '/data',
      readOnly: false,
    });
    expect(mount('type=bind,source=/a,destination=/b')).toMatchObject({
      source: '/a',
      target: '/b',
    });
    expect(mount('type=bind,src=/a,target=/b,ro')).toMatchObject({ readOnly: true });
    expect(mount('Type=BIND,Src=/etc,Dst=/e,readonly=1')).toMatchObject({
      type: 'bind',
      source: '/etc',
      readOnly: true,
    });
  });

  it('keeps the options swarmkit stores, with their defaults', () => {
    expect(mount('type=bind,src=/a,dst=/b,bind-nonrecursive').bindOptions).toEqual({
      propagation: 'rprivate',
      nonRecursive: true,
    });
    expect(mount('type=bind,src=/a,dst=/b,bind-propagation=SHARED').bindOptions).toEqual({
      propagation: 'shared',
    });
    // bind-recursive=enabled and consistency are accepted but never reach swarmkit.
    expect(mount('type=bind,src=/a,dst=/b,bind-recursive=enabled,consistency=cached')).toEqual({
      type: 'bind',
      source: '/a',
      target: '/b',
      readOnly: false,
    });
    expect(mount('dst=/v,volume-label=b=2,volume-label=a,volume-opt=o=x').volumeOptions).toEqual({
      labels: { a: '', b: '2' },
      driver: { name: '', options: { o: 'x' } },
    });
    expect(mount('type=tmpfs,dst=/t,tmpfs-size=1k,tmpfs-mode=0700').tmpfsOptions).toEqual({
      sizeBytes: 1024,
      mode: 0o700,
    });
  });

  it('makes a ./ source absolute against the client directory and reads quoted CSV', () => {
    expect(mount('type=bind,src=./here,dst=/x').source).toBe('/root/here');
    expect(mount('type=bind,src=../etc,dst=/x').source).toBe('/etc');
    expect(mount('"dst=/x,y","volume-opt=o=a,b"')).toMatchObject({
      target: '/x,y',
      volumeOptions: { driver: { name: '', options: { o: 'a,b' } } },
    });
  });

  it.each([
    ['type=bind', 'target is required'],
    ['type=,dst=/x', 'type is required'],
    ['dst=/x,foo', "invalid field 'foo' must be a key=value pair"],
    ['dst=/x,,', "invalid field '' must be a key=value pair"],
    ['dst=/x,Foo=bar', "unexpected key 'foo' in 'Foo=bar'"],
    ['type=tmpfs,dst=/x,volume-nocopy', "cannot mix 'volume-*' options with mount type 'tmpfs'"],
    ['dst=/x,bind-propagation=shared', "cannot mix 'bind-*' options with mount type 'volume'"],
    ['dst=/x,tmpfs-mode=700', "cannot mix 'tmpfs-*' options with mount type 'volume'"],
    ['dst=/x,image-subpath=a', "cannot mix 'image-*' options with mount type 'volume'"],
    ['dst=/x,ro=maybe', 'invalid value for ro: maybe'],
    ['dst=/x,volume-nocopy=2', 'invalid value for volume-nocopy: 2'],
    ['type=tmpfs,dst=/x,tmpfs-size=-1', 'invalid value for tmpfs-size: -1'],
    ['type=tmpfs,dst=/x,tmpfs-mode=8', 'invalid value for tmpfs-mode: 8'],
    [
      'type=bind,src=/a,dst=/x,bind-recursive=readonly,ro',
      "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in " +
        'conjunction',
    ],
    ['', 'EOF'],
    ['dst=/x"y', 'parse error on line 1, column 7: bare " in non-quoted-field'],
    ['dst="/x', 'parse error on line 1, column 5: bare " in non-quoted-field'],
    ['"dst=/x"y', 'parse error on line 1, column 8: extraneous or missing " in quoted-field'],
    ['"dst=/x', 'parse error on line 1, column 8: extraneous or missing " in quoted-field'],
  ])('refuses %j: %s', (value, error) => {
    expect(mountError(value)).toBe(error);
  });

  it('reads only the first CSV record, skipping blank lines before it', () => {
    expect(readGoCsvRecord('\n\na,b\nc')).toEqual({ value: ['a', 'b'] });
    expect(readGoCsvRecord('"a\nb",c')).toEqual({ value: ['a\nb', 'c'] });
    expect(readGoCsvRecord('"a\nb"x')).toEqual({
      error: 'record on line 1; parse error on line 2, column 2: extraneous or missing " in ' +
        'quoted-field',
    });
  });
});

describe('updateMounts: --mount-add and --mount-rm', () => {
  const current = [mount('type=bind,src=/b,dst=/t'), mount('type=tmpfs,dst=/tm')];

  it('adds or replaces by target, removes by target, and sorts by source then target', () => {
    const result = updateMounts(current, [mount('src=newvol,dst=/t'), mount('type=tmpfs,dst=/c')], [
      '/tm',
      '/nosuch',
    ]);
    expect(result).toEqual({
      mounts: [mount('type=tmpfs,dst=/c'), mount('src=newvol,dst=/t')],
    });
  });

  it('refuses a target added twice', () => {
    const twice = [mount('type=tmpfs,dst=/x'), mount('type=tmpfs,dst=/x')];
    expect(updateMounts(current, twice, [])).toEqual({ clientError: 'duplicate mount target' });
  });
});

function ok(fx: Fixture, line: string) {
  const out = docker(fx, line);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  return out.stdout;
}

function taskIds(fx: Fixture): string[] {
  return Object.keys(fx.sim.state.tasks).sort();
}

describe('service create and update with mounts', () => {
  it('refuses an unknown type or propagation in dockerd and a duplicate target in swarmkit', () => {
    const fx = realLikeNode();
    const refuse = (mounts: string) => docker(fx, `service create -d --name m ${mounts} ${COMMON}`);
    expect(refuse('--mount type=image,src=a,dst=/x').stderr).toBe(
      'Error response from daemon: invalid MountType: "image"\n',
    );
    expect(refuse('--mount type=bind,src=/a,dst=/x,bind-propagation=up').stderr).toBe(
      'Error response from daemon: invalid MountPropagation: "up"\n',
    );
    expect(refuse('--mount type=tmpfs,dst=/x --mount dst=/x').stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: ' +
        'duplicate mount point: /x\n',
    );
    expect(fx.sim.state.serviceIds).toEqual([]);
  });

  it('replaces the tasks when the mounts change, and not when an update leaves them equal', () => {
    const fx = realLikeNode();
    ok(fx, `service create -d --name m --mount type=tmpfs,dst=/t ${COMMON} sleep 3600`);
    fx.sim.runUntil(5_000);
    const first = taskIds(fx);
    ok(fx, 'service update -d --mount-rm /nosuch m');
    fx.sim.runUntil(10_000);
    expect(taskIds(fx)).toEqual(first);
    ok(fx, 'service update -d --mount-add type=volume,src=data,dst=/data m');
    fx.sim.runUntil(20_000);
    const service = fx.sim.state.services[fx.sim.state.serviceIds[0]!]!;
    const running = Object.values(fx.sim.state.tasks).filter((t) => t.status.state === 'running');
    expect(running).toHaveLength(1);
    expect(running[0]!.spec.container.mounts).toEqual(service.spec.task.container.mounts);
    expect(running[0]!.spec.container.mounts?.map((m) => m.target)).toEqual(['/t', '/data']);
    ok(fx, 'service update -d --mount-rm /t --mount-rm /data m');
    expect(fx.sim.state.services[service.id]!.spec.task.container).not.toHaveProperty('mounts');
  });
});
