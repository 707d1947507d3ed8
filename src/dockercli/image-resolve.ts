/**
 * What the docker client does to a service's image before sending the spec: it adds `:latest`
 * to a bare name (always, even with `--no-resolve-image`), then, unless `--no-resolve-image`,
 * asks the registry for the image's digest and pins it: `alpine` becomes
 * `alpine:latest@sha256:...`. When the registry cannot tell, the spec keeps the name and docker
 * warns on stderr that nodes may run different versions.
 *
 * swarmsim's registry is deterministic and has no content: it holds the catalogued images and
 * those a scenario declares (src/agent/image-catalogue.ts), and the digest it answers is the
 * sha256 of the fully qualified reference (`docker.io/library/alpine:latest`), NOT the real
 * image's digest. Its platforms are those of image-platforms.ts (a snapshot of Docker Hub), which
 * the client copies into the spec's placement. A reference to a held image that already has a
 * digest is kept as typed (its platforms are still filled in). A name the registry does not
 * hold (`ping`, a typo in the course) is kept and warned about; its tasks are then rejected on
 * the nodes. An image ID (`sha256:<64 hex>`) is not a registry name either: kept and warned
 * about, as a real engine does (docker parses it as repository `sha256`, which no registry
 * serves; test/fixtures/real-docker-multinode/image-resolve).
 */
import { isDomainLike, isValidImageReference } from '../api/image-reference.js';
import { isInRegistry } from '../agent/image-catalogue.js';
import { parseImageRef } from '../agent/image.js';
import { declaredName, manifestPlatforms, type DeclaredImage } from '../agent/image-platforms.js';
import type { Platform } from '../model/types.js';
import { hexId } from './engine-ids.js';
import { parseReference } from './image-display.js';

/** An image as the client sends it, and the warning it printed when it could not pin it. */
export interface ResolvedImage {
  image: string;
  /** docker's "could not be accessed on a registry" text (ends with a newline), or null. */
  warning: string | null;
  /**
   * The platforms the registry lists for it, as the client puts them in `Placement.Platforms`;
   * absent or empty when the registry was not asked or listed none (the spec's are then kept).
   */
  platforms?: Platform[];
}

/**
 * The client's imageWithTagString: the familiar form with `:latest` added to a reference that
 * has neither tag nor digest (`docker.io/library/nginx` is `nginx:latest`); unchanged if invalid.
 */
export function taggedImage(image: string): string {
  const ref = isValidImageReference(image) ? parseReference(image) : null;
  if (!ref) return image;
  const tag = ref.tag !== '' ? `:${ref.tag}` : ref.digest !== '' ? '' : ':latest';
  return `${ref.name}${tag}${ref.digest !== '' ? `@${ref.digest}` : ''}`;
}

/**
 * The image the spec carries after the client's tagging and, when `resolve`, the registry
 * lookup (docker without `--no-resolve-image`). `declared`: images the registry holds beside
 * the catalogue (a scenario's `images:` names).
 */
export function resolveImage(
  image: string,
  resolve: boolean,
  declared: readonly DeclaredImage[] = [],
): ResolvedImage {
  const tagged = taggedImage(image);
  if (!resolve) return { image: tagged, warning: null };
  const ref = isValidImageReference(tagged) ? parseReference(tagged) : null;
  if (!ref || !isInRegistry(tagged, declared)) {
    return { image: tagged, warning: digestWarning(tagged) };
  }
  const platforms = placementPlatforms(manifestPlatforms(tagged, declared));
  const digest = declaredDigest(tagged, declared) ?? registryDigest(tagged);
  const pinned = ref.digest !== '' ? tagged : `${tagged}@${digest}`;
  return { image: pinned, warning: null, platforms };
}

/**
 * The digest a declared `name:tag@digest` gives the tag (`docker push` declares what it pushed
 * so, run.ts), or undefined; the last one wins, as a later push replaces the tag.
 */
function declaredDigest(tagged: string, declared: readonly DeclaredImage[]): string | undefined {
  const wanted = parseImageRef(tagged);
  const pins = declared
    .map((each) => parseImageRef(declaredName(each)))
    .filter((each) => each.digest !== '' && each.name === wanted.name && each.tag === wanted.tag);
  return pins.at(-1)?.digest;
}

/**
 * The docker 28 client's copy of the registry's platform entries (`os/arch[/variant]`) into
 * `Placement.Platforms`: OS and architecture only, in manifest order, duplicates and the
 * attestations' `unknown/unknown` kept (clients from 2026 drop both). The architecture `arm` is
 * cleared, because nodes report `armv7l` and would never match (swarmkit issue 2294): an image
 * with a 32-bit arm variant therefore runs on any node of its OS.
 */
export function placementPlatforms(entries: readonly string[]): Platform[] {
  return entries.map((entry) => {
    const [os = '', architecture = ''] = entry.split('/');
    return { architecture: architecture.toLowerCase() === 'arm' ? '' : architecture, os };
  });
}

/** The digest swarmsim's registry answers for a tagged reference without digest. */
export function registryDigest(tagged: string): string {
  const ref = parseReference(tagged);
  const name = ref ? qualifiedName(ref.name) : tagged;
  return `sha256:${hexId(`${name}:${ref?.tag || 'latest'}`)}`;
}

/** `alpine` is `docker.io/library/alpine`, `a/b` is `docker.io/a/b`; a registry host stays. */
function qualifiedName(familiar: string): string {
  const slash = familiar.indexOf('/');
  if (slash >= 0 && isDomainLike(familiar.slice(0, slash))) return familiar;
  return slash < 0 ? `docker.io/library/${familiar}` : `docker.io/${familiar}`;
}

/** The moby client's digestWarning, word for word (docker prints it, then an empty line). */
function digestWarning(image: string): string {
  return (
    `image ${image} could not be accessed on a registry to record\n` +
    `its digest. Each node will access ${image} independently,\n` +
    'possibly leading to different nodes running different\n' +
    'versions of the image.\n'
  );
}
