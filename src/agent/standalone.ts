/**
 * The processes of standalone containers (`docker run`): each runs on its engine through the
 * command model, printing `container/logged` lines and ending with `container/exited`, then
 * `container/removed` when it was run with `--rm`. `docker stop` arrives as
 * `container/stopRequested`: SIGTERM, then SIGKILL (137) after the timeout unless PID 1 handles
 * SIGTERM sooner (command-model.ts). A crash of the host kills them: after the reboot the daemon
 * lists them as `Exited (255)`, its code for a container it found dead without an exit status;
 * an engine restart stops them as `docker stop` would, and they stay stopped (no `--restart`).
 *
 * Unlike tasks they do not wait for their node to be ready: the engine runs them whatever the
 * swarm thinks of the node. The generators live here only; timers check the state before acting,
 * so a container removed or killed by the CLI meanwhile (`docker rm -f`) just stops.
 */
import type { SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import type {
  ContainerSpec,
  StandaloneContainer,
  StandaloneContainerSpec,
} from '../model/types.js';
import type { ProcessRun } from './actions.js';
import {
  SIGKILL_EXIT_CODE,
  sigtermBehaviour,
  startProcess,
  type SigtermBehaviour,
} from './command-model.js';

/** Exit code the daemon records for a container found dead after its host crashed. */
export const HOST_CRASH_EXIT_CODE = 255;

interface LiveProcess {
  run: ProcessRun;
  sigterm: SigtermBehaviour;
  signalled: boolean;
}

/** The spec the command model needs to run a standalone container's process. */
export function processSpec(container: StandaloneContainerSpec): ContainerSpec {
  // An unknown image default runs forever: an empty image and command make the model say so.
  return {
    image: '',
    command: container.process ?? [],
    args: [],
    env: container.env,
    labels: {},
    stopGracePeriodMs: container.stopTimeoutMs,
    hostname: '',
    dir: '',
    user: '',
  };
}

/** Runs standalone containers' processes; one for every engine (keyed by container id). */
export class StandaloneProcesses {
  private readonly live = new Map<string, LiveProcess>();

  onEvent(ctx: SimContext, event: LoggedEvent): void {
    switch (event.type) {
      case 'container/created':
        if (event.started) this.start(ctx, event.container.id);
        return;
      case 'container/stopRequested':
        this.stop(ctx, event.containerId, event.timeoutMs);
        return;
      case 'container/exited':
      case 'container/removed':
        this.live.delete(event.containerId);
        return;
      case 'fault/injected':
        if (event.fault.kind === 'nodeCrash') this.crash(ctx, event.fault.nodeId);
        if (event.fault.kind === 'nodeRestart') this.shutDown(ctx, event.fault.nodeId);
        return;
      default:
        return;
    }
  }

  private start(ctx: SimContext, id: string): void {
    const container = ctx.state.containers?.[id];
    if (!container) return;
    const spec = processSpec(container);
    const process: LiveProcess = {
      // The id seeds per-line values (ping times), as a task id does for a task.
      run: startProcess(spec, { taskId: id }),
      sigterm: sigtermBehaviour(spec),
      signalled: false,
    };
    this.live.set(id, process);
    this.advance(ctx, id, process);
  }

  private isLive(ctx: SimContext, id: string, process: LiveProcess): boolean {
    return this.live.get(id) === process && ctx.state.containers?.[id]?.state === 'running';
  }

  /** Plays the process's actions up to its next wait (or its exit). */
  private advance(ctx: SimContext, id: string, process: LiveProcess): void {
    for (;;) {
      const step = process.run.next();
      if (step.done) {
        this.exit(ctx, id, step.value);
        return;
      }
      const action = step.value;
      if (action.kind === 'print') {
        const { stream, line } = action;
        ctx.emit({ type: 'container/logged', containerId: id, stream, line });
        continue;
      }
      if (action.ms === Infinity) return;
      ctx.at(ctx.now + Math.round(action.ms), 'container: process', (later) => {
        if (this.isLive(later, id, process)) this.advance(later, id, process);
      });
      return;
    }
  }

  private exit(ctx: SimContext, id: string, exitCode: number): void {
    const container = ctx.state.containers?.[id];
    if (container?.state !== 'running') return;
    ctx.emit({ type: 'container/exited', containerId: id, exitCode });
    if (container.autoRemove) ctx.emit({ type: 'container/removed', containerId: id });
  }

  private stop(ctx: SimContext, id: string, timeoutMs: number): void {
    const process = this.live.get(id);
    if (!process || process.signalled || !this.isLive(ctx, id, process)) return;
    process.signalled = true;
    // The daemon passes the timeout in whole seconds.
    const killAfterMs = Math.floor(timeoutMs / 1000) * 1000;
    const { sigterm } = process;
    const exitsFirst = sigterm.handled && sigterm.exitAfterMs < killAfterMs;
    const afterMs = exitsFirst ? sigterm.exitAfterMs : killAfterMs;
    const exitCode = exitsFirst ? sigterm.exitCode : SIGKILL_EXIT_CODE;
    ctx.at(ctx.now + afterMs, 'container: stop', (later) => {
      if (this.isLive(later, id, process)) this.exit(later, id, exitCode);
    });
  }

  /** The running containers on the engine of node `nodeId`. */
  private runningOn(ctx: SimContext, nodeId: string): StandaloneContainer[] {
    const host = ctx.state.nodes[nodeId]?.description.hostname;
    return (ctx.state.containerIds ?? [])
      .map((id) => ctx.state.containers![id]!)
      .filter((container) => container.host === host && container.state === 'running');
  }

  private crash(ctx: SimContext, nodeId: string): void {
    for (const container of this.runningOn(ctx, nodeId)) {
      this.exit(ctx, container.id, HOST_CRASH_EXIT_CODE);
    }
  }

  /** An engine shutting down stops its containers as `docker stop` does (no live-restore). */
  private shutDown(ctx: SimContext, nodeId: string): void {
    for (const container of this.runningOn(ctx, nodeId)) {
      this.stop(ctx, container.id, container.stopTimeoutMs);
    }
  }
}
