/**
 * `docker images [REPOSITORY[:TAG]]` / `docker image ls`: the images of the engine the user is
 * on, docker's table (test/fixtures/real-docker/build-push). An engine has what it built (one
 * row per tag, `<none>` for an image that lost its tags) and what its node pulled for tasks or
 * builds; an image pulled by digest has no tag (`<none>`) unless a tag of that repository names
 * the same image. Newest first; docker leaves ties in store order, swarmsim sorts them by name.
 */
import { parseImageRef } from '../agent/image.js';
import type { SimContext } from '../engine/simulation.js';
import { goTimeAt, humanDuration, humanSize } from './clock.js';
import { formatGoTimeSeconds } from './template/go-time.js';
import type { CommandOutput, DockerCommand, DockerSession } from './command.js';
import { boolFlag, stringFlag, unsupportedFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import {
  builtImages,
  CATALOGUE_AGE_MS,
  registryImageId,
  registryImageSize,
  sessionHost,
  shortId,
} from './image-store.js';
import { pushedImage } from '../agent/image-config.js';
import { printRows } from './list-support.js';
import { GoStruct } from './template/values.js';

const TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const TITLES = {
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  ID: 'IMAGE ID',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Digest: 'DIGEST',
  Containers: 'CONTAINERS',
};

/** One row of the table. */
interface ImageRow {
  repository: string;
  tag: string;
  id: string;
  createdAt: number;
  sizeBytes: number;
}

/** `docker images` */
export const images: DockerCommand = {
  path: ['images'],
  use: 'images [OPTIONS] [REPOSITORY[:TAG]]',
  short: 'List images',
  flags: [
    boolFlag('all', 'a'),
    boolFlag('no-trunc'),
    boolFlag('quiet', 'q'),
    unsupportedFlag('digests', { bool: true }),
    unsupportedFlag('filter', { short: 'f' }),
    stringFlag('format'),
    unsupportedFlag('tree', { bool: true }),
  ],
  args: { atLeast: 0 },
  checkArgs: (args) => atMostOne(args, 'docker images'),
  run(ctx, parsed, session) {
    const noTrunc = lastValue<boolean>(parsed, 'no-trunc') ?? false;
    const quiet = lastValue<boolean>(parsed, 'quiet') ?? false;
    const wanted = parsed.args[0];
    const rows = imageRows(ctx, session).filter((row) => matches(row, wanted));
    const format = lastValue<string>(parsed, 'format') ?? '';
    const table = format === '' || format === 'table';
    const template = table ? (quiet ? '{{.ID}}' : TABLE) : format;
    const values = rows.map((row) => imageValue(row, ctx.now, noTrunc));
    return printRows(template, values, TITLES);
  },
};

/** `docker image ls` (alias `list`) */
export const imageLs: DockerCommand = {
  ...images,
  path: ['image', 'ls'],
  aliases: ['list'],
  use: 'ls [OPTIONS] [REPOSITORY[:TAG]]',
  checkArgs: (args) => atMostOne(args, 'docker image ls'),
};

/** A row as docker's image formatter offers it to `--format` templates. */
function imageValue(row: ImageRow, now: number, noTrunc: boolean): GoStruct {
  return new GoStruct(
    '*formatter.imageContext',
    [
      { name: 'Repository', value: row.repository },
      { name: 'Tag', value: row.tag },
      { name: 'ID', value: noTrunc ? row.id : shortId(row.id) },
      { name: 'CreatedSince', value: `${humanDuration(now - row.createdAt)} ago` },
      { name: 'CreatedAt', value: formatGoTimeSeconds(goTimeAt(row.createdAt)) },
      { name: 'Size', value: humanSize(row.sizeBytes) },
      { name: 'Digest', value: '<none>' },
      { name: 'Containers', value: 'N/A' },
    ],
    true,
  );
}

/** docker 28's RequiresMaxArgs(1), worded like its RequiresMinArgs; null when fine. */
function atMostOne(args: readonly string[], path: string): CommandOutput | null {
  if (args.length <= 1) return null;
  const stderr =
    `docker: '${path}' requires at most 1 argument\n\n` +
    `Usage:  ${path} [OPTIONS] [REPOSITORY[:TAG]]\n\n` +
    `See '${path} --help' for more information\n`;
  return { stdout: '', stderr, exitCode: 1 };
}

function matches(row: ImageRow, wanted: string | undefined): boolean {
  if (wanted === undefined) return true;
  const ref = parseImageRef(wanted);
  const hasTag = wanted.slice(wanted.lastIndexOf('/') + 1).includes(':');
  return row.repository === ref.name && (!hasTag || row.tag === ref.tag);
}

/** The engine's images as table rows, newest first. */
export function imageRows(ctx: SimContext, session: DockerSession): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of builtImages(ctx, sessionHost(ctx, session))) {
    const base = { id: image.id, createdAt: image.createdAt, sizeBytes: image.sizeBytes };
    if (image.tags.length === 0) rows.push({ repository: '<none>', tag: '<none>', ...base });
    for (const tag of image.tags) {
      const ref = parseImageRef(tag);
      rows.push({ repository: ref.name, tag: ref.tag, ...base });
    }
  }
  const node = ctx.state.nodes[session.nodeId];
  for (const key of node?.images ?? []) {
    const ref = parseImageRef(key);
    const id = registryImageId(ctx, key);
    const tag = ref.digest !== '' ? '<none>' : ref.tag;
    // A tag of the same image and repository already shows it; so does the same tag.
    if (rows.some((row) => row.repository === ref.name && (row.id === id || row.tag === tag))) {
      continue;
    }
    const createdAt = pushedImage(ctx.state, key)?.createdAt ?? -CATALOGUE_AGE_MS;
    rows.push({ repository: ref.name, tag, id, createdAt, sizeBytes: registryImageSize(ctx, key) });
  }
  return rows.sort((a, b) => b.createdAt - a.createdAt || compare(a.repository, b.repository) ||
    compare(a.tag, b.tag));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
