/** `swarmsim shell --help` gives every sim command with its arguments, as the shell's usage. */
import { describe, expect, it } from 'vitest';
import { SIM_USAGES } from '../../src/shell/sim-commands.js';
import { cli } from '../cli/helpers.js';
import { run, session } from './helpers.js';

describe('swarmsim shell --help', () => {
  it('lists every sim command with its arguments', async () => {
    const help = await cli(['shell', '--help']);
    expect(help.code).toBe(0);
    // A long usage goes on over an indented second line.
    const text = help.stdout.replace(/\n {6}/g, ' ');
    for (const usage of SIM_USAGES) expect(text).toContain(`\n  ${usage}\n`);
    for (const part of [
      'sim partition HOSTNAME[,HOSTNAME...] [HOSTNAME[,HOSTNAME...]] [--one-way]',
      '[--memory SIZE] [--cpus N] [--label K=V]... [--node-generic-resource K=V]...',
      'sim kill SERVICE[.SLOT] [EXIT-CODE]',
      'sim oom SERVICE[.SLOT]',
      'sim pull-fail HOSTNAME [IMAGE]',
      'sim slow-pull HOSTNAME EXTRA [IMAGE]',
      'sim start-fail HOSTNAME [IMAGE]',
      'sim heal [all|HOSTNAME|FAULT-ID]',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('gives the same list as the shell after an unknown sim command', () => {
    const result = run(session(), 'sim explode');
    expect(result.stderr).toBe(
      `swarmsim: unknown sim command 'explode'; usage: ${SIM_USAGES.join(' | ')}\n`,
    );
  });
});
