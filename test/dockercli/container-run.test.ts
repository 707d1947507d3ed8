/**
 * `docker run` in the foreground: the image found or pulled (docker's `Unable to find image`
 * lines on stderr, the node then has it), the process's output and exit code from the command
 * model, a process that never ends left after 10 s like a Ctrl-C, docker's errors, and an
 * interactive terminal refused by name (kept containers: standalone-containers.test.ts).
 */
import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { fixture, type Fixture } from '../api/fixture.js';

const FILES: Record<string, string> = {
  Dockerfile: 'FROM alpine\nENV WHO=swarm\nCMD echo hello $WHO\n',
};

function docker(fx: Fixture, line: string) {
  const words = parse(line).map(String);
  const session = { nodeId: fx.node('manager1'), readFile: (path: string) => FILES[path] };
  return runDockerCommand(fx.sim.ctx, ['docker', ...words], session);
}

describe('docker run', () => {
  it('pulls a missing image first, then prints what the process prints', () => {
    const fx = fixture();
    const out = docker(fx, 'run alpine echo hi');
    expect(out.stdout).toBe('hi\n');
    expect(out.stderr).toMatch(
      /^Unable to find image 'alpine:latest' locally\nlatest: Pulling from library\/alpine\n/,
    );
    expect(out.stderr).toMatch(/\nStatus: Downloaded newer image for alpine:latest\n$/);
    expect(out.exitCode).toBe(0);
    expect(fx.sim.state.nodes[fx.node('manager1')]!.images).toEqual(['alpine:latest']);
    expect(docker(fx, 'run alpine echo again')).toEqual({
      stdout: 'again\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it("returns the process's exit code and runs a built image's CMD with its ENV", () => {
    const fx = fixture();
    expect(docker(fx, "run --rm alpine sh -c 'exit 3'").exitCode).toBe(3);
    docker(fx, 'build -t greeter .');
    expect(docker(fx, 'run greeter')).toEqual({ stdout: 'hello swarm\n', stderr: '', exitCode: 0 });
    expect(docker(fx, 'run -e WHO=you greeter').stdout).toBe('hello you\n');
  });

  it('leaves a process that never ends after 10 s of virtual time, like Ctrl-C', () => {
    const out = docker(fixture(), 'run alpine sleep 3600');
    expect(out.stderr).toMatch(/swarmsim: stopped following after 10 s of virtual time \(Ctrl-C\)/);
    expect(out.exitCode).toBe(130);
  });

  it("answers docker's errors: no image, an image no registry has", () => {
    const fx = fixture();
    expect(docker(fx, 'run')).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker run' requires at least 1 argument\n\n" +
        'Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n' +
        "See 'docker run --help' for more information\n",
      exitCode: 1,
    });
    expect(docker(fx, 'run nosuchimage')).toEqual({
      stdout: '',
      stderr:
        "Unable to find image 'nosuchimage:latest' locally\n" +
        'docker: Error response from daemon: pull access denied for nosuchimage, repository ' +
        "does not exist or may require 'docker login': denied: requested access to the " +
        "resource is denied\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
  });

  it('refuses an interactive terminal by flag, and reads flags after the image as CMD', () => {
    const fx = fixture();
    expect(docker(fx, 'run -it alpine sh')).toEqual({
      stdout: '',
      stderr: 'swarmsim: docker run: --interactive, --tty not simulated yet\n',
      exitCode: 1,
    });
    expect(docker(fx, 'run alpine echo -d').stdout).toBe('-d\n');
  });
});
