/**
 * Which HTTP server a container runs, if any, and on which container port it listens: a small
 * table keyed by image, valid only while the container runs the image's own program (PID 1 as
 * the command model finds it), so `nginx sleep 100` serves nothing. A container whose process
 * is not a known server (ping, sleep, a shell) listens nowhere: a connection to it gets the
 * kernel's RST, which curl reports as refused, as it does for a server on another port.
 *
 * - `juaneme8/swarm-hostname` (the course's express app, `node index.js`, port 3000) answers
 *   `Saludos desde <hostname>!`. Any image tagged with that name counts, a `docker build` of
 *   the course directory included; other built images serve nothing known.
 * - `nginx` and `httpd` on 80: their stock pages. `dockersamples/visualizer` on 8080: its page.
 * - busybox's `httpd -f [-p PORT]` (the real-swarm recordings' server): no index.html in its
 *   working directory, so every path is its 404 page, headers as recorded (test/fixtures/
 *   real-docker-multinode/host-mode-curl).
 * `traefik/whoami` prints its addresses, which come with the overlay model: not served yet.
 */
import { imageName } from '../agent/image.js';
import { SIM_EPOCH_UNIX_MS } from '../dockercli/clock.js';
import {
  expressReply,
  httpdReply,
  imfDate,
  nginxReply,
  visualizerReply,
  type HttpReply,
  type HttpRequest,
} from './http-responses.js';

/** A listening server: its container port and how it answers. */
export interface HttpServer {
  port: number;
  /** Answers `request`; `hostname` is the container's (what `os.hostname()` returns). */
  reply(request: HttpRequest, hostname: string): HttpReply;
}

interface ImageServer {
  /** The PID 1 program (command-model.ts pid1Program) that must be running. */
  program: string;
  port: number;
  reply(request: HttpRequest, hostname: string): HttpReply;
}

const IMAGE_SERVERS: Readonly<Record<string, ImageServer>> = {
  'juaneme8/swarm-hostname': {
    program: 'node',
    port: 3000,
    reply: (request, hostname) => expressReply(request, `Saludos desde ${hostname}!`),
  },
  nginx: { program: 'nginx', port: 80, reply: (request) => nginxReply(request) },
  httpd: { program: 'httpd-foreground', port: 80, reply: (request) => httpdReply(request) },
  'dockersamples/visualizer': {
    program: 'node',
    port: 8080,
    reply: (request) => visualizerReply(request),
  },
};

/**
 * The server a container of `image` runs when its process is `argv` (PID 1 program `pid1`), or
 * null when it listens on no port swarmsim knows.
 */
export function serverOf(image: string, pid1: string, argv: readonly string[]): HttpServer | null {
  const known = IMAGE_SERVERS[imageName(image)];
  if (known && Object.hasOwn(IMAGE_SERVERS, imageName(image)) && known.program === pid1) {
    return { port: known.port, reply: known.reply };
  }
  if (pid1 === 'httpd' && argv.includes('-f')) return busyboxHttpd(argv);
  return null;
}

function busyboxHttpd(argv: readonly string[]): HttpServer | null {
  const flag = argv.indexOf('-p');
  const port = flag >= 0 ? Number(argv[flag + 1]?.split(':').at(-1)) : 80;
  if (!Number.isInteger(port) || port <= 0) return null;
  return { port, reply: (request) => busyboxNotFound(request) };
}

/** busybox httpd's answer for a file it has not got. */
function busyboxNotFound(request: HttpRequest): HttpReply {
  const body = '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n' +
    '<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';
  return {
    status: 404,
    reason: 'Not Found',
    headers: [['Date', imfDate(SIM_EPOCH_UNIX_MS + request.at)], ['Connection', 'close'],
      ['Content-type', 'text/html']],
    body: request.method === 'HEAD' ? '' : body,
  };
}
