/**
 * `docker build` with the legacy builder: step output, deterministic IDs, the builder's cache,
 * tags, `-f`, `-q`, the image's config, and docker's errors (test/fixtures/real-docker/build-push
 * has the real texts). The image goes to the building engine's store, as an `image/built` event.
 */
import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { fixture, type Fixture } from '../api/fixture.js';

const NOTICE =
  'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n' +
  '            Install the buildx component to build images with BuildKit:\n' +
  '            https://docs.docker.com/go/buildx/\n\n';

const FILES: Record<string, string> = {
  Dockerfile: [
    'FROM alpine',
    'ENV PORT=3000',
    'WORKDIR /app',
    'COPY index.js .',
    'RUN echo built on $PORT',
    'EXPOSE 3000',
    'CMD ["node", "index.js"]',
  ].join('\n'),
  'index.js': 'console.log("hi")\n',
  'other/Dockerfile.dev': 'FROM alpine\nENTRYPOINT ["/bin/echo"]\n',
  'fails/Dockerfile': 'FROM alpine\nRUN sh -c "echo oops; exit 3"\n',
  'unknown/Dockerfile': 'FROM alpine\nFOO bar\n',
  'expose/Dockerfile': 'FROM alpine\nEXPOSE\n',
  'nofrom/Dockerfile': 'RUN echo hi\n',
  'nobase/Dockerfile': 'FROM juaneme8/nosuch-image\nCMD ["sh"]\n',
};

/** `docker LINE` on `on`, with FILES in the working directory. */
function docker(fx: Fixture, line: string, on = 'manager1') {
  const words = parse(line).map(String);
  const readFile = (path: string) => FILES[path];
  return runDockerCommand(fx.sim.ctx, ['docker', ...words], { nodeId: fx.node(on), readFile });
}

const ids = (text: string) => text.replace(/\b[0-9a-f]{12}\b/g, 'ID');

describe('docker build', () => {
  it('prints the legacy builder steps, RUN output included, and tags the image', () => {
    const fx = fixture();
    const out = docker(fx, 'build -t myorg/app .');
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe(NOTICE);
    const printed = (n: number) => (n === 5 ? 'built on 3000\n' : '');
    const container = (n: number) =>
      ` ---> Running in ID\n${printed(n)}Removing intermediate container ID\n`;
    expect(ids(out.stdout).replace(/sha256:[0-9a-f]{64}/, 'DIGEST')).toBe(
      'Sending build context to Docker daemon  3.072kB\n' +
        'Step 1/7 : FROM alpine\nlatest: Pulling from library/alpine\nDigest: DIGEST\n' +
        'Status: Downloaded newer image for alpine:latest\n ---> ID\n' +
        `Step 2/7 : ENV PORT=3000\n${container(2)} ---> ID\n` +
        `Step 3/7 : WORKDIR /app\n${container(3)} ---> ID\n` +
        'Step 4/7 : COPY index.js .\n ---> ID\n' +
        `Step 5/7 : RUN echo built on $PORT\n${container(5)} ---> ID\n` +
        `Step 6/7 : EXPOSE 3000\n${container(6)} ---> ID\n` +
        `Step 7/7 : CMD ["node", "index.js"]\n${container(7)} ---> ID\n` +
        'Successfully built ID\nSuccessfully tagged myorg/app:latest\n',
    );
    expect(fx.events.map((event) => event.type)).toEqual(['node/imagePulled', 'image/built']);
  });

  it('records the config the Dockerfile gives, on the building engine only', () => {
    const fx = fixture();
    docker(fx, 'build -t myorg/app .');
    const image = fx.sim.state.images!.local.manager1![0]!;
    expect(image.tags).toEqual(['myorg/app:latest']);
    expect(image.config).toMatchObject({
      cmd: ['node', 'index.js'],
      exposedPorts: ['3000/tcp'],
      env: ['PORT=3000'],
      workingDir: '/app',
    });
    expect(fx.sim.state.images!.local.worker1).toBeUndefined();
  });

  it('gives the same IDs to the same build and reuses every step from the cache', () => {
    const fx = fixture();
    const first = docker(fx, 'build -t myorg/app .');
    const second = docker(fx, 'build -t myorg/app -t myorg/app:v2 .');
    const built = (text: string) => /Successfully built (\w+)/.exec(text)![1];
    expect(built(second.stdout)).toBe(built(first.stdout));
    expect(second.stdout.match(/ ---> Using cache\n/g)).toHaveLength(6);
    expect(second.stdout).not.toContain('Running in');
    expect(second.stdout).toMatch(/Successfully tagged myorg\/app:latest\n.*myorg\/app:v2\n$/);
    expect(fx.sim.state.images!.local.manager1![0]!.tags).toEqual([
      'myorg/app:latest',
      'myorg/app:v2',
    ]);
    expect(docker(fx, 'build --no-cache .').stdout).not.toContain('Using cache');
  });

  it('reads -f from the working directory, and -q prints only the ID', () => {
    const fx = fixture();
    const out = docker(fx, 'build -q -f other/Dockerfile.dev -t echo other');
    expect(out.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const image = fx.sim.state.images!.local.manager1![0]!;
    expect(image.config.entrypoint).toEqual(['/bin/echo']);
    expect(image.config.cmd).toEqual([]);
  });

  it('fails like docker without a Dockerfile or with a bad one', () => {
    const fx = fixture();
    const missing = docker(fx, 'build -t x -f empty/Dockerfile .');
    expect(missing).toEqual({
      stdout: '',
      stderr:
        `${NOTICE}unable to prepare context: unable to evaluate symlinks in Dockerfile path: ` +
        'lstat /root/empty/Dockerfile: no such file or directory\n',
      exitCode: 1,
    });
    expect(docker(fx, 'build nosuchdir').stderr).toBe(
      `${NOTICE}unable to prepare context: path "nosuchdir" not found\n`,
    );
    const sent = (size: string) => `Sending build context to Docker daemon  ${size}\n`;
    const daemon = (text: string) => `${NOTICE}Error response from daemon: ${text}\n`;
    expect(docker(fx, 'build unknown')).toEqual({
      stdout: sent('2.048kB'),
      stderr: daemon('dockerfile parse error line 2: unknown instruction: FOO'),
      exitCode: 1,
    });
    expect(docker(fx, 'build expose').stderr).toBe(
      daemon('dockerfile parse error line 2: EXPOSE requires at least one argument'),
    );
    expect(docker(fx, 'build nofrom').stderr).toBe(daemon('no build stage in current context'));
    expect(fx.events.filter((event) => event.type === 'image/built')).toEqual([]);
  });

  it('fails on a base image no registry has, and on a failing RUN with its exit code', () => {
    const fx = fixture();
    const nobase = docker(fx, 'build nobase');
    expect(nobase.stdout).toMatch(/Step 1\/2 : FROM juaneme8\/nosuch-image\n$/);
    expect(nobase.stderr).toBe(
      `${NOTICE}pull access denied for juaneme8/nosuch-image, repository does not exist or ` +
        "may require 'docker login': denied: requested access to the resource is denied\n",
    );
    expect(nobase.exitCode).toBe(1);
    const fails = docker(fx, 'build fails');
    expect(fails.stdout).toMatch(/ ---> Running in \w{12}\noops\n$/);
    expect(fails.stderr).toBe(
      `${NOTICE}The command '/bin/sh -c sh -c "echo oops; exit 3"' returned a non-zero code: 3\n`,
    );
    expect(fails.exitCode).toBe(3);
  });

  it('prints the notice before its usage error', () => {
    const out = docker(fixture(), 'build');
    expect(out.stderr).toBe(
      `${NOTICE}docker: 'docker build' requires 1 argument\n\n` +
        'Usage:  docker build [OPTIONS] PATH | URL | -\n\n' +
        "Run 'docker build --help' for more information\n",
    );
    expect(out.exitCode).toBe(1);
  });
});
