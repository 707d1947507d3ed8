/**
 * Command dispatch and cobra's framing texts; each expected text is the docker 28.2.2 client's.
 */
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { fixture } from '../api/fixture.js';

function run(argv: string[]) {
  const fx = fixture();
  return runDockerCommand(fx.sim.ctx, argv, { nodeId: fx.node('manager1') });
}

describe('runDockerCommand framing', () => {
  it('gives flag errors with usage and exit 125', () => {
    expect(run(['docker', 'service', 'create', '--foo', 'x'])).toEqual({
      stdout: '',
      stderr:
        'unknown flag: --foo\n\n' +
        'Usage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n' +
        "Run 'docker service create --help' for more information\n",
      exitCode: 125,
    });
    expect(run(['docker', 'node', 'rm', '-x', 'a']).stderr).toBe(
      "unknown shorthand flag: 'x' in -x\n\nUsage:  docker node rm [OPTIONS] NODE [NODE...]\n\n" +
        "Run 'docker node rm --help' for more information\n",
    );
  });

  it('gives the minimum-arguments error with exit 1', () => {
    expect(run(['docker', 'service', 'create', '-d'])).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker service create' requires at least 1 argument\n\n" +
        'Usage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n' +
        "See 'docker service create --help' for more information\n",
      exitCode: 1,
    });
  });

  it('reports unknown commands like docker', () => {
    expect(run(['docker', 'service', 'foo'])).toEqual({
      stdout: '',
      stderr:
        'docker: unknown command: docker service foo\n\nUsage:  docker service\n\n' +
        "Run 'docker service --help' for more information\n",
      exitCode: 1,
    });
    expect(run(['docker', 'foo']).stderr).toBe(
      "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n",
    );
    expect(run(['docker', 'service', '--foo'])).toMatchObject({ exitCode: 125 });
  });

  it('lists a group with exit 0 and says which real commands are not simulated yet', () => {
    const group = run(['docker', 'service']);
    expect(group.exitCode).toBe(0);
    expect(group.stderr).toMatch(/^Usage: {2}docker service COMMAND\n\nManage Swarm services\n/);
    expect(run(['docker', 'network', 'connect'])).toEqual({
      stdout: '',
      stderr: "swarmsim: 'docker network connect' is not simulated yet\n",
      exitCode: 1,
    });
  });

  it('answers real top-level commands outside swarm as not simulated, not as unknown', () => {
    for (const word of ['pull', 'exec', 'inspect']) {
      expect(run(['docker', word, 'x'])).toEqual({
        stdout: '',
        stderr: `swarmsim: 'docker ${word}' is not simulated yet\n`,
        exitCode: 1,
      });
    }
  });

  it('does not know `docker compose`: docker 28 without the compose plugin does not', () => {
    expect(run(['docker', 'compose', 'up'])).toEqual({
      stdout: '',
      stderr:
        "docker: unknown command: docker compose\n\nRun 'docker --help' for more information\n",
      exitCode: 1,
    });
  });

  it('prints help on --help without running the command', () => {
    const help = run(['docker', 'service', 'scale', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage:  docker service scale SERVICE=REPLICAS');
  });
});
