/** Runs the CLI in-process with captured output, in a scratch directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

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

/** A CLI io that keeps what is written; `stdout`/`stderr` read it so far. */
export function capturedIo(cwd: string): { io: CliIo; stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `swarmsim ...args` with relative paths resolved against `cwd`. */
export async function cli(args: string[], cwd = ROOT): Promise<CliResult> {
  const captured = capturedIo(cwd);
  const code = await runCli(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}
