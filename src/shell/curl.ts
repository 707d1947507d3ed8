/**
 * `curl` on a lab machine: one HTTP request through the simulated network (src/network), with
 * curl 8's output and exit codes. Output is what a terminal shows: no progress meter (curl
 * draws none when its output is a terminal), and headers from -i/-I end in `\n` where the wire
 * has `\r\n`.
 *
 * Time: an answer, a refusal or a failed name lookup take no virtual time. A connection whose
 * packets are dropped (a partition) waits for curl's --max-time, else for Linux to give up
 * its SYN retries (tcp_syn_retries 6: 1+2+4+8+16+32+64 = 127 s); a machine that is off answers
 * no ARP, so connect fails with "No route to host" after 3 s (three ARP probes a second
 * apart). Virtual time passes by that wait, as it would at a real prompt.
 */
import type { CommandOutput } from '../dockercli/command.js';
import { memberNodeId, type LabMachine } from '../dockercli/swarm-lab.js';
import type { Simulation } from '../engine/simulation.js';
import { serviceByName } from '../model/state.js';
import { headerBlock, type HttpReply } from '../network/http-responses.js';
import type { Route } from '../network/mesh.js';
import { sendRequest } from '../network/traffic.js';
import { parseCurlArgs, type CurlArgs } from './curl-args.js';
import { parseCurlUrl, pwdUrl, resolveDestination, type CurlUrl } from './curl-url.js';

/** What curl needs of the shell session. */
export interface CurlHost {
  readonly machines: readonly LabMachine[];
  readonly machineName: string;
  readonly simulation: Simulation;
}

/** Linux's give-up time for an unanswered SYN, ms. */
export const SYN_GIVE_UP_MS = 127_000;
/** Time until connect fails with EHOSTUNREACH when a LAN address answers no ARP, ms. */
export const ARP_GIVE_UP_MS = 3_000;

interface Failure {
  code: number;
  message: string;
  /** Virtual time the failure took, ms. */
  waitedMs: number;
  hint?: string;
}

/** Runs `curl ARGS` on the session's current machine. */
export function runCurl(host: CurlHost, args: readonly string[]): CommandOutput {
  const parsed = parseCurlArgs(args);
  if ('stderr' in parsed) return { stdout: '', ...parsed };
  const url = parseCurlUrl(parsed.url);
  if ('rejected' in url) {
    return fail(parsed, { code: 3, message: `URL rejected: ${url.rejected}`, waitedMs: 0 });
  }
  if (url.scheme !== 'http') {
    if (url.scheme === 'https') {
      const stderr = 'swarmsim: curl: https is not simulated (http is)\n';
      return { stdout: '', stderr, exitCode: 2 };
    }
    const message = `Protocol "${url.scheme}" not supported`;
    return fail(parsed, { code: 1, message, waitedMs: 0 });
  }
  const outcome = request(host, parsed, url);
  if ('code' in outcome) {
    if (outcome.waitedMs > 0) host.simulation.runUntil(host.simulation.now + outcome.waitedMs);
    return fail(parsed, outcome);
  }
  return { stdout: render(parsed, outcome), stderr: '', exitCode: 0 };
}

function request(host: CurlHost, args: CurlArgs, url: CurlUrl): HttpReply | Failure {
  const here = host.machines.find((machine) => machine.hostname === host.machineName)!;
  const found = resolveDestination(url, here, host.machines);
  const connect = `Failed to connect to ${url.host} port ${url.port} after`;
  switch (found.kind) {
    case 'unresolved': {
      const failure = { code: 6, message: `Could not resolve host: ${url.host}`, waitedMs: 0 };
      if (!serviceByName(host.simulation.state, url.host)) return failure;
      // A common slip: service names resolve in containers on the service's networks only.
      const hint = `swarmsim: ${url.host} is a service; a machine reaches it through a ` +
        'published port of any node (curl localhost:PORT)';
      return { ...failure, hint };
    }
    case 'unknown-address':
      return unreachable(args, connect);
    case 'unknown-pwd': {
      const mine = pwdUrl(here, found.port);
      const hint = mine
        ? `swarmsim: that URL names no instance of this lab; ${here.hostname}'s port ` +
          `${found.port} is ${mine}`
        : 'swarmsim: that URL names no instance of this lab (it has no Play with Docker URLs)';
      return { ...unreachable(args, connect), hint };
    }
    case 'machine':
      break;
  }
  const sim = host.simulation;
  const machineOf = (machine: LabMachine) => ({
    hostname: machine.hostname,
    nodeId: memberNodeId(sim.ctx, machine),
  });
  // PWD's proxy dials the instance from outside the lab: no partition lies on its way.
  const client = found.viaProxy ? { hostname: 'pwd-proxy', nodeId: null } : machineOf(here);
  const delivery = sendRequest(sim.ctx, {
    client,
    target: machineOf(found.machine),
    port: found.port,
    address: found.address,
    method: args.head ? 'HEAD' : 'GET',
    path: url.path,
    machine: here.hostname,
  });
  sim.runUntil(sim.now);
  return delivery.reply ?? failureOf(delivery.route, args, connect);
}

function failureOf(route: Route, args: CurlArgs, connect: string): Failure {
  switch (route.outcome) {
    case 'reset':
      return { code: 56, message: 'Recv failure: Connection reset by peer', waitedMs: 0 };
    case 'timeout':
      return waited(args, SYN_GIVE_UP_MS, 28, connect);
    case 'unreachable':
      return unreachable(args, connect);
    default:
      return { code: 7, message: `${connect} 0 ms: Couldn't connect to server`, waitedMs: 0 };
  }
}

function unreachable(args: CurlArgs, connect: string): Failure {
  return waited(args, ARP_GIVE_UP_MS, 7, connect);
}

/** A connect that fails after `giveUpMs` unless --max-time ends it first. */
function waited(args: CurlArgs, giveUpMs: number, code: number, connect: string): Failure {
  if (args.maxTimeMs !== null && args.maxTimeMs < giveUpMs) {
    const waitedMs = args.maxTimeMs;
    return { code: 28, message: `Connection timed out after ${waitedMs} milliseconds`, waitedMs };
  }
  const message = `${connect} ${giveUpMs} ms: Couldn't connect to server`;
  return { code, message, waitedMs: giveUpMs };
}

function fail(args: CurlArgs, failure: Failure): CommandOutput {
  const quiet = args.silent && !args.showError;
  const text = quiet ? '' : `curl: (${failure.code}) ${failure.message}\n`;
  const hint = failure.hint === undefined ? '' : `${failure.hint}\n`;
  return { stdout: '', stderr: text + hint, exitCode: failure.code };
}

function render(args: CurlArgs, reply: HttpReply): string {
  const headers = args.include || args.head ? headerBlock(reply).replaceAll('\r\n', '\n') : '';
  return headers + (args.head ? '' : reply.body);
}
