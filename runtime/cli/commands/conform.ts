/**
 * `anyresponses conform --base-url URL [--flavor openresponses|openai] [--model M] [--api-key K]
 *   [--json|--markdown] [--only NAME...] [--allow-deviations] [--timeout MS] [--deadline MS] [--max-requests N]`
 * `anyresponses conform --mock [--flavor F]`: the same against a fresh local mock server.
 *
 * Checks a Responses server against its spec (see runtime/testing/conform).
 * The key comes from --api-key, else $OPENRESPONSES_API_KEY; it is sent only
 * to the server and never printed. Exit 0 when every scenario passes
 * (deviations too with --allow-deviations), 1 when one fails or deviates, 2
 * for bad usage or a server that does not answer.
 */
import { conform, ConformUsageError, renderMarkdown, renderText, type ConformOptions } from '../../testing/conform/index.js';
import type { Flavor } from '../../testing/conform/options.js';
import { startMockServer, type MockServer } from '../../testing/server/index.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';

function count(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer of at least ${min}, not '${value}'`);
  return n;
}

export const HELP: CommandHelp = {
  usage: 'anyresponses conform (--base-url URL --model M | --mock) [--flavor F] [--api-key K] [--json|--markdown] [--only NAME...] [--allow-deviations]',
  summary:
    'Checks a Responses server against its spec: requests, streams, operations and errors, each scenario with a verdict\n' +
    '(pass, deviation, fail, skipped) and every rule broken. The key comes from --api-key or $OPENRESPONSES_API_KEY and is never printed.',
  options: [
    ['--base-url URL', 'the server to check (such as http://localhost:1234/v1)'],
    ['--mock', 'check a fresh local mock server instead'],
    ['--model M', 'the model every request names (not needed with --mock)'],
    ['--flavor F', 'openresponses (default) or openai'],
    ['--api-key K', 'the key to send (default $OPENRESPONSES_API_KEY)'],
    ['--json', 'print the whole report as JSON'],
    ['--markdown', 'print a Markdown table'],
    ['--only NAME', 'run only these scenarios (repeat, or comma-separated)'],
    ['--allow-deviations', 'exit 0 when the only findings are deviations'],
    ['--timeout MS', 'each request, its whole stream included (default 60000)'],
    ['--deadline MS', 'the whole run (default 300000)'],
    ['--max-requests N', 'at most this many requests (default 80)'],
  ],
  exits: ['every scenario passed (or only deviated, with --allow-deviations)', 'a scenario failed or deviated', 'bad usage, or a server that does not answer'],
  example: 'npx anyresponses conform --base-url http://localhost:1234/v1 --model qwen3-8b',
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('conform', argv, {
        'base-url': { type: 'string' },
        flavor: { type: 'string' },
        model: { type: 'string' },
        'api-key': { type: 'string' },
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        'allow-deviations': { type: 'boolean', default: false },
        mock: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        deadline: { type: 'string' },
        'max-requests': { type: 'string' },
      });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see anyresponses conform --help)`);
  if (values.json && values.markdown) throw new UsageError('--json and --markdown: choose one');
  if (values.mock && values['base-url']) throw new UsageError('--mock runs against a local mock server: leave out --base-url');
  if (!values.mock && !values['base-url']) throw new UsageError('--base-url is required (the server to check, such as http://localhost:1234/v1), or --mock');
  const flavor = values.flavor as Flavor | undefined;
  if (flavor !== undefined && flavor !== 'openresponses' && flavor !== 'openai') throw new UsageError(`--flavor must be 'openresponses' or 'openai', not '${flavor}'`);
  const options: ConformOptions = {
    baseUrl: values['base-url'],
    flavor,
    model: values.model,
    apiKey: values['api-key'] ?? (process.env.OPENRESPONSES_API_KEY || undefined),
    only: values.only?.flatMap((o) => o.split(',')).filter(Boolean),
    allowDeviations: values['allow-deviations'],
    requestTimeoutMs: count('timeout', values.timeout, 1),
    deadlineMs: count('deadline', values.deadline, 1),
    maxRequests: count('max-requests', values['max-requests'], 1),
  };
  let server: MockServer | undefined;
  try {
    if (values.mock) {
      const mockFlavor = flavor ?? 'openresponses';
      server = await startMockServer({ flavor: mockFlavor });
      options.mock = { url: server.url, flavor: mockFlavor, enqueue: server.enqueue };
    }
    const report = await conform(options);
    io.stdout(values.json ? JSON.stringify(report, null, 2) : values.markdown ? renderMarkdown(report) : renderText(report));
    if (report.unreachable) io.stderr(`anyresponses conform: ${report.target.baseUrl} did not answer (${report.unreachable})`);
    return report.exit;
  } catch (e) {
    if (e instanceof ConformUsageError) throw new UsageError(e.message);
    throw e;
  } finally {
    await server?.close();
  }
}
