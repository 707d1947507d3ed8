/**
 * The routing mesh, host-mode ports and `docker run -p`, driven through `curl` in a shell lab
 * (3 managers, 2 workers): who answers, in which order, and what a fault does to a request.
 */
import { describe, expect, it } from 'vitest';
import { replayLog } from '../../src/engine/replay.js';
import { compileExpectation } from '../../src/scenario/expectations.js';
import { containerId } from '../../src/dockercli/engine-ids.js';
import { serviceBackends } from '../../src/network/mesh-backends.js';
import type { ShellSession } from '../../src/shell/session.js';
import { run, session } from '../shell/helpers.js';

const LAB = { managers: 3, workers: 2 };
const APP =
  'docker service create -d --name app --publish 3000:3000 --replicas=3 juaneme8/swarm-hostname';
const REFUSED = "after 0 ms: Couldn't connect to server\n";

function lab(): ShellSession {
  const shell = session(LAB);
  run(shell, APP, 'sleep 15');
  return shell;
}

/** The hostname each backend answers with, in IPVS order. */
function backendNames(shell: ShellSession, service = 'app'): string[] {
  const state = shell.simulation.state;
  const id = state.serviceIds.find((each) => state.services[each]!.spec.name === service)!;
  return serviceBackends(state, id).map((task) => containerId(task.id).slice(0, 12));
}

function answers(shell: ShellSession, line: string, times: number): string[] {
  return Array.from({ length: times }, () => {
    const output = run(shell, line);
    expect(output.exitCode).toBe(0);
    return /^Saludos desde (\w+)!$/.exec(output.stdout)![1]!;
  });
}

describe('the ingress routing mesh', () => {
  it('answers from each replica in turn, in the order they became running', () => {
    const shell = lab();
    const order = backendNames(shell);
    expect(order).toHaveLength(3);
    expect(answers(shell, 'curl -s localhost:3000', 4)).toEqual([...order, order[0]]);
  });

  it('answers on a node that runs no task, with that node round-robin of its own', () => {
    const shell = lab();
    const order = backendNames(shell);
    answers(shell, 'curl -s localhost:3000', 2);
    run(shell, 'sim node worker1');
    expect(answers(shell, 'curl -s localhost:3000', 2)).toEqual(order.slice(0, 2));
    // The same node reached by name from manager1 keeps worker1's pointer.
    run(shell, 'sim node manager1');
    expect(answers(shell, 'curl -s http://worker1:3000/', 1)).toEqual([order[2]]);
    expect(answers(shell, 'curl -s 172.18.0.14:3000', 1)).toEqual([order[0]]);
  });

  it('spreads over six hostnames once scaled to six', () => {
    const shell = lab();
    run(shell, 'docker service scale app=6');
    const seen = answers(shell, 'curl -s localhost:3000', 6);
    expect(new Set(seen).size).toBe(6);
    expect(seen).toEqual(backendNames(shell));
  });

  it('refuses when no task runs yet, and on a port nothing publishes', () => {
    const shell = session(LAB);
    run(shell, APP);
    expect(run(shell, 'curl worker2:3000')).toEqual({
      stdout: '',
      stderr: `curl: (7) Failed to connect to worker2 port 3000 ${REFUSED}`,
      exitCode: 7,
    });
    run(shell, 'sleep 15');
    expect(run(shell, 'curl localhost:3001').exitCode).toBe(7);
  });

  it('takes a task out of the balancer as soon as its desired state moves past running', () => {
    const shell = lab();
    run(shell, 'docker service scale -d app=2');
    const state = shell.simulation.state;
    const stopping = Object.values(state.tasks).filter(
      (task) => task.status.state === 'running' && task.desiredState !== 'running',
    );
    expect(stopping).toHaveLength(1);
    const stoppingName = containerId(stopping[0]!.id).slice(0, 12);
    const seen = answers(shell, 'curl -s localhost:3000', 4);
    expect(seen).not.toContain(stoppingName);
    expect(new Set(seen).size).toBe(2);
  });

  it('refuses when the service runs a program that listens on nothing', () => {
    const shell = session(LAB);
    run(
      shell,
      'docker service create -d --name pinger -p 4000:80 alpine ping docker.com',
      'sleep 10',
    );
    expect(run(shell, 'curl -sS localhost:4000').stderr).toMatch(/^curl: \(7\) Failed to connect/);
  });

  it('skips a crashed node\'s tasks, and a crashed machine answers nothing', () => {
    const shell = lab();
    run(shell, 'sim crash manager2');
    const before = shell.simulation.now;
    const output = run(shell, 'curl manager2:3000');
    expect(output.stderr).toBe(
      'curl: (7) Failed to connect to manager2 port 3000 after 3000 ms: ' +
        "Couldn't connect to server\n",
    );
    expect(shell.simulation.now - before).toBe(3000);
    expect(new Set(answers(shell, 'curl -s localhost:3000', 4)).size).toBe(2);
  });

  it('never answers from a container its host lost, though the store still says Running', () => {
    const shell = lab();
    const state = shell.simulation.state;
    const lost = state.tasks[state.tasksByNode[state.nodeIds[1]!]![0]!]!;
    run(shell, 'sim crash manager2', 'sleep 5', 'sim heal manager2');
    expect(shell.simulation.state.tasks[lost.id]!.status.state).toBe('running');
    const seen = answers(shell, 'curl -s localhost:3000', 3);
    expect(seen).not.toContain(containerId(lost.id).slice(0, 12));
    expect(new Set(seen).size).toBe(2);
  });

  it('refuses on a machine whose engine is restarting: up, but without swarm ports', () => {
    const shell = lab();
    run(shell, 'sim restart manager3 30s');
    const output = run(shell, 'curl manager3:3000');
    expect(output.stderr).toBe(`curl: (7) Failed to connect to manager3 port 3000 ${REFUSED}`);
  });

  it('refuses when the target port is not the one the image listens on', () => {
    const shell = session(LAB);
    run(shell, 'docker service create -d --name web -p 8080:3000 nginx');
    run(shell, 'docker service create -d --name site -p 8081:80 nginx', 'sleep 10');
    expect(run(shell, 'curl -s localhost:8080').exitCode).toBe(7);
    expect(run(shell, 'curl -s localhost:8081').stdout).toContain('Welcome to nginx!');
  });

  it('hangs until --max-time when the picked backend is across a partition', () => {
    const shell = lab();
    const state = shell.simulation.state;
    const app = state.serviceIds[0]!;
    const nodes = serviceBackends(state, app).map((task) => state.nodes[task.nodeId]!);
    run(shell, 'sim partition manager1 manager2,manager3');
    const before = shell.simulation.now;
    const outcomes = nodes.map(() => run(shell, 'curl -m 2 localhost:3000'));
    // Only manager1's own task answers; the picks on the other side hang for 2 s each.
    expect(outcomes.map((output) => output.exitCode)).toEqual(
      nodes.map((node) => (node.description.hostname === 'manager1' ? 0 : 28)),
    );
    expect(outcomes.find((output) => output.exitCode === 28)).toEqual({
      stdout: '',
      stderr: 'curl: (28) Connection timed out after 2000 milliseconds\n',
      exitCode: 28,
    });
    expect(shell.simulation.now - before).toBe(2 * 2000);
  });

  it('replays to the same round-robin pointers from the event log alone', () => {
    const shell = session({
      ...LAB,
      logHeader: { scenarioHash: 'x', scenario: 'mesh', swarmsimVersion: 'test' },
    });
    run(shell, APP, 'sleep 15', 'curl localhost:3000', 'sim node worker1', 'curl localhost:3000');
    const live = structuredClone(shell.simulation.state.ipvs);
    const replay = replayLog(shell.closeEventLog()!);
    expect(replay.state.ipvs).toEqual(live);
    const routed = replay.events.filter((event) => event.type === 'network/requestRouted');
    expect(routed.map((event) => [event.machine, event.host, event.via, event.outcome])).toEqual([
      ['manager1', 'manager1', 'ingress', 'answered'],
      ['worker1', 'worker1', 'ingress', 'answered'],
    ]);
  });
});

describe('host-mode ports and docker run -p', () => {
  it('answers only on the node running the task, from its container', () => {
    const shell = session(LAB);
    run(
      shell,
      'docker service create -d --name web --publish mode=host,published=8080,target=80 nginx',
      'sleep 10',
    );
    const page = run(shell, 'curl -s manager1:8080');
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(run(shell, 'curl -s manager2:8080').exitCode).toBe(7);
  });

  it('reaches a standalone container through its port; nothing listening resets', () => {
    const shell = session();
    run(shell, 'docker run -d -p 8081:80 httpd', 'docker run -d -p 8082:80 alpine sleep 1d');
    run(shell, 'sleep 5');
    expect(run(shell, 'curl -s localhost:8081').stdout).toBe(
      '<html><body><h1>It works!</h1></body></html>\n',
    );
    expect(run(shell, 'curl localhost:8082')).toEqual({
      stdout: '',
      stderr: 'curl: (56) Recv failure: Connection reset by peer\n',
      exitCode: 56,
    });
  });
});

describe('the traffic expectation sentence', () => {
  const check = (shell: ShellSession, sentence: string) => {
    const compiled = compileExpectation(sentence);
    if (!('check' in compiled)) throw new Error(compiled.problem);
    return compiled.check(shell.simulation.state);
  };

  it('names the task the next request would reach, without moving the pointer', () => {
    const shell = lab();
    const state = shell.simulation.state;
    const first = serviceBackends(state, state.serviceIds[0]!)[0]!;
    const sentence = `a request to worker1:3000 is answered by app.${first.slot}`;
    expect(check(shell, sentence)).toEqual({ passed: true, actual: sentence });
    expect(check(shell, sentence).passed).toBe(true);
    expect(check(shell, 'a request to worker1:3001 is refused').passed).toBe(true);
    const wrong = check(shell, 'a request to worker1:3001 times out');
    expect(wrong).toEqual({ passed: false, actual: 'a request to worker1:3001 is refused' });
  });
});
