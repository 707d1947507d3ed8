/**
 * Scenario nodes may declare engine plugins beside the stock ones, and declared images the
 * platforms their manifests list; both reach the scheduler and the docker CLI.
 */
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';

const TEXT = `name: plugins and platforms
until: 2m
cluster:
  managers: 1
  nodes:
    - {hostname: worker1, plugins: {log: ['loki:latest'], volume: [rexray]}}
    - {hostname: pi1, arch: aarch64}
images:
  myorg/app: {platforms: [linux/arm64]}
  myorg/other: {}
steps:
  - {at: 1s, run: docker service create -d --name logs --log-driver loki alpine sleep 1d}
  - {at: 1s, run: docker service create -d --name app --replicas 2 myorg/app}
`;

describe('scenario plugins and image platforms', () => {
  it('reads node plugins by type and image platforms as declared', () => {
    const scenario = parseScenario(TEXT, 'p.yaml');
    const worker = scenario.nodes.find((node) => node.hostname === 'worker1')!;
    expect(worker.plugins).toEqual([
      { type: 'Log', name: 'loki:latest' },
      { type: 'Volume', name: 'rexray' },
    ]);
    expect(scenario.nodes.find((node) => node.hostname === 'pi1')!.plugins).toBeUndefined();
    expect(scenario.images).toEqual([
      { name: 'myorg/app', platforms: ['linux/arm64'] },
      'myorg/other',
    ]);
  });

  it('places by them: the log driver on its node, the arm64 image on the arm node', () => {
    const { sim } = runScenario(parseScenario(TEXT, 'p.yaml'));
    const hostsOf = (name: string) => {
      const service = Object.values(sim.state.services).find((s) => s.spec.name === name)!;
      return sim.state.tasksByService[service.id]!.map((id) => {
        const task = sim.state.tasks[id]!;
        expect(task.status.state).toBe('running');
        return sim.state.nodes[task.nodeId]!.description.hostname;
      });
    };
    expect(hostsOf('logs')).toEqual(['worker1']);
    expect(hostsOf('app')).toEqual(['pi1', 'pi1']);
  });

  it('node inspect lists the extra plugins among the stock ones, sorted by type and name', () => {
    const { sim } = runScenario(parseScenario(TEXT, 'p.yaml'));
    const inspect = (format: string) =>
      runDockerCommand(sim.ctx, ['docker', 'node', 'inspect', '--format', format, 'worker1'], {
        nodeId: sim.state.nodeIds[0]!,
      }).stdout;
    const plugins = JSON.parse(inspect('{{json .Description.Engine.Plugins}}'));
    const of = (type: string) =>
      plugins.filter((p: { Type: string }) => p.Type === type).map((p: { Name: string }) => p.Name);
    expect(of('Log')).toEqual([
      'awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'logentries',
      'loki:latest', 'splunk', 'syslog',
    ]);
    expect(of('Volume')).toEqual(['local', 'rexray']);
    const pretty = runDockerCommand(sim.ctx, ['docker', 'node', 'inspect', '--pretty', 'worker1'], {
      nodeId: sim.state.nodeIds[0]!,
    }).stdout;
    expect(pretty).toContain(' Volume:\t\tlocal, rexray\n');
  });

  it('refuses a platform that is not os/arch[/variant]', () => {
    const bad = TEXT.replace('[linux/arm64]', '[arm64]');
    expect(() => parseScenario(bad, 'p.yaml')).toThrow(ScenarioError);
  });
});
