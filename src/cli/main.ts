/**
 * The `swarmsim` command line. yargs only parses: it picks a command and its flags, and the
 * command then runs with the injected streams, so tests drive the whole CLI in-process.
 * Unknown commands and flags are errors (exit 2) in one line; `--help` works everywhere.
 */
import yargs, { type Argv } from 'yargs';
import { chaosCommand, chaosUsage, type ChaosArgs } from './chaos.js';
import { determinismCommand, determinismUsage, type DeterminismArgs } from './determinism.js';
import { EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io.js';
import { lessonCommand, lessonUsage, type LessonArgs } from './lesson.js';
import { replayCommand, replayUsage, type ReplayArgs } from './replay.js';
import { runCommand, runUsage, type RunArgs } from './run.js';
import { shellCommand, shellUsage, type ShellArgs } from './shell.js';
import { swarmsimVersion } from './version.js';
import { viewCommand, viewUsage, type ViewArgs } from './view.js';

const COMMANDS = ['run', 'replay', 'view', 'determinism', 'chaos', 'shell', 'lesson'];

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let selected: (() => Promise<number> | number) | undefined;
  const parser: Argv = yargs()
    .scriptName('swarmsim')
    .usage('$0 <command> [options]\n\nA deterministic discrete-event simulator of Docker Swarm.')
    .command(runUsage.command, runUsage.describe, runUsage.builder, (args) => {
      selected = () => runCommand(args as unknown as RunArgs, io);
    })
    .command(replayUsage.command, replayUsage.describe, replayUsage.builder, (args) => {
      selected = () => replayCommand(args as unknown as ReplayArgs, io);
    })
    .command(viewUsage.command, viewUsage.describe, viewUsage.builder, (args) => {
      selected = () => viewCommand(args as unknown as ViewArgs, io);
    })
    .command(
      determinismUsage.command,
      determinismUsage.describe,
      determinismUsage.builder,
      (args) => {
        selected = () => determinismCommand(args as unknown as DeterminismArgs, io);
      },
    )
    .command(chaosUsage.command, chaosUsage.describe, chaosUsage.builder, (args) => {
      selected = () => chaosCommand(args as unknown as ChaosArgs, io);
    })
    .command(shellUsage.command, shellUsage.describe, shellUsage.builder, (args) => {
      selected = () => shellCommand(args as unknown as ShellArgs, io);
    })
    .command(lessonUsage.command, lessonUsage.describe, lessonUsage.builder, (args) => {
      selected = () => lessonCommand(args as unknown as LessonArgs, io);
    })
    .demandCommand(1, 'a command is required')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(swarmsimVersion())
    .wrap(Math.min(100, process.stdout.columns ?? 100));
  const [error, output] = await new Promise<[Error | undefined, string]>((resolve) => {
    parser.parse(argv, {}, (err, _args, text) => resolve([err ?? undefined, text]));
  });
  if (error) {
    io.stderr(`swarmsim: ${describeParseError(error.message, argv)}\n`);
    return EXIT_USAGE;
  }
  if (!selected) {
    // --help or --version: yargs produced the text instead of running a command.
    if (output) io.stdout(`${output}\n`);
    return EXIT_OK;
  }
  return selected();
}

/** yargs' message in one line, naming an unknown command as such. */
function describeParseError(message: string, argv: readonly string[]): string {
  const first = argv.find((word) => !word.startsWith('-'));
  if (first !== undefined && argv[0] === first && !COMMANDS.includes(first)) {
    return `unknown command '${first}'; commands: ${COMMANDS.join(', ')} (see swarmsim --help)`;
  }
  const line = message.split('\n')[0] ?? message;
  const command = COMMANDS.includes(argv[0] ?? '') ? `${argv[0]} ` : '';
  return `${line.charAt(0).toLowerCase()}${line.slice(1)} (see swarmsim ${command}--help)`;
}
