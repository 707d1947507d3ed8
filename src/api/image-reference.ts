/**
 * The image reference grammar swarmkit checks with `reference.ParseNormalizedNamed`
 * (github.com/distribution/reference): `[domain[:port]/]path[:tag][@digest]`, lower-case path,
 * and never a bare 64-hex image ID.
 */

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const PATH = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_PATTERN = new RegExp(`^${DOMAIN}$`);
const REMAINDER = new RegExp(`^${PATH}(?::${TAG})?(?:@${DIGEST})?$`);
const ANCHORED_HEX_ID = /^[a-f0-9]{64}$/;
/** Longest repository name distribution accepts. */
const NAME_LENGTH_MAX = 255;

/** Whether docker would accept `image` as a service image reference. */
export function isValidImageReference(image: string): boolean {
  if (ANCHORED_HEX_ID.test(image)) return false;
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  // Like distribution's splitDockerDomain: the first component is a registry only when it
  // looks like one (a dot, a port, localhost, or upper case, which a path may not contain).
  const hasDomain = slash >= 0 && isDomainLike(first);
  if (hasDomain && !DOMAIN_PATTERN.test(first)) return false;
  const remainder = hasDomain ? image.slice(slash + 1) : image;
  if (!REMAINDER.test(remainder)) return false;
  const name = image.replace(/@.*$/, '').replace(/:[\w][\w.-]*$/, '');
  return name.length <= NAME_LENGTH_MAX;
}

/** Whether a reference's first path component names a registry host (splitDockerDomain). */
export function isDomainLike(component: string): boolean {
  return (
    component.includes('.') ||
    component.includes(':') ||
    component === 'localhost' ||
    component.toLowerCase() !== component
  );
}
