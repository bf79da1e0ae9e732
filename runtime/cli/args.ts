/**
 * Each subcommand's help and argument parsing, in one shape for every
 * command: `-h`/`--help` prints the command's usage, options, exit codes and
 * an example (exit 0); an unknown option or a missing value is a UsageError
 * (exit 2) naming the option and pointing at `--help`, never node's own
 * parseArgs text.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

/** The exit codes every command keeps. */
export const EXIT = { ok: 0, found: 1, usage: 2 } as const;

export interface CommandHelp {
  /** `anyresponses validate --spec S [options] FILE...` */
  usage: string;
  summary: string;
  options: Array<[flag: string, what: string]>;
  /** What exits 0, 1 and 2 mean for this command. */
  exits: [ok: string, found: string, usage: string];
  example: string;
}

export function renderHelp(h: CommandHelp): string {
  const width = Math.max(...h.options.map(([f]) => f.length), 10);
  return [
    `usage: ${h.usage}`,
    '',
    h.summary,
    '',
    'options:',
    ...h.options.map(([f, w]) => `  ${f.padEnd(width)}  ${w}`),
    `  ${'-h, --help'.padEnd(width)}  this help`,
    '',
    'exit codes:',
    ...h.exits.map((w, i) => `  ${i}  ${w}`),
    '',
    'example:',
    `  ${h.example}`,
  ].join('\n');
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs error, said shortly: which option, and where to look. */
function usageMessage(e: Error, command: string): string {
  const msg = e.message;
  const unknown = /Unknown option '([^']+)'/.exec(msg);
  if (unknown) return `unknown option '${unknown[1]}' (see anyresponses ${command} --help)`;
  const needs = /Option '([^']+)' argument missing/.exec(msg);
  if (needs) return `option '${needs[1].replace(/ <value>$/, '')}' needs a value (see anyresponses ${command} --help)`;
  const noValue = /Option '([^']+)' does not take an argument/.exec(msg);
  if (noValue) return `option '${noValue[1]}' takes no value (see anyresponses ${command} --help)`;
  return `${msg.split('\n')[0].replace(/\. To specify .*$/, '')} (see anyresponses ${command} --help)`;
}

/**
 * Parses a command's arguments; `undefined` when `-h`/`--help` was given (the
 * help is printed by the caller). Strict: every option must be declared.
 */
export function parseCommand<O extends Options>(command: string, argv: string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> | undefined {
  if (argv.includes('-h') || argv.includes('--help')) {
    const end = argv.indexOf('--');
    const at = Math.max(argv.indexOf('-h'), argv.indexOf('--help'));
    if (end < 0 || at < end) return undefined;
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(usageMessage(e as Error, command));
  }
}
