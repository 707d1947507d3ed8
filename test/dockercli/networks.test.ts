/**
 * `docker network create/ls/inspect/rm`, `--network` on services, and stacks' networks, as the
 * docker CLI prints them (texts from test/fixtures/real-docker-multinode/networks).
 */
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { createSwarm } from '../../src/swarm.js';

function lab(files: Record<string, string> = {}) {
  const sim = createSwarm({
    seed: 11,
    nodes: [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker' },
    ],
    agent: { pullMsByImage: { busybox: 0 } },
  });
  sim.runUntil(1000);
  const on = { manager1: sim.state.nodeIds[0]!, worker1: sim.state.nodeIds[1]! };
  const argv = (words: string[], host: keyof typeof on = 'manager1') =>
    runDockerCommand(sim.ctx, ['docker', ...words], {
      nodeId: on[host],
      readFile: (path) => files[path],
    });
  const run = (line: string, host: keyof typeof on = 'manager1') => argv(line.split(' '), host);
  return { sim, run, argv };
}

const names = (text: string) => text.split('\n').slice(1, -1).map((row) => row.split(/ +/)[1]);

describe('docker network create', () => {
  it('prints the new ID, and refuses a taken name with the daemon text', () => {
    const { run } = lab();
    expect(run('network create -d overlay mynet').stdout).toMatch(/^[0-9a-z]{25}\n$/);
    expect(run('network create -d overlay mynet')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: network with name mynet already exists\n',
      exitCode: 1,
    });
  });

  it('refuses an overlay on a worker, and a gateway outside the subnet on the client', () => {
    const { run } = lab();
    expect(run('network create -d overlay w', 'worker1').stderr).toBe(
      'Error response from daemon: Cannot create a multi-host network from a worker node. ' +
        'Please create the network from a manager node.\n',
    );
    expect(run('network create -d overlay --subnet 10.40.0.0/24 --gateway 10.50.0.1 g')).toEqual({
      stdout: '',
      stderr: 'no matching subnet for gateway 10.50.0.1\n',
      exitCode: 1,
    });
  });

  it('makes a bridge network local to the engine it ran on', () => {
    const { run } = lab();
    expect(run('network create localnet').stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(names(run('network ls').stdout)).toContain('localnet');
    expect(names(run('network ls', 'worker1').stdout)).not.toContain('localnet');
  });
});

describe('docker network ls and inspect', () => {
  it('shows a user overlay on a worker only while one of its tasks uses it', () => {
    const { sim, run } = lab();
    run('network create -d overlay mynet');
    expect(names(run('network ls', 'worker1').stdout)).not.toContain('mynet');
    run('service create -d --name web --replicas 2 --network mynet busybox sleep 1d');
    sim.runUntil(10_000);
    expect(names(run('network ls', 'worker1').stdout)).toContain('mynet');
    run('service rm web');
    // busybox's sleep ignores SIGTERM: the containers go after the 10 s grace period.
    sim.runUntil(30_000);
    expect(names(run('network ls', 'worker1').stdout)).not.toContain('mynet');
    expect(names(run('network ls').stdout)).toContain('mynet');
  });

  it('filters by driver and prints labels and internal with --format', () => {
    const { run, argv } = lab();
    run('network create -d overlay --internal --label team=a --label x=y inside');
    run('network create localnet');
    const format = '{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.Labels}}';
    expect(argv(['network', 'ls', '--filter', 'driver=overlay', '--format', format]).stdout).toBe(
      'ingress overlay swarm false \ninside overlay swarm true team=a,x=y\n',
    );
    expect(run('network ls --filter scope=local --filter name=l -q').stdout).toMatch(
      /^[0-9a-f]{12}\n$/,
    );
  });

  it('shows an overlay no local task uses without containers or peers', () => {
    const { run } = lab();
    run('network create -d overlay --label team=a mynet');
    const [net] = JSON.parse(run('network inspect mynet').stdout);
    expect(net).toMatchObject({
      Name: 'mynet',
      Scope: 'swarm',
      Driver: 'overlay',
      IPAM: {
        Driver: 'default',
        Options: null,
        Config: [{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }],
      },
      Containers: null,
      Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4097' },
      Labels: { team: 'a' },
    });
    expect(net.Peers).toBeUndefined();
  });

  it('lists the node task containers and its load-balancer endpoint once it has tasks', () => {
    const { sim, run } = lab();
    run('network create -d overlay mynet');
    const here = '--constraint node.role==manager';
    run(`service create -d --name web --network mynet ${here} busybox sleep 1d`);
    sim.runUntil(10_000);
    const [net] = JSON.parse(run('network inspect mynet').stdout);
    type Endpoint = { Name: string; IPv4Address: string; MacAddress: string };
    const endpoints = Object.entries(net.Containers as Record<string, Endpoint>);
    expect(endpoints.map(([key, e]) => [key.length, e.Name.split('.')[0], e.IPv4Address])).toEqual([
      [64, 'web', '10.0.1.3/24'],
      [8, 'mynet-endpoint', '10.0.1.4/24'],
    ]);
    expect(endpoints[0]![1].MacAddress).toBe('02:42:0a:00:01:03');
    expect(net.Peers).toHaveLength(1);
  });
});

describe('docker network rm', () => {
  it('refuses a network a service uses with swarmkit text, then the CLI exit status', () => {
    const { run } = lab();
    const netId = run('network create -d overlay mynet').stdout.trim();
    const svcId = run('service create -d --name web --network mynet busybox top').stdout.trim();
    expect(run('network rm mynet nosuch')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: rpc error: code = FailedPrecondition desc = ' +
        `network ${netId} is in use by service ${svcId}\n` +
        'Error response from daemon: network nosuch not found\nexit status 1\n',
      exitCode: 1,
    });
  });

  it('asks before removing the routing mesh and, with no answer, keeps it', () => {
    const { run } = lab();
    const out = run('network rm ingress');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/^WARNING! Before removing the routing-mesh network.*\[y\/N\] $/s);
    expect(names(run('network ls').stdout)).toContain('ingress');
  });
});

describe('service --network', () => {
  it('refuses an unknown or local network as the daemon does', () => {
    const { run } = lab();
    run('network create localnet');
    for (const name of ['nosuch', 'localnet']) {
      expect(run(`service create -d --network ${name} busybox`).stderr).toBe(
        `Error response from daemon: network ${name} not found\n`,
      );
    }
  });

  it('refuses the ingress network by name with swarmkit text', () => {
    const { run } = lab();
    expect(run('service create -d --network ingress busybox').stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = Service cannot be ' +
        'explicitly attached to the ingress network "ingress"\n',
    );
  });

  it('reads the long syntax with aliases, and refuses its bad fields on the client', () => {
    const { run, argv } = lab();
    run('network create -d overlay mynet');
    run('service create -d --name web --network name=mynet,alias=a1,alias=a2 busybox sleep 1d');
    const format = '{{json .Spec.TaskTemplate.Networks}}';
    const nets = argv(['service', 'inspect', 'web', '--format', format]);
    expect(nets.stdout).toMatch(/"Aliases":\["a1","a2"\]/);
    const bad = run('service create -d --network nme=x busybox');
    expect(bad.stderr).toMatch(/invalid field key nme/);
  });

  it('update: --network-rm of a network it is not on is fine; adding one twice is not', () => {
    const { run } = lab();
    run('network create -d overlay a');
    run('network create -d overlay b');
    run('service create -d --name web --network a busybox sleep 1d');
    expect(run('service update -d --network-rm b web').exitCode).toBe(0);
    expect(run('service update -d --network-add a web').stderr).toBe(
      'service is already attached to network a\n',
    );
  });
});

describe('stack networks', () => {
  const file = [
    'version: "3.8"',
    'services:',
    '  api:',
    '    image: busybox',
    '    networks:',
    '      back:',
    '        aliases: [backend]',
    '      default:',
    '  front:',
    '    image: busybox',
    '  ext:',
    '    image: busybox',
    '    networks: [shared]',
    'networks:',
    '  back:',
    '    attachable: true',
    '    labels: [tier=back]',
    '  shared:',
    '    external: true',
    '',
  ].join('\n');

  it('creates the networks its services use, aliases each service by name, removes them', () => {
    const { run, argv } = lab({ 'st.yml': file });
    expect(run('stack deploy -c st.yml st').stderr).toContain(
      'network "shared" is declared as external, but could not be found.',
    );
    run('network create -d overlay shared');
    expect(run('stack deploy -c st.yml st').stdout).toBe(
      'Creating network st_default\nCreating network st_back\n' +
        'Creating service st_api\nCreating service st_ext\nCreating service st_front\n',
    );
    const labels = argv(['network', 'inspect', 'st_back', '--format', '{{json .Labels}}']).stdout;
    expect(labels).toBe('{"com.docker.stack.namespace":"st","tier":"back"}\n');
    const format = '{{json .Spec.TaskTemplate.Networks}}';
    const api = argv(['service', 'inspect', 'st_api', '--format', format]);
    expect(JSON.parse(api.stdout).map((n: { Aliases: string[] }) => n.Aliases)).toEqual([
      ['backend', 'api'],
      ['api'],
    ]);
    expect(run('stack rm st').stdout).toBe(
      'Removing service st_api\nRemoving service st_ext\nRemoving service st_front\n' +
        'Removing network st_back\nRemoving network st_default\n',
    );
    expect(names(run('network ls').stdout)).toContain('shared');
  });
});

describe('network plugins', () => {
  it('places a task on a network of a third-party driver only where the engine lists it', () => {
    const file = [
      'version: "3.8"',
      'services:',
      '  web:',
      '    image: busybox',
      '    command: sleep 1d',
      '    networks: [mesh]',
      'networks:',
      '  mesh:',
      '    driver: weave',
      '',
    ].join('\n');
    const sim = createSwarm({
      seed: 2,
      nodes: [
        { hostname: 'manager1', role: 'manager' },
        { hostname: 'worker1', role: 'worker', plugins: [{ type: 'Network', name: 'weave' }] },
      ],
      agent: { pullMsByImage: { busybox: 0 } },
    });
    sim.runUntil(1000);
    const session = { nodeId: sim.state.nodeIds[0]!, readFile: () => file };
    const run = (line: string) => runDockerCommand(sim.ctx, ['docker', ...line.split(' ')], session);
    expect(run('stack deploy -c st.yml st').exitCode).toBe(0);
    run('service scale -d st_web=2');
    sim.runUntil(10_000);
    const rows = run('service ps st_web --format {{.Node}}/{{.CurrentState}}').stdout;
    expect(rows.split('\n').filter(Boolean).map((row) => row.split(' ')[0])).toEqual([
      'worker1/Running',
      'worker1/Running',
    ]);
  });
});
