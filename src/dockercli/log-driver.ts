/**
 * A service's log driver (`--log-driver NAME --log-opt K=V`, compose `logging:`): how the client
 * builds it, how the Engine API and the pretty page show it, and whether `docker service logs`
 * can read what the tasks wrote.
 *
 * The client sends a driver only when `--log-driver` names one: `--log-opt` alone is dropped, on
 * create and on update alike, and an update with `--log-driver` replaces the options whole
 * (docker's toLogDriver and updateLogDriver, `cli/command/service/opts.go` and `update.go`).
 */
import type { LogDriver, TaskSpec } from '../model/types.js';
import { lastValue, type ParsedFlags } from './flags.js';
import { labelsOf, listOf } from './spec-parts.js';
import { GoMap, GoNil, GoStruct, type GoField } from './template/values.js';

/** The driver `--log-driver`/`--log-opt` ask for, or undefined when no driver is named. */
export function logDriverFromFlags(parsed: ParsedFlags): LogDriver | undefined {
  const name = lastValue<string>(parsed, 'log-driver') ?? '';
  if (name === '') return undefined;
  return { name, options: labelsOf(listOf(parsed, 'log-opt')) };
}

/**
 * Compose `logging: {driver, options}`: sent as written, even without a driver (the scheduler
 * then does not check any plugin). Option values may be YAML numbers (docker prints them with
 * Go's %v) or null (an empty string).
 */
export function logDriverFromCompose(logging: {
  driver?: string | undefined;
  options?: Record<string, string | number | null> | undefined;
}): LogDriver {
  const options = Object.entries(logging.options ?? {}).map(
    ([key, value]) => `${key}=${value === null ? '' : String(value)}`,
  );
  return { name: logging.driver ?? '', options: labelsOf(options) };
}

/** The `LogDriver` field of a `swarm.TaskSpec` (`*swarm.Driver`, left out when nil). */
export function logDriverField(logDriver: LogDriver | undefined): GoField {
  const value = logDriver
    ? new GoStruct('*swarm.Driver', [
        { name: 'Name', value: logDriver.name, omitEmpty: true },
        { name: 'Options', value: GoMap.of(logDriver.options), omitEmpty: true },
      ])
    : new GoNil('*swarm.Driver');
  return { name: 'LogDriver', value, omitEmpty: true };
}

/**
 * The pretty page's `Log Driver:` block. docker's template ends it with a newline of its own, so
 * a blank line follows it; options are listed by key with the value after a colon and 7 spaces.
 */
export function logDriverPrettyLines(logDriver: LogDriver | undefined): string[] {
  if (!logDriver) return [];
  const lines = ['Log Driver:'];
  if (logDriver.name !== '') lines.push(` Name:\t\t${logDriver.name}`);
  const keys = Object.keys(logDriver.options).sort();
  if (keys.length > 0) {
    lines.push(' LogOpts:');
    for (const key of keys) {
      const value = logDriver.options[key];
      lines.push(`  ${key}${value ? `:       ${value}` : ''}`);
    }
  }
  lines.push('');
  return lines;
}

/** Drivers the engine reads back itself. */
const READABLE_DRIVERS = ['json-file', 'local', 'journald'];

/**
 * Whether the engine can read a task's logs back. Since Engine 20.10 a driver that cannot read
 * (syslog, gelf, a plugin...) is doubled by a local cache that can, unless `cache-disabled` is
 * true in its options; `none` keeps nothing. Unreadable tasks simply add no lines to
 * `docker service logs`: the node's agent logs the engine's error (`configured logging driver
 * does not support reading`) and closes the stream without passing it on (swarmkit
 * `agent/task.go` Logs).
 */
export function logsReadable(spec: TaskSpec): boolean {
  const driver = spec.logDriver;
  if (!driver || driver.name === '' || READABLE_DRIVERS.includes(driver.name)) return true;
  if (driver.name === 'none') return false;
  return !goParseBoolTrue(driver.options['cache-disabled'] ?? '');
}

/**
 * True for the strings Go's strconv.ParseBool reads as true. An unparsable value is refused by
 * the engine's option check when the container is made, so it never reaches reading.
 */
function goParseBoolTrue(text: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text);
}
