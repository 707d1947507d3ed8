import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, session, shellWithStdin } from './helpers.js';
import { cli } from '../cli/helpers.js';

const COURSE = `# multi-node part of the course, on bare PWD instances
docker swarm init --advertise-addr 192.168.0.11
sim node worker1
docker swarm join --token TOKEN 192.168.0.11:2377
sim node worker2
docker swarm join --token TOKEN 192.168.0.11:2377
sim node manager1
docker service create -d --name pinger alpine ping www.google.com
docker service scale -d pinger=5
sleep 20
docker service ps pinger
`;

describe('swarmsim shell reading a script', () => {
  it('runs a course walk-through from standard input', async () => {
    // The token is the seeded one; learn it from a session with the same seed first.
    const probe = session({ managers: 1, workers: 2, preformed: false });
    run(probe, 'docker swarm init --advertise-addr 192.168.0.11');
    const token = run(probe, 'docker swarm join-token -q worker').stdout.trim();
    const result = await shellWithStdin(COURSE.replaceAll('TOKEN', token), {
      managers: 1, workers: 2, swarm: false,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const joined = lines.filter((line) => line === 'This node joined a swarm as a worker.');
    expect(joined).toHaveLength(2);
    expect(lines).toContain('pinger scaled to 5');
    const header = lines.findIndex((line) => line.includes('DESIRED STATE'));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1);
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => / Running +Running /.test(row))).toBe(true);
    const nodes = new Set(rows.map((row) => /(manager1|worker1|worker2)/.exec(row)?.[1]));
    expect(nodes).toEqual(new Set(['manager1', 'worker1', 'worker2']));
  });

  it('exits with the last command\'s status and keeps going after a failure', async () => {
    const result = await shellWithStdin('docker service ls\nsim time\n');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('This node is not a swarm manager');
    expect(result.stdout).toBe('t=0.000s\n');
    expect((await shellWithStdin('sim time\ndocker node ls\n')).code).toBe(1);
  });

  it('runs a FILE argument through the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmsim-shell-'));
    writeFileSync(join(dir, 'lab.sh'), 'docker swarm init\nsleep 1.5\nsim time\n');
    const result = await cli(['shell', 'lab.sh'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Swarm initialized: current node \([0-9a-z]{25}\)/);
    expect(result.stdout.endsWith('t=1.500s\n')).toBe(true);
    expect((await cli(['shell', 'missing.sh'], dir)).code).toBe(2);
  });

  it('writes the session as an event log with --out, every line typed in it, and it replays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmsim-shell-'));
    const script = 'docker swarm init\ndocker service create -d --name web --replicas 2 nginx\n' +
      'sleep 5\ndocker service ls\n';
    writeFileSync(join(dir, 'lab.sh'), script);
    expect((await cli(['shell', 'lab.sh', '--out', 'a.ndjson'], dir)).code).toBe(0);
    expect((await shellWithStdin(script, { out: join(dir, 'b.ndjson') })).code).toBe(0);
    const lines = readFileSync(join(dir, 'a.ndjson'), 'utf8').trim().split('\n');
    // The same session from a file or from stdin: the same events, only the header names differ.
    const other = readFileSync(join(dir, 'b.ndjson'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ scenario: 'lab.sh' });
    expect(JSON.parse(other[0]!)).toMatchObject({ scenario: '(stdin)' });
    expect(other.slice(1, -1)).toEqual(lines.slice(1, -1));
    const typed = lines.map((line) => JSON.parse(line) as { type?: string; command?: string })
      .filter((event) => event.type === 'shell/commandRan')
      .map((event) => event.command);
    expect(typed).toEqual(script.trim().split('\n'));
    const replay = await cli(['replay', 'a.ndjson'], dir);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/hash verified/);
  });
});

describe('shell lines other than docker', () => {
  it('sleeps in seconds, decimals, ms and minutes', () => {
    const shell = session();
    run(shell, 'sleep 2', 'sleep 0.5', 'sleep 500ms', 'sleep 2m');
    expect(shell.simulation.now).toBe(123_000);
    expect(run(shell, 'sleep soon')).toEqual({
      stdout: '',
      stderr: "sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n",
      exitCode: 1,
    });
  });

  it('switches machines with sim node and shows it in the prompt', () => {
    const shell = session({ managers: 3, workers: 2 });
    expect(shell.prompt()).toBe('[manager1] $ ');
    run(shell, 'sim node worker2');
    expect(shell.prompt()).toBe('[worker2] $ ');
    expect(run(shell, 'sim node nowhere').stderr).toBe(
      'swarmsim: no machine nowhere (machines: manager1, manager2, manager3, worker1, worker2)\n',
    );
  });

  it('ignores comments and refuses other programs like a shell would', () => {
    expect(run(session(), '# a note')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run(session(), 'wget localhost').exitCode).toBe(127);
  });
});

describe('continued lines', () => {
  it('joins a backslash-newline with the next line, as sh does', async () => {
    const script =
      'docker swarm init\ndocker service create -d \\\n  --name viz \\\n  --replicas 2 busybox sleep 9\n';
    const result = await shellWithStdin(script);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\w{25}$/);
  });
});

describe('format strings typed in the shell', () => {
  it('reach docker with their \\t, so a table format lines up', () => {
    const shell = session();
    run(shell, 'docker swarm init', 'docker service create -d --name web nginx');
    const table = run(shell, 'docker service ls --format "table {{.Name}}\\t{{.Replicas}}"');
    expect(table.stdout).toMatch(/^NAME +REPLICAS\nweb +\d\/1\n$/);
    const plain = run(shell, 'docker service ls --format "{{.Name}}\\t{{.Mode}}"');
    expect(plain.stdout).toBe('web\treplicated\n');
  });

  it('apply to docker images too', () => {
    const files: Record<string, string> = { Dockerfile: 'FROM alpine\nCMD ["echo", "hi"]\n' };
    const shell = session({ readFile: (path) => files[path.replace(/^\.\//, '')] });
    expect(run(shell, 'docker build -t me/app .').exitCode).toBe(0);
    const listed = run(shell, 'docker images --format "{{.Repository}}:{{.Tag}} {{.Size}}"');
    expect(listed.stdout).toMatch(/^me\/app:latest \d+(\.\d+)?[kMG]?B\n/);
    expect(run(shell, 'docker images --format "{{.Nope}}"').stderr).toMatch(/can't evaluate field Nope/);
  });
});
