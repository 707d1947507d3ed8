/**
 * One `swarmsim shell` session: the machines, the simulation they share, the machine the user is
 * on, and the commands a typed line runs here (a docker command, `curl`, `sleep`, or a `sim`
 * command); how a line is read into one of them is interpret.ts. Virtual time moves only through
 * `sleep`, commands that wait for convergence, writes that wait for a commit (a leader without a
 * quorum), and a `curl` left hanging.
 */
import { ContainerLogBook } from '../dockercli/log-book.js';
import type { CommandOutput, DockerSession } from '../dockercli/command.js';
import type { ConvergenceFollower } from '../dockercli/progress.js';
import { runDockerCommandWaiting } from '../dockercli/hung-command.js';
import {
  memberNodeId,
  newJoinTokens,
  type JoinTokens,
  type LabMachine,
  type SwarmLab,
} from '../dockercli/swarm-lab.js';
import { LogWriter, MemorySink, type LogHeader } from '../engine/log.js';
import type { Observer, SimContext, Simulation } from '../engine/simulation.js';
import { createSwarm } from '../swarm.js';
import { runCurl } from './curl.js';
import { buildMachines, startsInSwarm, type MachineLayout } from './machines.js';
import { hintFor } from './hints.js';
import { interpretLine, type LineCommands } from './interpret.js';
import { runSimCommand } from './sim-commands.js';
import { parseSleep } from './sleep.js';

/** How a session starts. */
export interface ShellOptions extends MachineLayout {
  seed: number;
  /** Machine the user starts on; default the first (manager1). */
  node?: string;
  /** Interactive terminal: progress is drawn as on a terminal, `columns` wide. */
  terminal?: boolean;
  columns?: number;
  /**
   * Reads a file a command names (`docker stack deploy -c FILE`): its text, or undefined when
   * there is no such file. The CLI passes real files; lessons pass virtual ones.
   */
  readFile?: (path: string) => string | undefined;
  /**
   * Images the simulated registry holds beside swarmsim's catalogue (`--image`, a lesson's
   * `images:`), as a scenario's `images:` names: the client pins them, the nodes pull them.
   */
  images?: readonly string[];
  /**
   * Keep the event log (`--out`) with these header fields; the seed is the swarm's. Every line
   * typed is logged too (`shell/commandRan`), so the log tells the whole session.
   */
  logHeader?: Omit<LogHeader, 'kind' | 'formatVersion' | 'seed'>;
  /** Watch every event of every swarm of the session (`--check`'s invariant checker). */
  observers?: Observer[];
}

/** Virtual time a waiting command follows a service before giving up like Ctrl-C, ms. */
const FOLLOW_LIMIT_MS = 10 * 60_000;

const ok = (stdout = ''): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });

/** A shell session over a simulated lab of machines. */
export class ShellSession {
  readonly machines: LabMachine[];
  private sim: Simulation;
  private logs = new ContainerLogBook();
  /** The event log of the current swarm, when `logHeader` asked for one. */
  private eventLog: { writer: LogWriter; sink: MemorySink } | null = null;
  private generation = 0;
  private tokens: JoinTokens | null = null;
  private current: LabMachine;
  /** What a line may run, bound to this session (interpret.ts reads the line). */
  private readonly commands: LineCommands = {
    docker: (argv) => this.docker(argv),
    sleep: (args) => this.sleep(args),
    sim: (args) => runSimCommand(this, args),
    curl: (args) => runCurl(this, args),
  };

  constructor(private readonly options: ShellOptions) {
    this.machines = buildMachines(options);
    const start = options.node ?? this.machines[0]!.hostname;
    const machine = this.machines.find((candidate) => candidate.hostname === start);
    if (!machine) throw new RangeError(`no machine ${start} (machines: ${this.machineNames()})`);
    this.current = machine;
    this.sim = this.newSimulation(startsInSwarm(options));
    if (startsInSwarm(options)) {
      this.machines.forEach((each, index) => (each.nodeId = this.sim.state.nodeIds[index] ?? null));
      this.tokens = newJoinTokens(this.sim.ctx);
    }
  }

  /** The simulation as it stands (a new one replaces it when a swarm is re-created). */
  get simulation(): Simulation {
    return this.sim;
  }

  /** The swarm's join tokens, or null while no swarm exists. */
  get joinTokens(): JoinTokens | null {
    return this.tokens;
  }

  /** The hostname of the machine the user is on. */
  get machineName(): string {
    return this.current.hostname;
  }

  /** What the prompt shows, e.g. `[manager1] $ `. */
  prompt(): string {
    return `[${this.current.hostname}] $ `;
  }

  /**
   * Interprets one typed line and returns what it printed. `$(COMMAND)` is replaced by what
   * COMMAND prints when run here first (substitute.ts); its stderr comes before the line's.
   */
  execute(line: string): CommandOutput {
    const machine = this.current.hostname;
    // Substituted commands are part of their line's log entry, so only the whole line is logged.
    const output = interpretLine(line, this.commands);
    const command = line.trim();
    if (this.eventLog && command !== '' && !command.startsWith('#')) {
      this.sim.ctx.emit({ type: 'shell/commandRan', machine, command, ...output });
    }
    return output;
  }

  /**
   * The NDJSON event log of the swarm that exists now, footer included; null without
   * `logHeader`. A swarm re-created after every machine left starts a log of its own, so the
   * log covers the last swarm of the session. Ends the log: call it once, at the end.
   */
  closeEventLog(): string | null {
    if (!this.eventLog) return null;
    this.eventLog.writer.close();
    return `${this.eventLog.sink.lines.join('\n')}\n`;
  }

  /** Logs a lesson check's verdict as a scenario expectation, when the session keeps a log. */
  logExpectation(source: string, expectation: string, passed: boolean, actual: string): void {
    if (!this.eventLog) return;
    this.sim.ctx.emit({ type: 'scenario/expectationChecked', source, expectation, passed, actual });
  }

  /** Switches the machine commands run on. */
  switchTo(hostname: string): CommandOutput {
    const machine = this.machines.find((candidate) => candidate.hostname === hostname);
    if (!machine) {
      return {
        stdout: '',
        stderr: `swarmsim: no machine ${hostname} (machines: ${this.machineNames()})\n`,
        exitCode: 1,
      };
    }
    this.current = machine;
    return ok();
  }

  private docker(argv: string[]): CommandOutput {
    const ctx = this.sim.ctx;
    const nodeId = memberNodeId(ctx, this.current) ?? `machine:${this.current.hostname}`;
    const session: DockerSession = {
      nodeId,
      logs: this.logs,
      lab: this.lab(),
      follow: this.follower(),
      ...(this.options.readFile ? { readFile: this.options.readFile } : {}),
      ...(this.options.images ? { images: this.options.images } : {}),
    };
    // A write the leader cannot commit waits here in virtual time, as docker's call hangs.
    const output = runDockerCommandWaiting(ctx, argv, session);
    // Settle what the command emitted, so the next line sees the swarm's reaction.
    this.sim.runUntil(this.sim.now);
    const hint = output.exitCode === 0 ? null : hintFor(argv, output);
    return hint === null ? output : { ...output, stderr: `${output.stderr}${hint}\n` };
  }

  private sleep(args: string[]): CommandOutput {
    const ms = parseSleep(args);
    if (typeof ms === 'string') return { stdout: '', stderr: `${ms}\n`, exitCode: 1 };
    this.sim.runUntil(this.sim.now + ms);
    return ok();
  }

  private lab(): SwarmLab {
    const session = this;
    return {
      machine: this.current,
      machines: this.machines,
      get tokens() {
        return session.tokens;
      },
      set tokens(tokens) {
        session.tokens = tokens;
      },
      contextForNewSwarm: () => this.contextForNewSwarm(),
    };
  }

  private follower(): ConvergenceFollower {
    return {
      terminal: this.options.terminal ?? false,
      columns: this.options.columns ?? 80,
      limitMs: FOLLOW_LIMIT_MS,
      advanceTo: (at) => {
        if (at > this.sim.now) this.sim.runUntil(at);
        return this.sim.ctx;
      },
    };
  }

  /**
   * The model holds one swarm. Once every machine left the old one it is gone for good, so a
   * new `swarm init` starts a fresh simulation at the same virtual instant.
   */
  private contextForNewSwarm(): SimContext | null {
    if (this.sim.state.cluster === null) return this.sim.ctx;
    if (this.machines.some((machine) => memberNodeId(this.sim.ctx, machine) !== null)) return null;
    const now = this.sim.now;
    this.generation += 1;
    this.sim = this.newSimulation(false);
    this.sim.runUntil(now);
    for (const machine of this.machines) machine.nodeId = null;
    return this.sim.ctx;
  }

  private newSimulation(preformed: boolean): Simulation {
    this.logs = new ContainerLogBook();
    // A re-created swarm draws from its own seed, so its ids differ from the abandoned one's.
    const seed = (this.options.seed + this.generation * 0x9e3779b9) >>> 0;
    const nodes = this.machines.map((machine, index) => ({
      hostname: machine.hostname,
      role: index < this.options.managers ? ('manager' as const) : ('worker' as const),
    }));
    const observers = [this.logs.observe, ...(this.options.observers ?? [])];
    // Every swarm of the session, a re-created one too, sees the same registry.
    const agent = { registryImages: this.options.images ?? [] };
    const { logHeader } = this.options;
    const sink = new MemorySink();
    const log = logHeader ? new LogWriter(sink, { ...logHeader, seed }) : undefined;
    this.eventLog = log ? { writer: log, sink } : null;
    const sim = createSwarm({ seed, nodes, initialized: preformed, observers, agent, log });
    sim.runUntil(sim.now);
    return sim;
  }

  private machineNames(): string {
    return this.machines.map((machine) => machine.hostname).join(', ');
  }
}
