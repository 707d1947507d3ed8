/**
 * A standalone container (`docker run`) as a `docker ps` row: the same fields as a task's
 * container (container-ps.ts), from the container's record instead of a task's transitions.
 */
import { quoteGo } from '../api/go-format.js';
import type { ClusterState } from '../model/state.js';
import type { StandaloneContainer } from '../model/types.js';
import { goTimeAt, humanDuration, SIM_EPOCH_UNIX_MS, unixSecondsAt } from './clock.js';
import { containersOn } from './container-store.js';
import { portsColumn } from './container-view.js';
import { containerImage, truncateId } from './image-display.js';
import { ellipsis } from './task-rows.js';
import { formatGoTimeSeconds } from './template/go-time.js';
import { GoNil, GoStruct } from './template/values.js';

/** docker's STATUS of the container at virtual time `now`. */
export function standaloneStatus(container: StandaloneContainer, now: number): string {
  if (container.state === 'running') return `Up ${humanDuration(now - container.startedAt!)}`;
  if (container.state === 'created') return 'Created';
  const ago = humanDuration(now - container.finishedAt!);
  return `Exited (${container.exitCode ?? 0}) ${ago} ago`;
}

/** The COMMAND column's text (moby daemon/list.go): Path and Args, spaced args quoted. */
export function standaloneCommand(container: StandaloneContainer): string {
  return container.argv.map((arg, i) => (i > 0 && arg.includes(' ') ? `'${arg}'` : arg)).join(' ');
}

/** The `docker ps` row (a `formatter.ContainerContext`) of a standalone container. */
export function standaloneRow(
  container: StandaloneContainer,
  now: number,
  trunc: boolean,
): GoStruct {
  const command = standaloneCommand(container);
  const created = unixSecondsAt(container.createdAt);
  const age = SIM_EPOCH_UNIX_MS + now - created * 1000;
  const bindings = container.ports.map((port) => ({
    ip: port.hostIp,
    publicPort: port.hostPort,
    privatePort: port.containerPort,
    type: port.protocol,
  }));
  // The daemon binds the ports only while the container runs.
  const running = container.state === 'running';
  const ports = portsColumn(running ? bindings : [], running ? container.exposedPorts : []);
  return new GoStruct(
    '*formatter.ContainerContext',
    [
      { name: 'ID', value: trunc ? truncateId(container.id) : container.id },
      { name: 'Names', value: container.name },
      { name: 'Image', value: trunc ? containerImage(container.image) : container.image },
      { name: 'Command', value: quoteGo(trunc ? ellipsis(command, 20) : command) },
      {
        name: 'CreatedAt',
        value: formatGoTimeSeconds(goTimeAt(created * 1000 - SIM_EPOCH_UNIX_MS)),
      },
      { name: 'RunningFor', value: `${humanDuration(age)} ago` },
      { name: 'Ports', value: ports },
      { name: 'State', value: container.state },
      { name: 'Status', value: standaloneStatus(container, now) },
      { name: 'Size', value: '0B' },
      { name: 'Labels', value: '' },
      { name: 'Mounts', value: '' },
      { name: 'LocalVolumes', value: '0' },
      { name: 'Networks', value: 'bridge' },
      { name: 'Platform', value: new GoNil('*formatter.Platform') },
    ],
    true,
  );
}

/** One container `docker ps` may list: a task's or a standalone one. */
export interface PsEntry {
  createdAt: number;
  /** Orders containers created at the same instant (container-ps.ts). */
  key: string;
  id: string;
  name: string;
  state: string;
  row(): GoStruct;
}

/** The standalone containers of the engine on `host` as `docker ps` entries. */
export function standaloneEntries(
  ctx: { state: ClusterState; now: number },
  host: string,
  trunc: boolean,
): PsEntry[] {
  return containersOn(ctx.state, host).map((container, index) => ({
    createdAt: container.createdAt,
    key: `~${String(index).padStart(8, '0')}`,
    id: container.id,
    name: container.name,
    state: container.state,
    row: () => standaloneRow(container, ctx.now, trunc),
  }));
}
