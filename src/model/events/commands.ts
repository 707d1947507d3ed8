/**
 * Records of commands that ran and expectations that were checked (scenarios, the shell,
 * lessons): facts for the reader of a log; the fold ignores them.
 */

/** A scenario step ran: the command as written, what it printed, and its exit code. */
export interface ScenarioStepRan {
  type: 'scenario/stepRan';
  /** Where the step is written, `file:line:column`. */
  source: string;
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The exit code the scenario required (`expect-exit`, default 0); any other fails the run. */
  expectedExitCode?: number;
}

/**
 * A line typed in `swarmsim shell` or a lesson ran on a machine: what it printed and its exit
 * code.
 */
export interface ShellCommandRan {
  type: 'shell/commandRan';
  /** Hostname of the machine the line ran on. */
  machine: string;
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A scenario expectation was evaluated at its time. */
export interface ScenarioExpectationChecked {
  type: 'scenario/expectationChecked';
  source: string;
  expectation: string;
  passed: boolean;
  /** What was actually seen, in words. */
  actual: string;
}
