/**
 * How docker shows an image reference in tables: a tagged reference loses its digest and the
 * implied `docker.io/library/` (`docker.io/library/nginx:1.25@sha256:...` is `nginx:1.25`),
 * anything else is shown as written (distribution/reference's familiar form).
 */

/** An image reference in docker's familiar form, split. */
export interface Reference {
  /** Repository in familiar form (`nginx`, `ghcr.io/a/b`). */
  name: string;
  tag: string;
  digest: string;
}

/** One path component of a repository name: lower-case words joined by `.`, `_`, `__` or `-`. */
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
/** An optional registry host (with port) and the components. */
const NAME = new RegExp(
  String.raw`^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*$`,
);
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses a reference as docker normalises it; null when docker would not accept it. */
export function parseReference(image: string): Reference | null {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const tag = hasTag ? rest.slice(colon + 1) : '';
  let name = hasTag ? rest.slice(0, colon) : rest;
  if (!NAME.test(name) || (hasTag && !TAG.test(tag)) || /^[a-f0-9]{64}$/.test(name)) return null;
  if (name.startsWith('index.docker.io/'))
    name = `docker.io/${name.slice('index.docker.io/'.length)}`;
  if (name.startsWith('docker.io/')) name = name.slice('docker.io/'.length);
  if (name.startsWith('library/') && name.split('/').length === 2)
    name = name.slice('library/'.length);
  return { name, tag, digest };
}

/** The image as `service ls` and `service ps` show it: digest dropped when there is a tag. */
export function displayImage(image: string): string {
  const ref = parseReference(image);
  if (!ref || ref.tag === '') return image;
  return `${ref.name}:${ref.tag}`;
}

/** The image as `docker ps` shows it: familiar name, tag kept, digest dropped. */
export function containerImage(image: string): string {
  if (/^sha256:[a-f0-9]{64}$/.test(image))
    return image.slice('sha256:'.length, 'sha256:'.length + 12);
  const ref = parseReference(image);
  if (!ref) return image;
  return ref.tag === '' ? ref.name : `${ref.name}:${ref.tag}`;
}

/** docker's stringid.TruncateID: drop an `algo:` prefix, keep 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  return (colon >= 0 ? id.slice(colon + 1) : id).slice(0, 12);
}
