/**
 * `--mount` (create), `--mount-add` and `--mount-rm` (update): docker's CSV mount syntax
 * (`opts/mount.go`) with its client-side checks, dockerd's conversion of the mount to swarmkit's
 * form (`daemon/cluster/convert/container.go`), and docker's updateMounts.
 */
import type { Mount, MountType } from '../model/types.js';
import type { FlagDef } from './flags.js';
import { readGoCsvRecord } from './go-csv.js';
import { parseGoBool, type Parsed } from './go-strconv.js';
import { parseMemoryBytes } from './units.js';

/**
 * The simulated client's working directory: docker makes a `src=./x` bind source absolute
 * against it before sending the spec.
 */
export const CLIENT_WORKDIR = '/root';


/** What docker's client collects from one `--mount` value before checking it. */
interface Draft {
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
  bind?: { propagation: string; nonRecursive: boolean; roNonRecursive: boolean; roForce: boolean };
  volume?: {
    noCopy: boolean;
    labels: Record<string, string>;
    driver: string;
    options?: Record<string, string>;
    subpath: string;
  };
  image?: true;
  tmpfs?: { sizeBytes: number; mode: number };
}

/** A `--mount`/`--mount-add` flag: each value parsed into a Mount. */
export function mountFlag(name: string): FlagDef {
  return { name, parse: parseMount };
}

/** Parses one `--mount` value as the docker 28 client does (its errors are the client's). */
export function parseMount(value: string): Parsed<Mount> {
  const record = readGoCsvRecord(value);
  if ('error' in record) return record;
  const draft: Draft = { type: 'volume', source: '', target: '', readOnly: false };
  for (const field of record.value) {
    const error = applyField(draft, field);
    if (error !== null) return { error };
  }
  const error = draftError(draft);
  return error !== null ? { error } : { value: mountOf(draft) };
}

const bindOf = (d: Draft) =>
  (d.bind ??= { propagation: '', nonRecursive: false, roNonRecursive: false, roForce: false });
const volumeOf = (d: Draft) =>
  (d.volume ??= { noCopy: false, labels: {}, driver: '', subpath: '' });
const tmpfsOf = (d: Draft) => (d.tmpfs ??= { sizeBytes: 0, mode: 0 });

/** The record with its keys in byte order, so equal maps serialise alike. */
function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareBytes(a, b)));
}

/** Go's string order: bytewise on UTF-8. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** `key=value` into a map; an empty key is skipped, a repeated one replaced. */
function setEntry(target: Record<string, string>, text: string): void {
  const equals = text.indexOf('=');
  const key = equals < 0 ? text : text.slice(0, equals);
  if (key !== '') target[key] = equals < 0 ? '' : text.slice(equals + 1);
}

/** Applies one CSV field; the error text when docker refuses it. */
function applyField(draft: Draft, field: string): string | null {
  const equals = field.indexOf('=');
  // docker lower-cases keys (not values) before looking at them.
  const key = (equals < 0 ? field : field.slice(0, equals)).toLowerCase();
  if (equals < 0) {
    if (key === 'readonly' || key === 'ro') draft.readOnly = true;
    else if (key === 'volume-nocopy') volumeOf(draft).noCopy = true;
    else if (key === 'bind-nonrecursive') bindOf(draft).nonRecursive = true;
    else return `invalid field '${field}' must be a key=value pair`;
    return null;
  }
  const value = field.slice(equals + 1);
  const bool = (set: (flag: boolean) => void, label = key) => {
    const parsed = parseGoBool(value);
    if ('error' in parsed) return `invalid value for ${label}: ${value}`;
    set(parsed.value);
    return null;
  };
  switch (key) {
    case 'type':
      draft.type = value.toLowerCase();
      return null;
    case 'source':
    case 'src':
      draft.source = value.startsWith('.') ? absolute(value) : value;
      return null;
    case 'target':
    case 'dst':
    case 'destination':
      draft.target = value;
      return null;
    case 'readonly':
    case 'ro':
      return bool((flag) => (draft.readOnly = flag));
    case 'consistency':
      // Accepted and sent, but dockerd does not pass it on to swarmkit: it never shows.
      return null;
    case 'bind-propagation':
      bindOf(draft).propagation = value.toLowerCase();
      return null;
    case 'bind-nonrecursive':
      return bool((flag) => (bindOf(draft).nonRecursive = flag));
    case 'bind-recursive':
      return bindRecursive(draft, value);
    case 'volume-subpath':
      volumeOf(draft).subpath = value;
      return null;
    case 'volume-nocopy':
      return bool((flag) => (volumeOf(draft).noCopy = flag), 'volume-nocopy');
    case 'volume-label':
      setEntry(volumeOf(draft).labels, value);
      return null;
    case 'volume-driver':
      volumeOf(draft).driver = value;
      return null;
    case 'volume-opt':
      setEntry((volumeOf(draft).options ??= {}), value);
      return null;
    case 'image-subpath':
      draft.image = true;
      return null;
    case 'tmpfs-size':
      return tmpfsSize(draft, key, value);
    case 'tmpfs-mode':
      return tmpfsMode(draft, key, value);
    default:
      return `unexpected key '${key}' in '${field}'`;
  }
}

function bindRecursive(draft: Draft, value: string): string | null {
  if (value === 'disabled') bindOf(draft).nonRecursive = true;
  else if (value === 'writable') bindOf(draft).roNonRecursive = true;
  else if (value === 'readonly') bindOf(draft).roForce = true;
  else if (value === 'enabled') bindOf(draft);
  else {
    const choices = '(must be "enabled", "disabled", "writable", or "readonly")';
    return `invalid value for bind-recursive: ${value} ${choices}`;
  }
  return null;
}

function tmpfsSize(draft: Draft, key: string, value: string): string | null {
  const size = parseMemoryBytes(value);
  if ('error' in size) return `invalid value for ${key}: ${value}`;
  tmpfsOf(draft).sizeBytes = size.value;
  return null;
}

/** An octal file mode that fits 32 bits (Go's ParseUint(value, 8, 32)). */
function tmpfsMode(draft: Draft, key: string, value: string): string | null {
  if (!/^[0-7]+$/.test(value) || Number.parseInt(value, 8) > 0xffff_ffff) {
    return `invalid value for ${key}: ${value}`;
  }
  tmpfsOf(draft).mode = Number.parseInt(value, 8);
  return null;
}

/** Go's filepath.Abs against the client's working directory. */
function absolute(path: string): string {
  const parts: string[] = [];
  for (const part of `${CLIENT_WORKDIR}/${path}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** docker's checks once every field is read, in its order. */
function draftError(draft: Draft): string | null {
  if (draft.type === '') return 'type is required';
  if (draft.target === '') return 'target is required';
  const mix = (family: string) =>
    `cannot mix '${family}-*' options with mount type '${draft.type}'`;
  if (draft.volume && draft.type !== 'volume') return mix('volume');
  if (draft.image && draft.type !== 'image') return mix('image');
  if (draft.bind && draft.type !== 'bind') return mix('bind');
  if (draft.tmpfs && draft.type !== 'tmpfs') return mix('tmpfs');
  const bind = draft.bind;
  if (bind?.roNonRecursive && !draft.readOnly) {
    return "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction";
  }
  if (bind?.roForce) {
    if (!draft.readOnly) {
      return "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction";
    }
    if (bind.propagation !== 'rprivate') {
      return (
        "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be " +
        'specified in conjunction'
      );
    }
  }
  return null;
}

/**
 * The mount as swarmkit stores it once dockerd converted it: bind options only when a propagation
 * or non-recursive was given (the propagation then defaults to rprivate), and nothing of the
 * recursive-read-only switches or the consistency, which dockerd does not pass on. An unknown
 * type or propagation is kept as written for mountConversionError to refuse.
 */
function mountOf(draft: Draft): Mount {
  const mount: Mount = {
    type: draft.type as MountType,
    source: draft.source,
    target: draft.target,
    readOnly: draft.readOnly,
  };
  const bind = draft.bind;
  if (bind && (bind.propagation !== '' || bind.nonRecursive)) {
    mount.bindOptions = {
      propagation: bind.propagation || 'rprivate',
      ...(bind.nonRecursive ? { nonRecursive: true } : {}),
    };
  }
  const volume = draft.volume;
  if (volume) {
    const options = volume.options && Object.keys(volume.options).length > 0;
    mount.volumeOptions = {
      ...(volume.noCopy ? { noCopy: true } : {}),
      ...(Object.keys(volume.labels).length > 0 ? { labels: sortedRecord(volume.labels) } : {}),
      ...(volume.subpath ? { subpath: volume.subpath } : {}),
      driver: {
        name: volume.driver,
        ...(options ? { options: sortedRecord(volume.options!) } : {}),
      },
    };
  }
  if (draft.tmpfs) {
    const { sizeBytes, mode } = draft.tmpfs;
    mount.tmpfsOptions = { ...(sizeBytes ? { sizeBytes } : {}), ...(mode ? { mode } : {}) };
  }
  return mount;
}
