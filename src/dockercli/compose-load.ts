/**
 * Loading the compose files of `docker stack deploy -c FILE [-c FILE...]` as docker does: each
 * file is read, parsed as YAML and checked against the schema on its own, then the files are
 * merged in order (mappings key by key, anything else replaced by the later file). Keys docker
 * ignores are collected for its `Ignoring ...` notices; keys docker uses but swarmsim does not
 * model (volumes, secrets, configs...) are refused with a swarmsim message. Networks are kept
 * as written for stack-networks.ts.
 */
import { parseDocument } from 'yaml';
import {
  composeFile,
  DEPRECATED_SERVICE_KEYS,
  IGNORED_SERVICE_KEYS,
  schemaError,
  UNMODELLED_SERVICE_KEYS,
  type ComposeService,
} from './compose-schema.js';
import { parseMemoryBytes } from './units.js';

/** The services of the merged files, by name in code-unit order, and docker's notices. */
export interface ComposeProject {
  services: { name: string; service: ComposeService }[];
  /** The top-level `networks:` mapping as written (stack-networks.ts reads it); {} when none. */
  networks: Record<string, unknown>;
  /** What docker prints on stderr about keys it ignores (`Ignoring unsupported options: ...`). */
  notices: string;
}

/** A loaded project, or the error line docker (or swarmsim) prints instead. */
export type LoadedProject = { project: ComposeProject } | { error: string };

/** Keys of the top level that docker turns into objects swarmsim does not model. */
const UNMODELLED_TOP_KEYS = ['volumes', 'secrets', 'configs'];

type Mapping = Record<string, unknown>;

/** Reads, checks and merges `paths` with `readFile` (undefined = no such file). */
export function loadCompose(
  paths: readonly string[],
  readFile: (path: string) => string | undefined,
): LoadedProject {
  let merged: Mapping = {};
  for (const path of paths) {
    if (path === '-') {
      return { error: 'swarmsim: reading a compose file from standard input is not simulated' };
    }
    const text = readFile(path);
    if (text === undefined) return { error: `open ${path}: no such file or directory` };
    const parsed = parseYaml(text);
    if ('error' in parsed) return parsed;
    const version = parsed.value.version;
    if (typeof version === 'string' && !/^3(\.|$)/.test(version)) {
      return { error: `unsupported Compose file version: ${version}` };
    }
    const checked = composeFile.safeParse(parsed.value);
    if (!checked.success) return { error: schemaError(checked.error.issues) };
    const undecodable = decodingError(checked.data.services ?? {});
    if (undecodable) return { error: undecodable };
    merged = mergeMappings(withoutReplacedLogging(merged, parsed.value), parsed.value);
  }
  return projectOf(merged);
}

/** The document as plain data without `x-` extension keys, or docker-style `yaml:` error. */
function parseYaml(text: string): { value: Mapping } | { error: string } {
  // logLevel 'error': the library would print its own warning (a collection as a key) on stderr.
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, logLevel: 'error' });
  const problem = doc.errors[0];
  if (problem?.code === 'DUPLICATE_KEY') return { error: duplicateKeyError(doc, text) };
  if (problem) {
    const line = problem.linePos?.[0].line ?? 1;
    const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { error: `yaml: line ${line}: ${message}` };
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    return { error: decodeError(error as Error) };
  }
  if (!isMapping(value)) return { error: 'top-level object must be a mapping' };
  const top = withoutExtensions(value);
  if (isMapping(top.services)) {
    top.services = Object.fromEntries(
      Object.entries(top.services).map(([name, svc]) => [
        name,
        isMapping(svc) ? withoutExtensions(svc) : svc,
      ]),
    );
  }
  return { value: top };
}

/** go-yaml's words for what the yaml library refuses only while building the data. */
function decodeError(error: Error): string {
  if (/merge/i.test(error.message)) {
    return 'yaml: map merge requires map or sequence of maps as the value';
  }
  if (/alias/i.test(error.message)) return 'yaml: document contains excessive aliasing';
  const message = error.message.split('\n')[0]!;
  return `yaml: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/** go-yaml's report of a repeated key: where the repeat is and where the key first was. */
function duplicateKeyError(doc: ReturnType<typeof parseDocument>, text: string): string {
  const lines = text.split('\n');
  const repeat = doc.errors[0]!.linePos?.[0].line ?? 1;
  const keyOf = (line: string) => line.trim().replace(/:.*$/, '');
  const indentOf = (line: string) => line.search(/\S/);
  const line = lines[repeat - 1] ?? '';
  let first = repeat - 1;
  // The same key at the same indentation, higher up in the same mapping.
  for (let index = repeat - 2; index >= 0; index -= 1) {
    const other = lines[index]!;
    if (other.trim() !== '' && indentOf(other) < indentOf(line)) break;
    if (indentOf(other) === indentOf(line) && keyOf(other) === keyOf(line)) first = index + 1;
  }
  return (
    `yaml: unmarshal errors:\n  line ${repeat}: mapping key "${keyOf(line)}" already defined ` +
    `at line ${first}`
  );
}

/**
 * What docker's decoding into its Go types refuses after the schema passed: a negative replica
 * count (a uint) and a memory size go-units cannot read.
 */
function decodingError(services: Record<string, ComposeService>): string | null {
  const decoding = (detail: string) =>
    `decoding failed due to the following error(s):\n\n${detail}`;
  for (const service of Object.values(services)) {
    const replicas = service.deploy?.replicas;
    if (replicas !== undefined && replicas < 0) {
      return decoding(`cannot parse 'Deploy.Replicas', ${replicas} overflows uint`);
    }
    for (const side of ['limits', 'reservations'] as const) {
      const memory = service.deploy?.resources?.[side]?.memory;
      const parsed = memory === undefined ? null : parseMemoryBytes(memory);
      if (parsed && 'error' in parsed) {
        const field = `Deploy.Resources.${side === 'limits' ? 'Limits' : 'Reservations'}.memory`;
        return decoding(`error decoding '${field}': ${parsed.error}`);
      }
    }
  }
  return null;
}

function withoutExtensions(mapping: Mapping): Mapping {
  return Object.fromEntries(Object.entries(mapping).filter(([key]) => !key.startsWith('x-')));
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `earlier` without the `logging` of services that `later` gives another driver: docker's
 * mergeLoggingConfig replaces the whole block then, options included (with the same driver, or
 * either without one, the options merge key by key as mappings do).
 */
function withoutReplacedLogging(earlier: Mapping, later: Mapping): Mapping {
  if (!isMapping(earlier.services)) return earlier;
  const after = isMapping(later.services) ? later.services : {};
  const driver = (service: unknown): unknown =>
    isMapping(service) && isMapping(service.logging) ? service.logging.driver || '' : '';
  const services = Object.entries(earlier.services).map(([name, service]): [string, unknown] => {
    const [old, next] = [driver(service), driver(after[name])];
    if (old === '' || next === '' || old === next || !isMapping(service)) return [name, service];
    return [name, Object.fromEntries(Object.entries(service).filter(([key]) => key !== 'logging'))];
  });
  return { ...earlier, services: Object.fromEntries(services) };
}

/** `later` over `earlier`: mappings merge key by key, lists and scalars are replaced. */
function mergeMappings(earlier: Mapping, later: Mapping): Mapping {
  // Entries, not assignments: `result['__proto__'] = ...` would set the prototype instead.
  const result = new Map(Object.entries(earlier));
  for (const [key, value] of Object.entries(later)) {
    const before = result.get(key);
    result.set(key, isMapping(before) && isMapping(value) ? mergeMappings(before, value) : value);
  }
  return Object.fromEntries(result);
}

function projectOf(merged: Mapping): LoadedProject {
  const top = UNMODELLED_TOP_KEYS.find((key) => present(merged[key]));
  if (top) return { error: notModelled(top) };
  const services = isMapping(merged.services) ? merged.services : {};
  const names = Object.keys(services).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ignored = new Set<string>();
  const deprecated = new Set<string>();
  const list: ComposeProject['services'] = [];
  for (const name of names) {
    const service = (services[name] ?? {}) as ComposeService & Mapping;
    const unmodelled = UNMODELLED_SERVICE_KEYS.find((key) => present(service[key]));
    if (unmodelled) return { error: notModelled(`services.${name}.${unmodelled}`) };
    const resourceKey = unmodelledResource(service);
    if (resourceKey) return { error: notModelled(`services.${name}.${resourceKey}`) };
    for (const key of IGNORED_SERVICE_KEYS) if (key in service) ignored.add(key);
    for (const key of Object.keys(DEPRECATED_SERVICE_KEYS)) if (key in service) deprecated.add(key);
    list.push({ name, service });
  }
  const networks = isMapping(merged.networks) ? merged.networks : {};
  return { project: { services: list, networks, notices: noticeText(ignored, deprecated) } };
}

/** `deploy.resources.*.{pids, generic_resources, devices}`: docker uses them, swarmsim not. */
function unmodelledResource(service: ComposeService): string | null {
  const resources = service.deploy?.resources;
  for (const side of ['limits', 'reservations'] as const) {
    const amounts = resources?.[side] as Mapping | undefined;
    const key = ['pids', 'generic_resources', 'devices'].find((k) => present(amounts?.[k]));
    if (key) return `deploy.resources.${side}.${key}`;
  }
  return null;
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isMapping(value) || Object.keys(value).length > 0;
}

function notModelled(path: string): string {
  return (
    `swarmsim: docker stack deploy: ${path} is not simulated (swarmsim models no volumes, ` +
    'secrets, configs or health checks); remove it from the compose file'
  );
}

/** docker's two notices, each followed by a blank line. */
function noticeText(ignored: ReadonlySet<string>, deprecated: ReadonlySet<string>): string {
  let text = '';
  if (ignored.size > 0) text += `Ignoring unsupported options: ${[...ignored].join(', ')}\n\n`;
  if (deprecated.size > 0) {
    const lines = [...deprecated].map((key) => `${key}: ${DEPRECATED_SERVICE_KEYS[key]}`);
    text += `Ignoring deprecated options:\n\n${lines.map((line) => `${line}\n\n`).join('')}`;
  }
  return text;
}
