/**
 * `swarmsim view LOG`: verifies the log as `replay` does, then serves the browser viewer and the
 * log on 127.0.0.1 and prints the URL. It runs until interrupted (Ctrl-C).
 */
import type { Argv } from 'yargs';
import { startViewerServer, type ViewerServer } from '../server/server.js';
import { findWebRoot } from '../server/web-root.js';
import { EXIT_FAILED, EXIT_OK, usageError, type CliIo } from './io.js';
import { readVerifiedLog } from './replay.js';

/** The port `view` listens on unless `--port` says otherwise. */
export const DEFAULT_VIEW_PORT = 8377;

/** Arguments of `view`. */
export interface ViewArgs {
  log: string;
  port?: string;
  host?: string;
}

/** How yargs declares `view`. */
export const viewUsage = {
  command: 'view <log>',
  describe: 'Replay an NDJSON event log in the browser',
  builder: (yargs: Argv) =>
    yargs
      .positional('log', {
        type: 'string',
        demandOption: true,
        describe: 'Log written by run, shell or lesson --out',
      })
      .option('port', {
        type: 'string',
        describe: `Port to listen on (0 picks a free one; default ${DEFAULT_VIEW_PORT})`,
      })
      .option('host', {
        type: 'string',
        describe: 'Address to listen on (default 127.0.0.1: this machine only)',
      })
      .epilogue('Exit status: 1 the log does not verify or the port is taken, 2 bad input.'),
};

/**
 * Runs `view`; resolves once the server listens (it keeps the process alive) or with the exit
 * status of a failure. `started` receives the server, so tests can close it.
 */
export async function viewCommand(
  args: ViewArgs,
  io: CliIo,
  started?: (server: ViewerServer) => void,
): Promise<number> {
  const port = readPort(args.port);
  if (typeof port === 'string') return usageError(io, port);
  const host = args.host ?? '127.0.0.1';
  if (host.trim() === '') return usageError(io, '--host needs an address, e.g. 127.0.0.1');
  const log = readVerifiedLog(io, args.log);
  if (typeof log === 'number') return log;
  const webRoot = findWebRoot();
  if (webRoot === null) {
    io.stderr('swarmsim: the viewer is not built: run `npm run build` (it builds dist/web)\n');
    return EXIT_FAILED;
  }
  let server: ViewerServer;
  try {
    const served = { name: args.log, text: log.text };
    server = await startViewerServer({ webRoot, log: served, host, port });
  } catch (error) {
    io.stderr(`swarmsim: cannot listen on ${host}:${port}: ${listenProblem(error)}\n`);
    return EXIT_FAILED;
  }
  io.stdout(
    `swarmsim view: ${args.log} (${log.footer.events} events, hash verified)\n` +
      `open ${server.url} (Ctrl-C stops the server)\n`,
  );
  started?.(server);
  return EXIT_OK;
}

/** `--port`: 0..65535, or the default; a message when invalid. */
function readPort(value: string | undefined): number | string {
  if (value === undefined) return DEFAULT_VIEW_PORT;
  if (/^\d+$/.test(value) && Number(value) <= 65_535) return Number(value);
  return `--port must be a whole number from 0 to 65535, not '${value}'`;
}

function listenProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    return 'the port is in use; pick another with --port (0: any free one)';
  }
  if (code === 'EADDRNOTAVAIL') return 'no such address on this machine; see --host';
  if (code === 'EACCES') return 'permission denied; pick a port above 1023';
  return (error as Error).message;
}
