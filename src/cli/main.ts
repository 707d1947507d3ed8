/** The `swarmsim` command line. */
export async function runCli(argv: string[]): Promise<number> {
  process.stderr.write(`swarmsim: not implemented yet (${argv.join(' ')})\n`);
  return 1;
}
