/**
 * `swarmsim replay LOG`: re-folds a log with the model's reducer alone and verifies its footer
 * hash, then prints the same summary `run` printed. Exit 1 when the log does not verify.
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { LogFormatError, replayLog, type ReplayResult } from '../engine/replay.js';
import { describeFsError } from './common.js';
import { EXIT_FAILED, EXIT_OK, resolvePath, usageError, type CliIo } from './io.js';
import { formatSummary, formatTimeline } from './summary.js';

/** Arguments of `replay`. */
export interface ReplayArgs {
  log: string;
  timeline?: boolean;
}

/** How yargs declares `replay`. */
export const replayUsage = {
  command: 'replay <log>',
  describe: 'Re-fold an NDJSON event log and verify its hash',
  builder: (yargs: Argv) =>
    yargs
      .positional('log', {
        type: 'string',
        demandOption: true,
        describe: 'Log written by run --out',
      })
      .option('timeline', {
        type: 'boolean',
        describe: 'Also print each service\'s desired and running counts over time',
      })
      .epilogue('Exit status: 0 the log verifies, 1 it does not, 2 bad input.'),
};

/** Runs `replay`; returns the exit status. */
export function replayCommand(args: ReplayArgs, io: CliIo): number {
  const result = readVerifiedLog(io, args.log);
  if (typeof result === 'number') return result;
  io.stdout(formatSummary(result));
  if (args.timeline) io.stdout(formatTimeline(result.events));
  const { events, hash } = result.footer;
  io.stdout(`replay: ${events} events re-folded, hash verified (${hash})\n`);
  return EXIT_OK;
}

/**
 * Reads LOG, re-folds it and checks its hash, or prints why it does not verify and returns the
 * exit status (2 unreadable, 1 does not verify). `replay` and `view` share it; the result keeps
 * the text read, so `view` serves exactly what was verified.
 */
export function readVerifiedLog(
  io: CliIo,
  log: string,
): (ReplayResult & { text: string }) | number {
  let text: string;
  try {
    text = readFileSync(resolvePath(io, log), 'utf8');
  } catch (error) {
    return usageError(io, `cannot read ${log}: ${describeFsError(error)}`);
  }
  let result;
  try {
    result = replayLog(text);
  } catch (error) {
    if (!(error instanceof LogFormatError)) throw error;
    // LogFormatError's message already starts with `line N:`.
    io.stderr(`swarmsim: ${log}: ${error.message.replace(/^line (\d+): /, '$1: ')}\n`);
    return EXIT_FAILED;
  }
  if (result.computedHash !== result.footer.hash) {
    io.stderr(
      `swarmsim: ${log}: hash mismatch: the footer says ${result.footer.hash} but the lines ` +
        `hash to ${result.computedHash}; the log was edited or corrupted\n`,
    );
    return EXIT_FAILED;
  }
  return { ...result, text };
}
