/**
 * Compose files `docker stack deploy` refuses, each against what the docker 28.2.2 CLI and
 * Engine 20.10 printed (test/fixtures/real-docker/stack-compose-errors): the schema's sentences,
 * docker's decoding errors, go-yaml's duplicate-key report, and what the engine does with values
 * the CLI lets through (refused enums, an unknown port mode or protocol becoming ingress/tcp).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { fixture } from '../api/fixture.js';

const CASE = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'stack-compose-errors');

interface Recorded {
  cmd: string;
  exit: number;
  stdout: string;
  stderr: string;
}

const DEPLOYS = readFileSync(join(CASE, 'commands.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Recorded)
  .filter((c) => c.cmd.startsWith('docker stack deploy'));

function readCase(path: string): string | undefined {
  try {
    return readFileSync(join(CASE, path), 'utf8');
  } catch {
    return undefined;
  }
}

function deploy(cmd: string) {
  const fx = fixture();
  const words = cmd.split(' ').slice(1);
  const session = { nodeId: fx.node('manager1'), readFile: readCase };
  return { fx, out: runDockerCommand(fx.sim.ctx, ['docker', ...words], session) };
}

describe('stack deploy refuses compose files like docker', () => {
  it('the recording has the cases', () => {
    expect(DEPLOYS.length).toBeGreaterThanOrEqual(24);
  });

  it.each(DEPLOYS.filter((c) => !c.cmd.includes('two-unknown-keys')).map((c) => [c.cmd, c]))(
    '%s',
    (cmd, real) => {
      const { out } = deploy(cmd as string);
      const recordedRun = real as Recorded;
      expect(out).toEqual({
        stdout: recordedRun.stdout,
        stderr: recordedRun.stderr,
        exitCode: recordedRun.exit,
      });
    },
  );

  it('of two unknown keys one is named (docker picks either: its map order varies)', () => {
    const cmd = DEPLOYS.find((c) => c.cmd.includes('two-unknown-keys'))!.cmd;
    expect(deploy(cmd).out.stderr).toMatch(
      /^services\.web Additional property (foo|bar) is not allowed\n$/,
    );
  });

  it('an unknown port mode and protocol become ingress and tcp, as dockerd converts them', () => {
    const { out, fx } = deploy('docker stack deploy -d -c port-bogus-mode.yml app');
    expect(out.exitCode).toBe(0);
    const inspect = runDockerCommand(fx.sim.ctx, ['docker', 'service', 'inspect', 'app_web'], {
      nodeId: fx.node('manager1'),
    });
    const spec = (json: string) => (JSON.parse(json) as { Spec: { EndpointSpec: unknown } }[])[0];
    expect(spec(inspect.stdout)!.Spec.EndpointSpec).toEqual(
      spec(readCase('port-bogus-mode.service.json')!)!.Spec.EndpointSpec,
    );
  });
});
