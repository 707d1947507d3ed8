/** Runs the CLI in-process with captured output, in a scratch directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The repository root, so tests can name scenarios/*.yaml. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** A fresh empty directory for files a test writes. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'swarmsim-cli-'));
}

/** Runs `swarmsim ...args` with relative paths resolved against `cwd`. */
export async function cli(args: string[], cwd = ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  });
  return { code, stdout, stderr };
}
