import { checkPaths, runJobs } from './cli/check';
import { isCheckWorker, runCheckWorker } from './cli/workers';
import { importCommand, ImportOptions, renderCommand } from './cli/convert';
import { formatJson, formatText, summarize } from './cli/format';

const USAGE = `Usage: alphanode <command> [options]

Commands:
  check [--format text|json] [--fix] PATH…
                                     Validate posts (files, and every post inside folders);
                                     --fix applies every safe fix and writes the files back.
                                     Exit 0: no errors; 1: errors found; 2: bad usage or unreadable input.
  import FILE.txt [-o OUT.md] [--force]
                                     Turn a rendered export into a source post (stdout, or OUT.md;
                                     an existing OUT.md only with --force). Warnings go to stderr.
                                     Exit 0: imported; 1: not an export; 2: bad usage or unreadable input.
  render --format text FILE.md       Print the post as the site's rendered export text.
  lsp --stdio                        Run the language server over stdio, for any LSP editor.

Options:
  -h, --help                         Show this help.
  -v, --version                      Show the version.
`;

/** Later commands of the spec (§7) that this version does not have yet. */
const NOT_YET: Record<string, string> = {
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

function parseImportArgs(args: string[]): ImportOptions {
  let out: string | undefined;
  let force = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' || arg === '--output' || arg.startsWith('--output=')) {
      out = arg.includes('=') ? arg.slice('--output='.length) : args[++i];
      if (!out) throw new UsageError(`${arg} needs a file name.`);
    } else if (arg === '--force' || arg === '-f') {
      force = true;
    } else if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError('import needs exactly one export file (FILE.txt, or - for standard input).');
  return { file: files[0], out, force };
}

function parseRenderArgs(args: string[]): string {
  // Spec §7 lists html first: it is the default once it exists, so text must be asked for.
  let format = 'html';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      format = arg.includes('=') ? arg.slice('--format='.length) : (args[++i] ?? '');
      if (format !== 'text' && format !== 'html') throw new UsageError(`unknown --format ${JSON.stringify(format)}: use text (html is not available yet).`);
    } else if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (format === 'html') throw new UsageError('render --format html (the meta box as HTML) is not available in this version yet; use --format text.');
  if (files.length !== 1) throw new UsageError('render needs exactly one post file (FILE.md, or - for standard input).');
  return files[0];
}

async function main(argv: string[]): Promise<number | undefined> {
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
      const results = await checkPaths(paths, process.cwd(), { fix });
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
    if (command === 'import') return importCommand(parseImportArgs(args));
    if (command === 'render') return renderCommand(parseRenderArgs(args));
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

if (isCheckWorker()) {
  runCheckWorker(runJobs);
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`alphanode: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
