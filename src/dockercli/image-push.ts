/**
 * `docker push NAME[:TAG]`: copies an image the engine built to swarmsim's registry (an
 * `image/pushed` event), after which services pin its digest and every node can pull it. The
 * output is docker's without a terminal (test/fixtures/real-docker/build-push; the recording had
 * no registry, so the success lines follow docker's usual ones): the repository line, one
 * `Preparing` per layer, then `Pushed` or `Layer already exists`, then the digest and manifest
 * size. The registry asks for no login. An image the engine did not build is refused as absent.
 */
import { pushedImage } from '../agent/image-config.js';
import { parseImageRef } from '../agent/image.js';
import { isDomainLike, isValidImageReference } from '../api/image-reference.js';
import type { SimContext } from '../engine/simulation.js';
import type { LocalImage } from '../model/types.js';
import type { CommandOutput, DockerCommand } from './command.js';
import { hexId } from './engine-ids.js';
import { boolFlag, unsupportedFlag } from './flag-kinds.js';
import { builtImages, layerDigest, sessionHost, shortId } from './image-store.js';

/** Virtual time to upload one new layer, ms. */
const LAYER_PUSH_MS = 1000;

/** `docker push` (and `docker image push`) */
export const imagePush: DockerCommand = {
  path: ['push'],
  use: 'push [OPTIONS] NAME[:TAG]',
  short: 'Upload an image to a registry',
  flags: [
    boolFlag('quiet', 'q'),
    boolFlag('disable-content-trust'),
    unsupportedFlag('all-tags', { bool: true, short: 'a' }),
    unsupportedFlag('platform'),
  ],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const typed = parsed.args[0]!;
    if (!isValidImageReference(typed)) {
      return { stdout: '', stderr: 'invalid reference format\n', exitCode: 1 };
    }
    const ref = parseImageRef(typed);
    const named = typed.split('@')[0]!;
    const hasTag = named.slice(named.lastIndexOf('/') + 1).includes(':');
    let stdout = hasTag ? '' : 'Using default tag: latest\n';
    stdout += `The push refers to repository [${qualified(ref.name)}]\n`;
    const host = sessionHost(ctx, session);
    const key = `${ref.name}:${ref.tag}`;
    const image = builtImages(ctx, host).find((each) => each.tags.includes(key));
    if (!image) {
      const stderr = `An image does not exist locally with the tag: ${ref.name}\n`;
      return { stdout, stderr, exitCode: 1 };
    }
    return push(ctx, session, { host, key, tag: ref.tag, image, stdout });
  },
};

/** `docker image push` */
export const imagePushInGroup: DockerCommand = { ...imagePush, path: ['image', 'push'] };

interface PushRequest {
  host: string;
  key: string;
  tag: string;
  image: LocalImage;
  stdout: string;
}

function push(
  start: SimContext,
  session: Parameters<DockerCommand['run']>[2],
  request: PushRequest,
): CommandOutput {
  const { image } = request;
  const own = new Set(image.steps.map(layerDigest));
  const stored = new Set(Object.values(start.state.images?.registry ?? {}).flatMap((each) =>
    each.layers));
  // docker lists the top layer first.
  const layers = [...image.layers].reverse();
  const lines = layers.map((layer) => `${shortId(layer)}: Preparing`);
  let uploads = 0;
  for (const layer of layers) {
    const exists = stored.has(layer) || !own.has(layer);
    if (!exists) uploads += 1;
    lines.push(`${shortId(layer)}: ${exists ? 'Layer already exists' : 'Pushed'}`);
  }
  const manifest = manifestText(image);
  const digest = `sha256:${hexId(manifest)}`;
  lines.push(`${request.tag}: digest: ${digest} size: ${manifest.length}`);
  const ctx = session.follow?.advanceTo(start.now + LAYER_PUSH_MS * Math.max(1, uploads)) ?? start;
  const previous = pushedImage(ctx.state, request.key);
  if (previous?.digest !== digest || previous.imageId !== image.id) {
    ctx.emit({
      type: 'image/pushed',
      host: request.host,
      ref: request.key,
      image: {
        imageId: image.id, digest, config: image.config, layers: image.layers,
        sizeBytes: image.sizeBytes, createdAt: image.createdAt, pushedAt: ctx.now,
        platform: image.platform,
      },
    });
  }
  return { stdout: request.stdout + lines.map((line) => `${line}\n`).join(''), stderr: '',
    exitCode: 0 };
}

/** `docker.io/library/nginx`, `docker.io/a/b`; a registry host stays as it is. */
function qualified(name: string): string {
  const slash = name.indexOf('/');
  if (slash >= 0 && isDomainLike(name.slice(0, slash))) return name;
  return slash < 0 ? `docker.io/library/${name}` : `docker.io/${name}`;
}

/**
 * The image manifest (schema 2) the registry stores: its digest is what `docker push` prints
 * and services pin, its length the `size:` of the last line. Layer sizes are stand-ins.
 */
function manifestText(image: LocalImage): string {
  const layer = (digest: string) => ({
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    size: 32 + (parseInt(digest.slice(7, 13), 16) % 100_000),
    digest,
  });
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 1500 + image.steps.length * 200,
      digest: image.id,
    },
    layers: image.layers.map(layer),
  }, null, 3);
}
