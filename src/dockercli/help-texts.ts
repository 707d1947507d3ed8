/**
 * Pieces of docker's `--help` output that several commands share, worded and wrapped exactly as
 * the docker 28.2.2 client prints them (it wraps flag descriptions at 80 columns).
 */

/** The `--format` description of list commands (`flagsHelper.FormatHelp`). */
export const LIST_FORMAT_HELP =
  '      --format string   Format output using a custom template:\n' +
  "                        'table':            Print output in table format\n" +
  '                        with column headers (default)\n' +
  "                        'table TEMPLATE':   Print output in table format\n" +
  '                        using the given Go template\n' +
  "                        'json':             Print in JSON format\n" +
  "                        'TEMPLATE':         Print output using the given\n" +
  '                        Go template.\n' +
  '                        Refer to https://docs.docker.com/go/formatting/\n' +
  '                        for more information about formatting output with\n' +
  '                        templates\n';

/** The `-f, --format` description of inspect-like commands (`flagsHelper.InspectFormatHelp`). */
export const INSPECT_FORMAT_HELP =
  '  -f, --format string   Format output using a custom template:\n' +
  "                        'json':             Print in JSON format\n" +
  "                        'TEMPLATE':         Print output using the given\n" +
  '                        Go template.\n' +
  '                        Refer to https://docs.docker.com/go/formatting/\n' +
  '                        for more information about formatting output with\n' +
  '                        templates\n';
