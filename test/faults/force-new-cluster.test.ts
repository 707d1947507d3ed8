/**
 * `docker swarm init --force-new-cluster` against the real swarm
 * (test/fixtures/real-docker-multinode/force-new-cluster, Engine 20.10): refusals, the no-leader
 * texts before, the command's output, `node ls` afterwards (the dead managers stay, Down, with no
 * MANAGER STATUS), the survivor's killed containers, a removed manager back as a worker that
 * rejoins raft some 40-50 s after its boot, and a second force on a healthy leader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShellSession } from '../../src/shell/session.js';

const CASE = join(import.meta.dirname, '..', 'fixtures', 'real-docker-multinode');
const text = readFileSync(join(CASE, 'force-new-cluster', 'output.txt'), 'utf8');

interface Call {
  t: number;
  command: string;
  output: string;
  exit: number;
}

const CALLS: Call[] = [...text.matchAll(
  /^# t=\+([\d.]+)s node\d \(took [\d.]+s\)\n\$ docker (.*)\n([\s\S]*?)\[exit (\d+)\]$/gm,
)].map((m) => ({ t: +m[1]!, command: m[2]!, output: m[3]!, exit: +m[4]! }));

function call(command: string, nth = 0): Call {
  const found = CALLS.filter((each) => each.command === command)[nth];
  if (!found) throw new Error(`no call "${command}" in the fixture`);
  return found;
}

/** IDs, tokens, addresses and engine versions differ by nature; the rest must not. */
function masked(output: string): string {
  return output
    .replace(/SWMTKN-1-[a-z0-9]+-[a-z0-9]+/g, '<token>')
    .replace(/\b[a-z0-9]{25}\b/g, '<id>')
    .replace(/\d+\.\d+\.\d+\.\d+:2377/g, '<addr>')
    .replace(/ {2,}\S+\s*$/gm, '')
    .replace(/ +$/gm, '');
}

/** `node ls` as hostname, status, availability, manager status rows. */
function rows(output: string): string[] {
  return output
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.replace(/^\S+( \*)?\s+/, '').split(/ {2,}/);
      // Without a MANAGER STATUS the engine version moves into its column.
      const status = cells.length === 5 ? cells[3] : '';
      return [cells[0], cells[1], cells[2], status].join(' ');
    });
}

function ok(shell: ShellSession, line: string): string {
  const out = shell.execute(line);
  expect(out.exitCode, `${line}: ${out.stderr}`).toBe(0);
  return out.stdout;
}

/** The case's swarm: 3 managers + 2 workers, 6 replicas, manager2 and manager3 crashed 30 s. */
function lostQuorum(seed: number): ShellSession {
  const shell = new ShellSession({ seed, managers: 3, workers: 2, preformed: true });
  const create = 'docker service create -d --name web --replicas 6 --stop-grace-period 1s';
  ok(shell, `${create} busybox sleep 1d`);
  ok(shell, 'sleep 10');
  ok(shell, 'sim crash manager2');
  ok(shell, 'sim crash manager3');
  ok(shell, 'sleep 30');
  return shell;
}

const FORCE = 'docker swarm init --force-new-cluster --advertise-addr eth0';

describe('real swarm: docker swarm init --force-new-cluster', () => {
  it('is refused on a worker, and a plain init on a manager, with the engine texts', () => {
    const shell = new ShellSession({ seed: 1, managers: 3, workers: 2, preformed: true });
    shell.execute('sim node worker1');
    const worker = shell.execute('docker swarm init --force-new-cluster');
    const real = call('swarm init --force-new-cluster');
    expect(worker.stderr).toBe(real.output);
    expect(worker.exitCode).toBe(real.exit);
    shell.execute('sim node manager1');
    const plain = shell.execute('docker swarm init');
    expect(plain.stderr).toBe(call('swarm init').output);
    expect(plain.exitCode).toBe(1);
  });

  it('re-forms a one-manager swarm that keeps the node ID, services and the dead managers', () => {
    for (const seed of [1, 2, 3]) {
      const shell = lostQuorum(seed);
      for (const [command, nth] of [['node ls', 1], ['service ls', 0]] as const) {
        const before = shell.execute(`docker ${command}`);
        expect(before.stderr).toBe(call(command, nth).output);
        expect(before.exitCode).toBe(1);
      }
      const self = shell.simulation.state.nodeIds[0]!;
      const forced = shell.execute(FORCE);
      const real = call('swarm init --force-new-cluster', 1);
      expect(forced.exitCode).toBe(real.exit);
      expect(masked(forced.stdout)).toBe(masked(real.output));
      expect(forced.stdout).toContain(`current node (${self})`);
      // The swarm keeps its CA, so its join tokens.
      expect(forced.stdout).toContain(shell.joinTokens!.worker);
      // Its agent restarted with it: Ready at once, every other node Unknown (poll at 47.992).
      const after = ok(shell, 'docker node ls --format "{{.Hostname}} {{.Status}}"');
      expect(after).toBe(
        'manager1 Ready\nmanager2 Unknown\nmanager3 Unknown\nworker1 Unknown\nworker2 Unknown\n',
      );
      // The fixture's next calls came 45 s after the command returned.
      ok(shell, 'sleep 45');
      expect(rows(ok(shell, 'docker node ls'))).toEqual(rows(call('node ls', 2).output));
      const replicas = ok(shell, 'docker service ls --format {{.Replicas}}').trim();
      const onDead = ok(shell, 'docker service ps web --format "{{.Node}} {{.DesiredState}}"')
        .split('\n')
        .filter((line) => /^manager[23] Shutdown/.test(line)).length;
      // Tasks lost on the Down managers still count as running (real: 9/6 with three there).
      expect(replicas).toBe(`${6 + onDead}/6`);
    }
  });

  it("kills the survivor's task containers, which the restart policy replaces", () => {
    const shell = lostQuorum(1);
    shell.execute(FORCE);
    ok(shell, 'sleep 45');
    const ps = ok(shell, 'docker service ps web --format "{{.Node}} {{.CurrentState}} {{.Error}}"');
    const killed = ps.split('\n').filter((line) => line.startsWith('manager1 Failed'));
    expect(killed.length).toBeGreaterThan(0);
    for (const line of killed) expect(line).toContain('"task: non-zero exit (137)"');
    expect(call('service ps web', 1).output).toMatch(/manager1 +Shutdown +Failed .*\(137\)/);
  });

  it('marks the dead managers Down as after any leader change (real: 29.6 and 32.0 s)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const shell = lostQuorum(seed);
      shell.execute(FORCE);
      let downAt = 0;
      for (let s = 1; s <= 45 && downAt === 0; s += 1) {
        ok(shell, 'sleep 1');
        const ls = ok(shell, 'docker node ls --format "{{.Hostname}} {{.Status}}"');
        if (ls.includes('manager2 Down') && ls.includes('manager3 Down')) downAt = s;
      }
      expect(downAt).toBeGreaterThanOrEqual(20);
      expect(downAt).toBeLessThanOrEqual(40);
    }
  });

  it('lets a removed manager back as a worker, removable, until it rejoins raft', () => {
    for (const seed of [1, 2, 3]) {
      const shell = lostQuorum(seed);
      shell.execute(FORCE);
      ok(shell, 'sleep 45');
      ok(shell, 'docker service scale -d web=7');
      ok(shell, 'sim heal manager2');
      // The fixture's checks came 40.5 s after manager2's engine answered.
      ok(shell, 'sleep 40.5');
      expect(rows(ok(shell, 'docker node ls'))).toEqual(rows(call('node ls', 3).output));
      shell.execute('sim node manager2');
      const onRemoved = shell.execute('docker node ls');
      expect(onRemoved.stderr).toBe(call('node ls', 4).output);
      // Its manager stopped: the engine reports no cluster, as a worker's does.
      const format =
        '{{.Swarm.LocalNodeState}} managers={{.Swarm.Managers}} nodes={{.Swarm.Nodes}} ' +
        'control={{.Swarm.ControlAvailable}} err={{.Swarm.Error}}';
      expect(ok(shell, `docker info --format '${format}'`)).toBe(
        call(`info --format ${format}`).output,
      );
      expect(ok(shell, 'docker info')).toMatch(/ {2}Is Manager: false\n {2}Node Address: /);
      shell.execute('sim node manager1');
      const inspect = "{{.Spec.Role}} {{.Status.State}} {{json .ManagerStatus}}";
      expect(ok(shell, `docker node inspect manager2 --format '${inspect}'`)).toBe(
        call(`node inspect manager2 --format ${inspect}`).output,
      );
      for (const name of ['manager3', 'manager2']) {
        const demote = shell.execute(`docker node demote ${name}`);
        expect(demote.stderr).toBe(call(`node demote ${name}`).output);
        expect(demote.exitCode).toBe(1);
      }
      expect(ok(shell, 'docker node rm manager3')).toBe(call('node rm manager3').output);
      // Real: Reachable 41.0-47.1 s after its boot; swarmsim 42-51 s (election + 2 x 16 s).
      ok(shell, 'sleep 11');
      const back = ok(shell, 'docker node ls --format "{{.Hostname}} {{.ManagerStatus}}"');
      expect(back).toContain('manager2 Reachable');
      expect(back).not.toContain('manager3');
    }
  });

  it('on a healthy leader takes the other managers out of raft again', () => {
    const shell = new ShellSession({ seed: 5, managers: 2, workers: 1, preformed: true });
    ok(shell, 'sleep 5');
    expect(ok(shell, FORCE)).toMatch(/^Swarm initialized: current node \(\w+\) is now a manager\./);
    ok(shell, 'sleep 3');
    const real = rows(call('node ls', 7).output);
    expect(real.find((row) => row.startsWith('manager2'))).toBe('manager2 Ready Active ');
    const ls = ok(shell, 'docker node ls --format "{{.Hostname}}|{{.ManagerStatus}}"');
    expect(ls).toContain('manager1|Leader');
    expect(ls).toContain('manager2|\n');
  });
});
