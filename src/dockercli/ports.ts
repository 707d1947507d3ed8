/**
 * `-p/--publish` values (docker's swarmopts.PortOpt): the long form
 * `published=8080,target=80,mode=host,protocol=udp` and the short form
 * `[published:]target[/protocol]` with optional ranges (`8080-8081:80-81`).
 */
import type { PortConfig, PortProtocol, PublishMode } from '../model/types.js';
import { parseGoUint, type Parsed } from './go-strconv.js';

/** Port numbers are 16-bit. */
const PORT_MAX = 65535n;

/** Parses one `--publish` value into the port configs it stands for. */
export function parsePublish(value: string): Parsed<PortConfig[]> {
  // docker's test is an unanchored `\w+=\w+`: anything containing `a=b` is the long form.
  return /\w=\w/.test(value) ? parseLongSyntax(value) : parseShortSyntax(value);
}

function parseLongSyntax(value: string): Parsed<PortConfig[]> {
  const fields = splitCsvRecord(value);
  if ('error' in fields) return fields;
  const port: PortConfig = {
    name: '',
    protocol: 'tcp',
    targetPort: 0,
    publishedPort: 0,
    publishMode: 'ingress',
  };
  for (const field of fields.value) {
    // docker lower-cases the whole field, values included.
    const lower = field.toLowerCase();
    const equals = lower.indexOf('=');
    if (equals <= 0) return { error: `invalid field: ${field}` };
    const key = lower.slice(0, equals);
    const text = lower.slice(equals + 1);
    const error = applyLongField(port, key, text);
    if (error) return { error };
  }
  if (port.targetPort === 0) return { error: "missing mandatory field 'target'" };
  return { value: [port] };
}

function applyLongField(port: PortConfig, key: string, text: string): string | null {
  switch (key) {
    case 'protocol':
      if (!isProtocol(text)) return `invalid protocol value '${text}'`;
      port.protocol = text;
      return null;
    case 'mode':
      if (text !== 'ingress' && text !== 'host') {
        return `invalid publish mode value (${text}): must be either 'ingress' or 'host'`;
      }
      port.publishMode = text as PublishMode;
      return null;
    case 'target':
    case 'published': {
      const parsed = parsePortNumber(text);
      const label = key === 'target' ? 'target' : 'published';
      if ('error' in parsed) {
        return `invalid ${label} port (${text}): value must be an integer: ${parsed.error}`;
      }
      if (key === 'target') port.targetPort = parsed.value;
      else port.publishedPort = parsed.value;
      return null;
    }
    default:
      return `invalid field key: ${key}`;
  }
}

/** strconv.ParseUint(text, 10, 16), reporting only the reason as docker's port errors do. */
function parsePortNumber(text: string): Parsed<number> {
  const parsed = parseGoUint(text, 10);
  if ('error' in parsed) return { error: 'invalid syntax' };
  if (parsed.value > PORT_MAX) return { error: 'value out of range' };
  return { value: Number(parsed.value) };
}

function isProtocol(text: string): text is PortProtocol {
  return text === 'tcp' || text === 'udp' || text === 'sctp';
}

/**
 * One CSV record (Go's encoding/csv): commas separate fields, double quotes may wrap a field and
 * are doubled inside it. Error texts follow encoding/csv's ParseError.
 */
function splitCsvRecord(value: string): Parsed<string[]> {
  const fields: string[] = [];
  let index = 0;
  for (;;) {
    const read = value[index] === '"' ? readQuotedField : readBareField;
    const field = read(value, index);
    if ('error' in field) return field;
    fields.push(field.value.text);
    index = field.value.next;
    if (index >= value.length) return { value: fields };
    index += 1; // the comma
  }
}

type Field = Parsed<{ text: string; next: number }>;

function readQuotedField(value: string, start: number): Field {
  let text = '';
  let index = start + 1;
  for (;;) {
    const end = value.indexOf('"', index);
    if (end < 0) return csvError(value.length + 1, 'extraneous or missing " in quoted-field');
    text += value.slice(index, end);
    index = end + 1;
    if (value[index] !== '"') break;
    text += '"';
    index += 1;
  }
  if (index < value.length && value[index] !== ',') {
    return csvError(index, 'extraneous or missing " in quoted-field');
  }
  return { value: { text, next: index } };
}

function readBareField(value: string, start: number): Field {
  const comma = value.indexOf(',', start);
  const end = comma < 0 ? value.length : comma;
  const text = value.slice(start, end);
  const quote = text.indexOf('"');
  if (quote >= 0) return csvError(start + quote + 1, 'bare " in non-quoted-field');
  return { value: { text, next: end } };
}

function csvError(column: number, reason: string): { error: string } {
  return { error: `parse error on line 1, column ${column}: ${reason}` };
}

function parseShortSyntax(value: string): Parsed<PortConfig[]> {
  const parts = value.split(':');
  const containerSpec = parts[parts.length - 1]!;
  const hostPort = parts.length >= 2 ? parts[parts.length - 2]! : '';
  const ip = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';
  const [protocolText, containerPort] = splitProtocol(containerSpec);
  if (ip !== '' && !looksLikeIp(ip)) return { error: `invalid IP address: ${ip}` };
  if (containerPort === '') return { error: `no port specified: ${value}<empty>` };
  const container = parsePortRange(containerPort);
  if (!container) return { error: `invalid containerPort: ${containerPort}` };
  const host = hostPort === '' ? null : parsePortRange(hostPort);
  if (hostPort !== '' && !host) return { error: `invalid hostPort: ${hostPort}` };
  const containerCount = container[1] - container[0];
  if (host && containerCount !== host[1] - host[0] && containerCount !== 0) {
    const ranges = `${containerPort} and ${hostPort}`;
    return { error: `invalid ranges specified for container and host Ports: ${ranges}` };
  }
  const protocol = protocolText.toLowerCase();
  if (!isProtocol(protocol)) return { error: `invalid proto: ${protocol}` };
  if (ip !== '') return { error: 'hostip is not supported' };
  return { value: expandShortSyntax(container, host, protocol) };
}

function expandShortSyntax(
  container: [number, number],
  host: [number, number] | null,
  protocol: PortProtocol,
): PortConfig[] {
  const make = (targetPort: number, publishedPort: number): PortConfig => ({
    name: '',
    protocol,
    targetPort,
    publishedPort,
    publishMode: 'ingress',
  });
  // One container port with a host range publishes each host port of the range.
  if (container[0] === container[1] && host && host[0] !== host[1]) {
    const ports: PortConfig[] = [];
    for (let port = host[0]; port <= host[1]; port += 1) ports.push(make(container[0], port));
    return ports;
  }
  const ports: PortConfig[] = [];
  for (let offset = 0; offset <= container[1] - container[0]; offset += 1) {
    ports.push(make(container[0] + offset, host ? host[0] + offset : 0));
  }
  return ports;
}

/** `tcp` when no protocol is written (docker's SplitProtoPort). */
function splitProtocol(spec: string): [string, string] {
  const parts = spec.split('/');
  if (spec === '' || parts[0] === '') return ['', ''];
  if (parts.length === 1 || parts[1] === '') return ['tcp', parts[0]!];
  return [parts[1]!, parts[0]!];
}

/** `80` or `80-90` as [start, end]; null when malformed. */
function parsePortRange(text: string): [number, number] | null {
  const [startText = '', endText] = text.split('-');
  const start = parsePortNumber(startText);
  if ('error' in start) return null;
  if (endText === undefined) return [start.value, start.value];
  const end = parsePortNumber(endText);
  if ('error' in end || end.value < start.value) return null;
  return [start.value, end.value];
}

/** Whether Go's net.ParseIP would read `text` (IPv4, or IPv6 in its usual written forms). */
function looksLikeIp(written: string): boolean {
  const text = written.startsWith('[') && written.endsWith(']') ? written.slice(1, -1) : written;
  if (isIpv4(text)) return true;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  const last = all[all.length - 1];
  // An IPv4 tail stands for two groups.
  const width = all.length + (last !== undefined && isIpv4(last) ? 1 : 0);
  const hexOk = all.every((group, index) =>
    index === all.length - 1 && isIpv4(group) ? true : /^[0-9a-fA-F]{1,4}$/.test(group),
  );
  return hexOk && (halves.length === 2 ? width < 8 : width === 8);
}

function isIpv4(text: string): boolean {
  const dotted = /^\d{1,3}(\.\d{1,3}){3}$/.test(text);
  return dotted && text.split('.').every((part) => Number(part) <= 255);
}
