import { checkPaths } from './cli/check';
import { formatJson, formatText, summarize } from './cli/format';

const USAGE = `Usage: alphanode <command> [options]

Commands:
  check [--format text|json] [--fix] PATH…
                                     Validate posts (files, and every post inside folders);
                                     --fix applies every safe fix and writes the files back.
                                     Exit 0: no errors; 1: errors found; 2: bad usage or unreadable input.
  lsp --stdio                        Run the language server over stdio, for any LSP editor.

Options:
  -h, --help                         Show this help.
  -v, --version                      Show the version.
`;

/** Later commands of the spec (§7) that this version does not have yet. */
const NOT_YET: Record<string, string> = {
  import: 'alphanode import is not available in this version yet.',
  render: 'alphanode render is not available in this version yet.',
  new: 'alphanode new is not available in this version yet.',
};

class UsageError extends Error {}

function parseCheckArgs(args: string[]): { format: 'text' | 'json'; fix: boolean; paths: string[] } {
  let format: 'text' | 'json' = 'text';
  let fix = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (value === 'sarif') throw new UsageError('--format sarif is not available in this version yet (use text or json).');
      if (value !== 'text' && value !== 'json') throw new UsageError(`unknown --format ${JSON.stringify(value ?? '')}: use text or json.`);
      format = value;
    } else if (arg === '--fix') {
      fix = true;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      throw new UsageError(`${arg.split('=')[0]} is not available in this version yet.`);
    } else if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('check needs at least one file or folder.');
  return { format, fix, paths };
}

function main(argv: string[]): number | undefined {
  const [command, ...args] = argv;
  if (!command) {
    process.stderr.write(`alphanode: a command is needed.\n\n${USAGE}`);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    if (command === 'check') {
      const { format, fix, paths } = parseCheckArgs(args);
      const results = checkPaths(paths, process.cwd(), { fix });
      process.stdout.write(format === 'json' ? formatJson(results) : formatText(results));
      for (const result of results) if (result.error && format === 'json') process.stderr.write(`${result.path}: ${result.error}\n`);
      if (results.some((result) => result.error)) return 2;
      return summarize(results).errors > 0 ? 1 : 0;
    }
    if (command === 'lsp') {
      if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio.');
      // Loaded lazily: `check` should not pay for the LSP machinery.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./node');
      return undefined; // the server keeps the process alive
    }
    if (NOT_YET[command]) throw new UsageError(NOT_YET[command]);
    throw new UsageError(`unknown command ${JSON.stringify(command)}.`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`alphanode: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

const code = main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
