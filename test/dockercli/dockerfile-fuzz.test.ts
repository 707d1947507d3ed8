/**
 * Fuzz of `docker build`: valid Dockerfiles with random character edits either build or fail the
 * way docker's legacy builder does (exit 1 with its message), never with a crash, a stack trace
 * or a half-made image; a service of whatever got built never makes the simulation throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCharEdits, charEdit } from '../fuzz/mutations.js';
import { run, session } from '../shell/helpers.js';

const SEED = 20261125;

const DOCKERFILES = [
  [
    'FROM node:10',
    'WORKDIR /usr/src',
    'COPY ["package.json", "/usr/src/"]',
    'RUN npm install',
    'COPY ["index.js", "/usr/src/"]',
    'EXPOSE 3000',
    'CMD ["node", "index.js"]',
  ].join('\n'),
  [
    'FROM alpine:3.20',
    'LABEL maintainer="juaneme8"',
    'ENV PORT=3000 GREETING=hola',
    'USER nobody',
    'ENTRYPOINT ["ping"]',
    'CMD ping -c 3 localhost',
  ].join('\n'),
];

const FILES: Record<string, string> = { 'package.json': '{}\n', 'index.js': 'console.log(1)\n' };

describe('docker build on mutated Dockerfiles', () => {
  it('builds or answers an error, never a crash, and the image runs as a service', () => {
    let builds = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...DOCKERFILES),
        fc.array(charEdit, { minLength: 1, maxLength: 4 }),
        (valid, edits) => {
          const dockerfile = applyCharEdits(valid, edits);
          const files: Record<string, string> = { ...FILES, Dockerfile: dockerfile };
          const shell = session({ readFile: (path) => files[path.replace(/^\.\//, '')] });
          run(shell, 'docker swarm init');
          const built = run(shell, 'docker build -t fuzz/app .');
          expect([0, 1]).toContain(built.exitCode);
          expect(built.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
          expect(built.stderr).not.toMatch(/TypeError|RangeError|undefined/);
          const listed = run(shell, 'docker images').stdout;
          expect(listed.includes('\nfuzz/app ')).toBe(built.exitCode === 0);
          if (built.exitCode === 0) {
            builds += 1;
            run(shell, 'docker service create -d --name app fuzz/app', 'sleep 20');
            expect(run(shell, 'docker service ps app').exitCode).toBe(0);
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    // Small edits often leave a Dockerfile valid: both outcomes must have been exercised.
    expect(builds).toBeGreaterThan(20);
    expect(builds).toBeLessThan(200);
  });
});
