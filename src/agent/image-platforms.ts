/**
 * What swarmsim's registry answers about an image's platforms, as `os/arch[/variant]` entries in
 * manifest order: a multi-platform image lists one entry per platform image of its index, a
 * single-platform image the platform of its config. The client turns them into the service's
 * `Placement.Platforms` (image-resolve.ts), which the scheduler's PlatformFilter checks.
 *
 * The lists are a SNAPSHOT of Docker Hub as of 2025 (each image at its default tag), not live
 * data. Official images carry an attestation manifest (`unknown/unknown`) after each platform
 * image, and docker 28 clients copy those entries too. `juaneme8/swarm-hostname` and
 * `dockersamples/visualizer` were pushed from amd64 machines as single-platform images.
 */
import { imageName } from './image.js';

/**
 * An image a scenario adds to the registry: its name as users type it (`myorg/app`), with the
 * platforms its manifest lists when the scenario says (`linux/arm64`, `linux/arm/v7`...).
 */
export type DeclaredImage = string | { name: string; platforms: readonly string[] };

/** The name of a declared image. */
export function declaredName(image: DeclaredImage): string {
  return typeof image === 'string' ? image : image.name;
}

/**
 * Platforms of a declared image that lists none: the usual two-platform build
 * (`docker buildx build --platform linux/amd64,linux/arm64`), without attestations.
 */
export const DECLARED_IMAGE_PLATFORMS: readonly string[] = ['linux/amd64', 'linux/arm64'];

/** The platform of an official index's attestation manifests. */
const ATTESTATION = 'unknown/unknown';

/** An official image's index: each platform image followed by its attestation manifest. */
function official(...platforms: string[]): string[] {
  return platforms.flatMap((platform) => [platform, ATTESTATION]);
}

/** The Debian trixie set most Debian-based official images are built for. */
const TRIXIE = [
  'linux/amd64', 'linux/arm/v5', 'linux/arm/v7', 'linux/arm64/v8', 'linux/386', 'linux/ppc64le',
  'linux/riscv64', 'linux/s390x',
];
/** The Debian bookworm set, for images not yet rebuilt on trixie. */
const BOOKWORM = [
  'linux/amd64', 'linux/arm/v5', 'linux/arm/v7', 'linux/arm64/v8', 'linux/386',
  'linux/mips64le', 'linux/ppc64le', 'linux/s390x',
];

/** Manifest entries of the catalogued repositories (image-catalogue.ts), by the same names. */
const MANIFESTS: Readonly<Record<string, readonly string[]>> = {
  alpine: official(
    'linux/amd64', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64/v8', 'linux/386',
    'linux/ppc64le', 'linux/riscv64', 'linux/s390x',
  ),
  busybox: official(
    'linux/amd64', 'linux/arm/v5', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64/v8',
    'linux/386', 'linux/mips64le', 'linux/ppc64le', 'linux/riscv64', 'linux/s390x',
  ),
  ubuntu: official(
    'linux/amd64', 'linux/arm/v7', 'linux/arm64/v8', 'linux/ppc64le', 'linux/riscv64',
    'linux/s390x',
  ),
  debian: official(...TRIXIE),
  // Its Windows images (nanoserver) come without attestations.
  'hello-world': [
    ...official(...BOOKWORM, 'linux/riscv64'),
    'windows/amd64',
    'windows/amd64',
  ],
  nginx: official(...TRIXIE),
  httpd: official(...TRIXIE),
  redis: official(...BOOKWORM),
  node: official('linux/amd64', 'linux/arm/v7', 'linux/arm64/v8', 'linux/ppc64le', 'linux/s390x'),
  python: official(...TRIXIE),
  postgres: official(...TRIXIE),
  mysql: official('linux/amd64', 'linux/arm64/v8'),
  mongo: [...official('linux/amd64', 'linux/arm64/v8'), 'windows/amd64'],
  traefik: official(
    'linux/amd64', 'linux/arm/v6', 'linux/arm64/v8', 'linux/ppc64le', 'linux/riscv64',
    'linux/s390x',
  ),
  'traefik/whoami': [
    'linux/amd64', 'linux/386', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64', 'linux/ppc64le',
    'linux/s390x',
  ],
  registry: official(
    'linux/amd64', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64/v8', 'linux/ppc64le',
    'linux/riscv64', 'linux/s390x',
  ),
  'juaneme8/swarm-hostname': ['linux/amd64'],
  'dockersamples/visualizer': ['linux/amd64'],
};

/**
 * The registry's platform entries for `image` (any tag or digest of a repository it holds): the
 * platforms a scenario declares for it, else the catalogue's, else, for an image a scenario
 * declares without platforms, DECLARED_IMAGE_PLATFORMS; [] when the registry does not hold it.
 */
export function manifestPlatforms(
  image: string,
  declared: readonly DeclaredImage[] = [],
): readonly string[] {
  const name = imageName(image);
  const mine = declared.find((each) => imageName(declaredName(each)) === name);
  if (mine !== undefined && typeof mine !== 'string') return mine.platforms;
  if (Object.hasOwn(MANIFESTS, name)) return MANIFESTS[name]!;
  return mine !== undefined ? DECLARED_IMAGE_PLATFORMS : [];
}
