import { checkPaths, runJobs } from './cli/check';
import { isCheckWorker, runCheckWorker } from './cli/workers';
import { importCommand, ImportOptions, renderCommand } from './cli/convert';
import { renderHtmlCommand, RenderHtmlOptions } from './cli/renderHtml';
import { formatJson, formatText, summarize } from './cli/format';
import { ConfigError } from './cli/config';
import { formatSarif } from './cli/sarif';
import { newCommand, NewOptions } from './cli/new';
import { checkNewPostAnswer, MAX_SEED } from './service';

const USAGE = `Usage: alphanode <command> [options]

Commands:
  check [--format text|json|sarif] [--config FILE] [--max-warnings N] [--fix] PATH…
                                     Validate posts (files, and every post inside folders, less what
                                     .alphanodeignore files skip) with the nearest .alphanode.yaml,
                                     or --config FILE for all; --fix applies every safe fix and writes
                                     the files back; sarif is SARIF 2.1.0 for code scanning.
                                     Exit 0: no errors; 1: errors found, or more than N warnings;
                                     2: bad usage or unreadable input.
  import FILE.txt [-o OUT.md] [--force]
                                     Turn a rendered export into a source post (stdout, or OUT.md;
                                     an existing OUT.md only with --force). Warnings go to stderr.
                                     Exit 0: imported; 1: not an export; 2: bad usage or unreadable input.
  render [--format html|text] [--allow-remote-images] FILE.md
                                     html (default): the meta box as the preview shows it, a standalone
                                     page (no scripts; https images only with --allow-remote-images).
                                     text: the post as the site's rendered export text.
  new --problem P --stack S --scenario C [-o OUT.md] [--force] [--owner NAME] [--seed N]
                                     A complete new post that validates clean (stdout, or OUT.md;
                                     an existing OUT.md only with --force). The rollback note's owner
                                     is git's user.name (else the OS user); the seed is random.
  lsp --stdio                        Run the language server over stdio, for any LSP editor.

Options:
  -h, --help                         Show this help.
  -v, --version                      Show the version.
`;

/** Later commands of the spec (§7) that this version does not have yet. */
const NOT_YET: Record<string, string> = {};

class UsageError extends Error {}

function parseCheckArgs(args: string[]): { format: 'text' | 'json' | 'sarif'; fix: boolean; config?: string; maxWarnings?: number; paths: string[] } {
  let format: 'text' | 'json' | 'sarif' = 'text';
  let fix = false;
  let config: string | undefined;
  let maxWarnings: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`unknown --format ${JSON.stringify(value ?? '')}: use text, json or sarif.`);
      format = value;
    } else if (arg === '--fix') {
      fix = true;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      config = arg.includes('=') ? arg.slice('--config='.length) : args[++i];
      if (!config) throw new UsageError('--config needs a file name (a team template, .alphanode.yaml).');
    } else if (arg === '--max-warnings' || arg.startsWith('--max-warnings=')) {
      const value = arg.includes('=') ? arg.slice('--max-warnings='.length) : args[++i];
      if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`--max-warnings needs a number of warnings (0 or more), got ${JSON.stringify(value ?? '')}.`);
      maxWarnings = Number(value);
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
  return { format, fix, config, maxWarnings, paths };
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

function parseNewArgs(args: string[]): NewOptions {
  const values: Partial<Record<'problem' | 'stack' | 'scenario' | 'owner' | 'seed' | 'output', string>> = {};
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = /^--(problem|stack|scenario|owner|seed|output)(?:=(.*))?$/s.exec(arg) ?? (arg === '-o' ? [arg, 'output', undefined] : null);
    if (option) {
      const name = option[1] as keyof typeof values;
      const value = option[2] ?? args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value.`);
      values[name] = value;
    } else if (arg === '--force' || arg === '-f') {
      force = true;
    } else {
      throw new UsageError(arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${JSON.stringify(arg)} (new takes only options).`);
    }
  }
  for (const field of ['problem', 'stack', 'scenario'] as const) {
    if (values[field] === undefined) throw new UsageError(`new needs --${field}.`);
    const problem = checkNewPostAnswer(field, values[field]);
    if (problem) throw new UsageError(`--${field}: ${problem}`);
  }
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = /^\d+$/.test(values.seed) ? Number(values.seed) : NaN;
    if (!(seed >= 0 && seed <= MAX_SEED)) throw new UsageError(`--seed must be an integer 0..${MAX_SEED}.`);
  }
  if (values.owner !== undefined && values.owner.trim() === '') throw new UsageError('--owner must not be empty.');
  if (values.output === '') throw new UsageError('-o needs a file name.');
  return { problem: values.problem!, stack: values.stack!, scenario: values.scenario!, out: values.output, force, owner: values.owner, seed };
}

function parseRenderArgs(args: string[]): RenderHtmlOptions & { format: 'html' | 'text' } {
  // Spec §7 lists html first: it is the default once it exists, so text must be asked for.
  let format = 'html';
  let allowRemoteImages = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      format = arg.includes('=') ? arg.slice('--format='.length) : (args[++i] ?? '');
      if (format !== 'text' && format !== 'html') throw new UsageError(`unknown --format ${JSON.stringify(format)}: use html or text.`);
    } else if (arg === '--allow-remote-images') {
      allowRemoteImages = true;
    } else if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError('render needs exactly one post file (FILE.md, or - for standard input).');
  return { format: format === 'text' ? 'text' : 'html', file: files[0], allowRemoteImages };
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
      const { format, fix, config, maxWarnings, paths } = parseCheckArgs(args);
      let results;
      try {
        results = await checkPaths(paths, process.cwd(), { fix, config });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`alphanode: ${error.message}\n`);
        return 2;
      }
      process.stdout.write(format === 'json' ? formatJson(results) : format === 'sarif' ? formatSarif(results, { version: VERSION, cwd: process.cwd() }) : formatText(results));
      for (const result of results) if (result.error && format !== 'text') process.stderr.write(`${result.path}: ${result.error}\n`);
      if (results.some((result) => result.error)) return 2;
      const summary = summarize(results);
      if (summary.errors > 0) return 1;
      if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
        process.stderr.write(`alphanode: ${summary.warnings} warnings, more than --max-warnings ${maxWarnings} allows.\n`);
        return 1;
      }
      return 0;
    }
    if (command === 'lsp') {
      if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio.');
      // Loaded lazily: `check` should not pay for the LSP machinery.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./node');
      return undefined; // the server keeps the process alive
    }
    if (command === 'import') return importCommand(parseImportArgs(args));
    if (command === 'render') {
      const render = parseRenderArgs(args);
      return render.format === 'html' ? renderHtmlCommand(render) : renderCommand(render.file);
    }
    if (command === 'new') return newCommand(parseNewArgs(args));
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
