/**
 * `docker build`, `docker push`, `docker images`, `docker run` and `docker compose` against
 * what the docker 28.2.2 CLI (no buildx: the legacy builder) and Engine 20.10 printed
 * (test/fixtures/real-docker/build-push), IDs aside. Each build runs in the directory it ran in,
 * with the recorded files. Not compared: the recording's registry errors (it had no network).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { fixture, type Fixture } from '../api/fixture.js';

const CASE = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'build-push');

interface Recorded {
  cmd: string;
  exit: number;
  stdout: string;
  stderr: string;
}

/** The busybox image of the recording, by ID. */
const IMAGE = 'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';

const RECORDED = readFileSync(join(CASE, 'commands.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Recorded);

/** The recorded commands in order, with the ctx/ directory each ran in (script.sh's `cd`s). */
const DIRS = ['', '', 'app', 'app', 'app', 'alt', 'alt', 'empty', 'empty', 'bad', 'syntax',
  'nofrom', 'unknownfrom'];

function dirOf(index: number): string {
  return DIRS[index] ?? '';
}

/** Runs a recorded command line in `dir` of the recorded contexts. */
function rerun(fx: Fixture, cmd: string, dir: string) {
  const readFile = (path: string) => {
    try {
      return readFileSync(join(CASE, dir === '' ? '' : 'ctx', dir, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const words = cmd.split(' ').slice(1);
  const session = { nodeId: fx.node('manager1'), readFile };
  return runDockerCommand(fx.sim.ctx, ['docker', ...words], session);
}

/** IDs, digests and absolute paths differ from run to run and machine to machine. */
function normal(text: string): string {
  return text
    .replace(/\r/g, '')
    .replace(/\b[0-9a-f]{64}\b/g, 'DIGEST')
    .replace(/\b[0-9a-f]{12}\b/g, 'ID')
    .replace(/lstat \S+/g, 'lstat PATH');
}

describe('docker build and push, as recorded', () => {
  const fx = fixture();
  const outcomes = RECORDED.map((recorded, index) => ({
    recorded,
    got: rerun(fx, recorded.cmd, dirOf(index)),
  }));
  // Left out: what needs the registry the recording could not reach, kept containers (`-d`,
  // `--name`), and the shell redirection `>&2` the command model does not interpret.
  const compared = outcomes.filter(
    ({ recorded }) =>
      /^docker (build|push|run|compose)/.test(recorded.cmd) &&
      !/ -d | --name |>&2/.test(recorded.cmd) &&
      !recorded.stderr.includes('registry-1.docker.io'),
  );

  it('compares the builds, the push refusals and the usage errors', () => {
    expect(compared.map(({ recorded }) => recorded.cmd)).toEqual([
      'docker build -t juaneme8/swarm-hostname .',
      'docker build -t juaneme8/swarm-hostname .',
      'docker build -t a/one -t b/two:v2 .',
      'docker build -f Other.dockerfile -t shellform .',
      'docker build -f Nope.dockerfile .',
      'docker build .',
      'docker build -t x .',
      'docker build .',
      'docker build .',
      'docker build .',
      'docker build',
      'docker build ctx/app ctx/alt',
      'docker build ctx/nosuchdir',
      'docker push juaneme8/nosuch',
      'docker push nosuch:v9',
      'docker push',
      'docker push a b',
      'docker run',
      `docker run ${IMAGE} echo hi`,
      'docker run --rm shellform',
      'docker compose up',
      'docker compose',
    ]);
  });

  it.each(compared.map((each, index) => [index, each.recorded.cmd, each] as const))(
    '%i: %s',
    (_index, _cmd, { recorded, got }) => {
      expect(normal(got.stdout)).toBe(normal(recorded.stdout));
      expect(normal(got.stderr)).toBe(normal(recorded.stderr));
      expect(got.exitCode).toBe(recorded.exit);
    },
  );

  it('lists the built images with their tags, tags of one build sharing its ID', () => {
    // The recording's `docker images` after the builds; up.sh's own image is not swarmsim's.
    const images = outcomes.filter(({ recorded }) => recorded.cmd === 'docker images').at(-1)!;
    const rows = (table: string) =>
      table
        .trim()
        .split('\n')
        .map((line) => line.split(/ {2,}/))
        .filter(([repository]) => repository !== 'swarmsim/busybox')
        .map(([repository, tag, id]) => `${repository}:${tag} ${id}`)
        .sort();
    const got = rows(images.got.stdout);
    const recorded = rows(images.recorded.stdout);
    expect(got.map((row) => row.split(' ')[0])).toEqual(recorded.map((row) => row.split(' ')[0]));
    const sharing = (list: string[]) =>
      list.map((row) => list.filter((other) => other.split(' ')[1] === row.split(' ')[1]).length);
    expect(sharing(got)).toEqual(sharing(recorded));
  });

  it('starts an unknown FROM the same way before its (registry) error', () => {
    const from = outcomes[12]!;
    expect(from.recorded.cmd).toBe('docker build .');
    expect(normal(from.got.stdout)).toBe(normal(from.recorded.stdout));
    expect(from.got.exitCode).toBe(from.recorded.exit);
  });
});
