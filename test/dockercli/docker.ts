import { parse } from 'shell-quote';
import { runDockerCommand } from '../../src/dockercli/run.js';
import type { Fixture } from '../api/fixture.js';

/** Runs `docker <line>` on a node; the line is split like a shell would. */
export function docker(fx: Fixture, line: string, on = 'manager1') {
  const words = parse(line).map((word) => {
    if (typeof word !== 'string') throw new Error(`unsupported shell syntax in ${line}`);
    return word;
  });
  return runDockerCommand(fx.sim.ctx, ['docker', ...words], { nodeId: fx.node(on) });
}

