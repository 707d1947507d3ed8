/**
 * The formatting pieces docker's output depends on: tabwriter alignment, `table`/`json`
 * formats, go-units durations and sizes, Go time and duration spellings, Go JSON,
 * truncation, image display and port ranges.
 */
import { describe, expect, it } from 'vitest';
import { bytesSize, goTimeAt, humanDuration } from '../../src/dockercli/clock.js';
import { renderRows } from '../../src/dockercli/format.js';
import { containerImage, displayImage, truncateId } from '../../src/dockercli/image-display.js';
import { ingressPorts } from '../../src/dockercli/service-ls.js';
import { tabwrite } from '../../src/dockercli/tabwriter.js';
import { ellipsis, errorText } from '../../src/dockercli/task-rows.js';
import { encodeGoJson } from '../../src/dockercli/template/go-json.js';
import {
  formatGoDuration,
  formatGoTime,
  formatRFC3339Nano,
  formatRFC3339NanoFixed,
} from '../../src/dockercli/template/go-time.js';
import {
  GoDuration,
  GoFloat,
  GoMap,
  GoNil,
  GoStruct,
  GoTime,
} from '../../src/dockercli/template/values.js';
import type { PortConfig } from '../../src/model/types.js';

describe('tabwriter (minwidth 10, padding 3)', () => {
  it('pads columns to the widest cell plus 3, at least 10, and never pads the last cell', () => {
    const out = tabwrite('ID\tNAME\tPORTS\nsgyyfyfax4p4\tweb\t\n');
    expect(out).toBe('ID             NAME      PORTS\nsgyyfyfax4p4   web       \n');
  });

  it('starts a new column block after a line without that column', () => {
    expect(tabwrite('a\tb\nlong-cell-here\nc\td\n')).toBe(
      'a         b\nlong-cell-here\nc         d\n',
    );
  });

  it('counts East Asian wide characters as two columns', () => {
    expect(tabwrite('名前\tx\nab\ty\n')).toBe('名前      x\nab        y\n');
  });
});

describe('list formats', () => {
  const rows = [
    new GoStruct(
      '*c',
      [
        { name: 'ID', value: 'a1' },
        { name: 'Name', value: 'web' },
      ],
      true,
    ),
    new GoStruct(
      '*c',
      [
        { name: 'ID', value: 'b2' },
        { name: 'Name', value: 'api' },
      ],
      true,
    ),
  ];
  const titles = { ID: 'ID', Name: 'NAME' };

  it('table: header from the titles, literal \\t as a tab, columns aligned', () => {
    expect(renderRows('table {{.ID}}\\t{{.Name}}', rows, titles)).toEqual({
      text: 'ID        NAME\na1        web\nb2        api\n',
    });
  });

  it('table with no rows still prints the header', () => {
    expect(renderRows('table {{.ID}}\\t{{.Name}}', [], titles)).toEqual({
      text: 'ID        NAME\n',
    });
  });

  it('json is {{json .}} with sorted keys; other formats print once per row', () => {
    expect(renderRows('json', rows.slice(0, 1), titles)).toEqual({
      text: '{"ID":"a1","Name":"web"}\n',
    });
    expect(renderRows('{{.Name}}', rows, titles)).toEqual({ text: 'web\napi\n' });
  });

  it('header functions keep column names unchanged', () => {
    expect(renderRows('table {{upper .Name}}\\t{{json .ID}}', rows.slice(0, 1), titles)).toEqual({
      text: 'NAME      ID\nWEB       "a1"\n',
    });
  });

  it('reports template errors the way docker does', () => {
    expect(renderRows('{{.Nope}}', rows, titles)).toEqual({
      error:
        'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate ' +
        'field Nope in type *c',
    });
  });
});

describe('go-units HumanDuration', () => {
  it.each([
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [1000, '1 second'],
    [1999, '1 second'],
    [2000, '2 seconds'],
    [59_999, '59 seconds'],
    [60_000, 'About a minute'],
    [119_999, 'About a minute'],
    [120_000, '2 minutes'],
    [3_599_999, '59 minutes'],
    [3_600_000, 'About an hour'],
    [5_399_999, 'About an hour'],
    [5_400_000, '2 hours'],
    [47 * 3_600_000, '47 hours'],
    [48 * 3_600_000, '2 days'],
    [13 * 86_400_000, '13 days'],
    [14 * 86_400_000, '2 weeks'],
    [59 * 86_400_000, '8 weeks'],
    [60 * 86_400_000, '2 months'],
    [729 * 86_400_000, '24 months'],
    [730 * 86_400_000, '2 years'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('BytesSize uses binary units with four significant digits', () => {
    expect(bytesSize(25_276_063_744)).toBe('23.54GiB');
    expect(bytesSize(2_087_354_368)).toBe('1.944GiB');
    expect(bytesSize(512 * 1024 * 1024)).toBe('512MiB');
    expect(bytesSize(1000)).toBe('1000B');
  });
});

describe('Go times and durations', () => {
  it('spells times as Go does, from the fixed epoch', () => {
    expect(formatRFC3339Nano(goTimeAt(0))).toBe('2025-01-01T00:00:00Z');
    expect(formatRFC3339Nano(goTimeAt(5120))).toBe('2025-01-01T00:00:05.12Z');
    expect(formatRFC3339NanoFixed(goTimeAt(5120))).toBe('2025-01-01T00:00:05.120000000Z');
    expect(formatGoTime(goTimeAt(86_400_000 * 59 + 1))).toBe('2025-03-01 00:00:00.001 +0000 UTC');
    expect(formatRFC3339Nano(new GoTime(1_795_865_007_465_555_101n))).toBe(
      '2026-11-28T11:23:27.465555101Z',
    );
  });

  it.each([
    [0, '0s'],
    [1e9, '1s'],
    [1.5e9, '1.5s'],
    [5e8, '500ms'],
    [90e9, '1m30s'],
    [3600e9, '1h0m0s'],
    [1500, '1.5µs'],
    [7, '7ns'],
  ])('%d ns is %s', (ns, text) => {
    expect(formatGoDuration(new GoDuration(ns))).toBe(text);
  });
});

describe('Go JSON', () => {
  it('omits empty fields, inlines embedded structs, sorts maps, indents like MarshalIndent', () => {
    const value = new GoStruct('x', [
      { name: 'Meta', embedded: true, value: new GoStruct('m', [{ name: 'A', value: 1 }]) },
      { name: 'Empty', value: '', omitEmpty: true },
      { name: 'Nil', value: new GoNil('*x'), omitEmpty: true },
      { name: 'Struct', value: new GoStruct('s', []), omitEmpty: true },
      { name: 'Map', value: GoMap.of({ b: '2', a: '<1>' }) },
      { name: 'Ratio', value: new GoFloat(0.1, 32) },
      { name: 'D', value: new GoDuration(5e9) },
    ]);
    expect(encodeGoJson(value, { escapeHTML: true, indent: '    ' })).toBe(
      '{\n    "A": 1,\n    "Struct": {},\n    "Map": {\n        "a": "\\u003c1\\u003e",\n' +
        '        "b": "2"\n    },\n    "Ratio": 0.1,\n    "D": 5000000000\n}',
    );
  });
});

describe('truncation and display', () => {
  it('cuts errors to 30 columns with an ellipsis and quotes them', () => {
    const err = 'no suitable node (insufficient resources on 1 node)';
    expect(errorText(err, true)).toBe('"no suitable node (insufficien…"');
    expect(errorText(err, false)).toBe(`"${err}"`);
    expect(errorText('task: non-zero exit (1)', true)).toBe('"task: non-zero exit (1)"');
    expect(errorText('', true)).toBe('');
    expect(ellipsis('abc', 1)).toBe('a');
  });

  it('shows images as docker does', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(displayImage(`nginx:1.25@${digest}`)).toBe('nginx:1.25');
    expect(displayImage(`docker.io/library/nginx:1.25`)).toBe('nginx:1.25');
    expect(displayImage(`nginx@${digest}`)).toBe(`nginx@${digest}`);
    expect(displayImage(digest)).toBe(digest);
    expect(containerImage(digest)).toBe('aaaaaaaaaaaa');
    expect(containerImage(`nginx@${digest}`)).toBe('nginx');
    expect(truncateId('sgyyfyfax4p4hwfl901lvz0ol')).toBe('sgyyfyfax4p4');
  });

  it('compacts ingress ports into ranges and leaves host ports out', () => {
    const port = (publishedPort: number, targetPort: number, extra: Partial<PortConfig> = {}) =>
      ({
        name: '',
        protocol: 'tcp',
        publishMode: 'ingress',
        publishedPort,
        targetPort,
        ...extra,
      }) as PortConfig;
    expect(ingressPorts([port(8080, 80)])).toBe('*:8080->80/tcp');
    expect(ingressPorts([port(81, 81), port(80, 80)])).toBe('*:80-81->80-81/tcp');
    expect(ingressPorts([port(80, 80), port(81, 80)])).toBe('*:80-81->80/tcp');
    expect(ingressPorts([port(80, 80), port(81, 81), port(82, 80)])).toBe(
      '*:80-81->80-81/tcp, *:82->80/tcp',
    );
    expect(
      ingressPorts([
        port(53, 53, { protocol: 'udp' }),
        port(53, 53),
        port(9000, 90, { publishMode: 'host' }),
      ]),
    ).toBe('*:53->53/tcp, *:53->53/udp');
  });
});
