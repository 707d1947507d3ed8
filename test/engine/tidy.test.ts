/**
 * The engine must be deterministic by construction: these APIs read wall time, ambient
 * randomness or the environment, so they may appear only in the CLI, the viewer server and the
 * Docker adapter, which sit at the edge of the simulation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const EDGE_FOLDERS = ['cli', 'adapter', 'server'];
const BANNED = [
  /Math\.random/,
  /Date\.now/,
  /new Date\(/,
  /performance\.now/,
  /setTimeout/,
  /setInterval/,
  /setImmediate/,
  /randomUUID/,
  /randomBytes/,
  /process\.hrtime/,
  /process\.env/,
  /from 'node:fs'/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('tidy: the engine reads no wall clock and no ambient randomness', () => {
  const engineFiles = sourceFiles(SRC).filter(
    (path) => !EDGE_FOLDERS.includes(relative(SRC, path).split('/')[0]!),
  );

  it('scans a non-trivial number of files', () => {
    expect(engineFiles.length).toBeGreaterThan(10);
  });

  it('finds no banned API outside cli/, adapter/ and server/', () => {
    const hits = engineFiles.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          BANNED.some((pattern) => pattern.test(line))
            ? [`${relative(SRC, path)}:${index + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(hits).toEqual([]);
  });
});
