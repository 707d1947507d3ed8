/** The cluster block: shorthand and long form, generated names, ordering, and roles. */
import { describe, expect, it } from 'vitest';
import { parseShorthand } from '../../src/scenario/cluster.js';
import { parseScenario } from '../../src/scenario/parse.js';

function nodesOf(cluster: string): string[] {
  const { nodes } = parseScenario(`cluster: ${cluster}\n`, 'c.yaml');
  return nodes.map((node) => `${node.hostname}:${node.role}`);
}

describe('cluster shorthand', () => {
  it('reads managers and workers in either order, singular or plural, with , or and', () => {
    expect(parseShorthand('3 managers, 2 workers')).toEqual({ manager: 3, worker: 2 });
    expect(parseShorthand('1 manager')).toEqual({ manager: 1, worker: 0 });
    expect(parseShorthand('2 workers and 1 manager')).toEqual({ manager: 1, worker: 2 });
    expect(parseShorthand('1 Manager,1 worker')).toEqual({ manager: 1, worker: 1 });
  });

  it('refuses anything else', () => {
    const invalid = ['', 'three managers', '1 manager, 2 managers', '1 manager 2 workers', '1'];
    for (const text of invalid) {
      expect(parseShorthand(text), text).toBeNull();
    }
  });

  it('names nodes manager1.., worker1.., managers first', () => {
    expect(nodesOf("'3 managers, 2 workers'")).toEqual([
      'manager1:manager',
      'manager2:manager',
      'manager3:manager',
      'worker1:worker',
      'worker2:worker',
    ]);
  });
});

describe('cluster long form', () => {
  it('counts listed nodes toward the totals and generates the rest, skipping used names', () => {
    const listed = '[{hostname: worker2}, {hostname: db, role: worker}]';
    const nodes = nodesOf(`{managers: 1, workers: 3, nodes: ${listed}}`);
    expect(nodes).toEqual(['manager1:manager', 'db:worker', 'worker1:worker', 'worker2:worker']);
  });

  it('infers the role of a listed node from a managerN name, else worker', () => {
    expect(nodesOf('{nodes: [{hostname: manager7}, {hostname: edge}]}')).toEqual([
      'manager7:manager',
      'edge:worker',
    ]);
  });

  it('orders hostnames naturally, so worker10 comes after worker9', () => {
    const nodes = nodesOf('{managers: 1, workers: 10}');
    expect(nodes.slice(-2)).toEqual(['worker9:worker', 'worker10:worker']);
  });

  it('passes every node attribute through', () => {
    const [node] = parseScenario(
      'cluster:\n  nodes:\n    - {hostname: m, role: manager, os: windows, arch: aarch64,' +
        ' engineVersion: 20.10.24, availability: drain, engineLabels: {storage: ssd}}\n',
      'c.yaml',
    ).nodes;
    expect(node).toEqual({
      hostname: 'm',
      role: 'manager',
      os: 'windows',
      architecture: 'aarch64',
      engineVersion: '20.10.24',
      availability: 'drain',
      engineLabels: { storage: 'ssd' },
    });
  });

  it('refuses a hostname listed twice', () => {
    expect(() => nodesOf('{nodes: [{hostname: manager1}, {hostname: manager1}]}')).toThrow(
      "c.yaml:1:52: hostname 'manager1' is listed twice; every node needs its own hostname",
    );
  });
});
