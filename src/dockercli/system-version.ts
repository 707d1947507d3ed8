/**
 * `docker version`: the docker 28.2.2 client talking to the engine of the session's machine (in
 * the swarm or not), whose version is the node's engine version. Build details of the server
 * (Go version, commit, build date, containerd and runc) are fixed plausible values, not taken
 * from anywhere real. `--format` sees `.Client` and `.Server` with their `Version` and
 * `ApiVersion`.
 */
import { type DockerCommand, sessionEngine } from './command.js';
import { stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { INSPECT_FORMAT_HELP } from './help-texts.js';
import { tabwrite } from './tabwriter.js';
import {
  compileTemplate,
  runTemplate,
  TemplateError,
  templateErrorText,
} from './template/index.js';
import { GoStruct } from './template/values.js';

const CLIENT_VERSION = '28.2.2';

/** What `docker --version` prints: the client's version and commit, no daemon asked. */
export const CLIENT_VERSION_LINE = `Docker version ${CLIENT_VERSION}, build e6534b4\n`;
const API_VERSION = '1.50';

/** `docker version` */
export const systemVersion: DockerCommand = {
  path: ['version'],
  use: 'version [OPTIONS]',
  short: 'Show the Docker version information',
  help: { options: INSPECT_FORMAT_HELP },
  flags: [stringFlag('format', 'f')],
  args: { none: true },
  run(ctx, parsed, session) {
    // The engine answers outside swarm mode too: a laptop before `swarm init`, a machine that left.
    const found = sessionEngine(ctx, session);
    if ('exitCode' in found) return found;
    const engine = found.node.description.engineVersion;
    const format = lastValue<string>(parsed, 'format') ?? '';
    if (format === '') return { stdout: versionText(engine), stderr: '', exitCode: 0 };
    try {
      const template = compileTemplate(format === 'json' ? '{{json .}}' : format);
      return {
        stdout: `${runTemplate(template, versionObject(engine))}\n`,
        stderr: '',
        exitCode: 0,
      };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      if (error.partial === undefined) {
        return { stdout: '', stderr: `${templateErrorText(error)}\n`, exitCode: 64 };
      }
      return { stdout: `${error.partial}\n`, stderr: `${error.message}\n`, exitCode: 1 };
    }
  },
};

function versionObject(engine: string): GoStruct {
  return new GoStruct('main.versionInfo', [
    {
      name: 'Client',
      value: new GoStruct('main.clientVersion', [
        { name: 'Version', value: CLIENT_VERSION, omitEmpty: true },
        { name: 'ApiVersion', value: API_VERSION, omitEmpty: true },
        { name: 'DefaultAPIVersion', value: API_VERSION, omitEmpty: true },
        { name: 'GitCommit', value: 'e6534b4', omitEmpty: true },
        { name: 'GoVersion', value: 'go1.24.3', omitEmpty: true },
        { name: 'Os', value: 'linux', omitEmpty: true },
        { name: 'Arch', value: 'amd64', omitEmpty: true },
        { name: 'BuildTime', value: 'Fri May 30 12:07:14 2025', omitEmpty: true },
        { name: 'Context', value: 'default' },
      ]),
    },
    {
      name: 'Server',
      value: new GoStruct('*types.Version', [
        { name: 'Version', value: engine },
        { name: 'ApiVersion', value: API_VERSION },
        { name: 'MinAPIVersion', value: '1.24', omitEmpty: true },
        { name: 'GitCommit', value: '45873be' },
        { name: 'GoVersion', value: 'go1.24.3' },
        { name: 'Os', value: 'linux' },
        { name: 'Arch', value: 'amd64' },
        { name: 'KernelVersion', value: '6.1.0-swarmsim', omitEmpty: true },
        { name: 'BuildTime', value: '2025-05-30T12:07:27.000000000+00:00', omitEmpty: true },
      ]),
    },
  ]);
}

function versionText(engine: string): string {
  const text = [
    'Client:',
    ` Version:\t${CLIENT_VERSION}`,
    ` API version:\t${API_VERSION}`,
    ' Go version:\tgo1.24.3',
    ' Git commit:\te6534b4',
    ' Built:\tFri May 30 12:07:14 2025',
    ' OS/Arch:\tlinux/amd64',
    ' Context:\tdefault',
    '',
    'Server:',
    ' Engine:',
    `  Version:\t${engine}`,
    `  API version:\t${API_VERSION} (minimum version 1.24)`,
    '  Go version:\tgo1.24.3',
    '  Git commit:\t45873be',
    '  Built:\tFri May 30 12:07:27 2025',
    '  OS/Arch:\tlinux/amd64',
    '  Experimental:\tfalse',
    ' containerd:',
    '  Version:\t1.7.27',
    '  GitCommit:\t05044ec0a9a75232cad458027ca83437aae3f4da',
    ' runc:',
    '  Version:\t1.2.5',
    '  GitCommit:\tv1.2.5-0-g59923ef',
    ' docker-init:',
    '  Version:\t0.19.0',
    '  GitCommit:\tde40ad0',
  ].join('\n');
  return `${tabwrite(text, { minWidth: 20, padding: 1 })}\n`;
}
