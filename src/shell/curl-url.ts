/**
 * Where a `curl` URL leads in the lab: the machine and port it names, from the machine curl runs
 * on. Names a lab resolves: `localhost` and loopback addresses (this machine), machine hostnames
 * (Play with Docker instances resolve each other's names), any interface address of a machine,
 * and Play with Docker's public URLs `ip172-18-0-11-<session>-3000.direct.labs.play-with-
 * docker.com`, which PWD's proxy sends to port 3000 of the instance whose eth1 address is
 * 172.18.0.11 in that session.
 */
import type { LabMachine } from '../dockercli/swarm-lab.js';
import { hexId } from '../dockercli/engine-ids.js';

/** A URL split as curl reads it (the scheme defaults to http). */
export interface CurlUrl {
  scheme: string;
  /** The host as written, which curl's messages repeat. */
  host: string;
  /** The port dialled: the URL's, else 80. */
  port: number;
  path: string;
}

/** Where the URL's host leads. */
export type Destination =
  /** A lab machine, dialled on `address`, port `port`; `viaProxy` for PWD's public URLs. */
  | { kind: 'machine'; machine: LabMachine; address: string; port: number; viaProxy: boolean }
  /** A PWD URL naming no instance of this lab. */
  | { kind: 'unknown-pwd'; port: number }
  /** An IPv4 address no machine has. */
  | { kind: 'unknown-address' }
  /** A name nothing resolves. */
  | { kind: 'unresolved' };

const PWD_SUFFIX = '.direct.labs.play-with-docker.com';

/** Splits `text` as curl does, or returns curl 8's reason for rejecting it. */
export function parseCurlUrl(text: string): CurlUrl | { rejected: string } {
  const scheme = '(?:([a-zA-Z][a-zA-Z0-9+.-]*)://)?';
  const match = new RegExp(`^${scheme}(\\[[^\\]]*\\]|[^/:?#]*)(?::([^/?#]*))?([/?#].*)?$`)
    .exec(text);
  if (!match || match[2] === '') return { rejected: 'Malformed input to a URL function' };
  const port = match[3] === undefined || match[3] === '' ? 80 : Number(match[3]);
  if (!/^\d*$/.test(match[3] ?? '') || port > 65535) {
    return { rejected: 'Port number was not a decimal number between 0 and 65535' };
  }
  const path = (match[4] ?? '/').split('#')[0]!;
  return {
    scheme: (match[1] ?? 'http').toLowerCase(),
    host: match[2]!,
    port,
    path: path.startsWith('/') ? path : `/${path}`,
  };
}

/**
 * The lab's Play with Docker session id, 20 characters of PWD's alphabet. One fixed id for
 * every lab: the addresses already tell labs apart, and a lesson can spell its URLs.
 */
export const PWD_SESSION = pwdSessionId();

function pwdSessionId(): string {
  const digits = '0123456789abcdefghijklmnopqrstuv';
  const hex = hexId('swarmsim/pwd-session');
  let id = '';
  for (let i = 0; i < 20; i += 1) id += digits[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 32];
  return id;
}

/** The PWD URL of `machine`'s port `port`; null for a machine without eth1 (a laptop). */
export function pwdUrl(machine: LabMachine, port: number): string | null {
  const eth1 = machine.interfaces.find((each) => each.name === 'eth1');
  if (!eth1) return null;
  return `http://ip${eth1.addr.replaceAll('.', '-')}-${PWD_SESSION}-${port}${PWD_SUFFIX}/`;
}

/** Where `url` leads from `here`. */
export function resolveDestination(
  url: CurlUrl,
  here: LabMachine,
  machines: readonly LabMachine[],
): Destination {
  const host = url.host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)) {
    return atMachine(here, '127.0.0.1', url.port);
  }
  const named = machines.find((machine) => machine.hostname === host);
  if (named) return atMachine(named, named.interfaces[0]?.addr ?? '', url.port);
  const owner = machines.find((machine) => machine.interfaces.some((each) => each.addr === host));
  if (owner) return atMachine(owner, host, url.port);
  if (host.endsWith(PWD_SUFFIX)) return pwdDestination(host, machines);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { kind: 'unknown-address' };
  return { kind: 'unresolved' };
}

function atMachine(machine: LabMachine, address: string, port: number): Destination {
  return { kind: 'machine', machine, address, port, viaProxy: false };
}

function pwdDestination(host: string, machines: readonly LabMachine[]): Destination {
  const match = /^ip(\d+)-(\d+)-(\d+)-(\d+)-([0-9a-z]+)-(\d+)\./.exec(host);
  if (!match) return { kind: 'unresolved' };
  const port = Number(match[6]);
  const address = match.slice(1, 5).join('.');
  const machine = machines.find((each) =>
    each.interfaces.some((face) => face.name === 'eth1' && face.addr === address),
  );
  if (!machine || match[5] !== PWD_SESSION) return { kind: 'unknown-pwd', port };
  return { kind: 'machine', machine, address, port, viaProxy: true };
}
