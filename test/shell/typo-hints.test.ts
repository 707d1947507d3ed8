import { describe, expect, it } from 'vitest';
import { run, session } from './helpers.js';

function swarm() {
  const shell = session();
  run(shell, 'docker swarm init', 'docker service create -d --name pinger alpine ping docker.com');
  return shell;
}

describe('typos from the course notes', () => {
  it('--update-pararellism: docker\'s flag error (exit 125), then the hint', () => {
    const line = 'docker service update --update-pararellism 4 --update-order start-first pinger';
    const out = run(swarm(), line);
    expect(out).toEqual({
      stdout: '',
      stderr:
        'unknown flag: --update-pararellism\n\n' +
        'Usage:  docker service update [OPTIONS] SERVICE\n\n' +
        "Run 'docker service update --help' for more information\n" +
        'swarmsim: did you mean --update-parallelism?\n',
      exitCode: 125,
    });
  });

  it('--constrant-add and --rollback-pararellism get their flags', () => {
    const shell = swarm();
    expect(run(shell, 'docker service update --constrant-add node.role==worker pinger').stderr)
      .toMatch(/unknown flag: --constrant-add\n[^]*\nswarmsim: did you mean --constraint-add\?\n$/);
    expect(run(shell, 'docker service update --rollback-pararellism 0 pinger').stderr)
      .toMatch(/\nswarmsim: did you mean --rollback-parallelism\?\n$/);
    expect(run(shell, 'docker service update --update-parallellism=0 pinger').stderr)
      .toMatch(/^unknown flag: --update-parallellism\n[^]*did you mean --update-parallelism\?\n$/);
  });

  it('docker scale app=6: the unknown command, then the command meant', () => {
    expect(run(swarm(), 'docker scale app=6')).toEqual({
      stdout: '',
      stderr:
        "docker: unknown command: docker scale\n\nRun 'docker --help' for more information\n" +
        'swarmsim: did you mean docker service scale?\n',
      exitCode: 1,
    });
  });

  it('adds nothing when no name is close', () => {
    const out = run(swarm(), 'docker service update --frobnicate-everything 1 pinger');
    expect(out.exitCode).toBe(125);
    expect(out.stderr).not.toContain('swarmsim:');
  });
});
