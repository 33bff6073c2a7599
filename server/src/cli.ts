import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkPaths, runJobs } from './cli/check';
import { isCheckWorker, runCheckWorker } from './cli/workers';
import { importCommand, ImportOptions, renderCommand } from './cli/convert';
import { renderHtmlCommand, RenderHtmlOptions } from './cli/renderHtml';
import { formatJson, formatText, summarize } from './cli/format';
import { ConfigError } from './cli/config';
import { formatSarif } from './cli/sarif';
import { defaultOwner, newCommand, NewOptions } from './cli/new';
import { checkNewPostAnswer, MAX_SEED } from './service';

const USAGE = `Usage: alphanode <command> [options]

Commands:
  check [--format text|json|sarif] [--config FILE] [--max-warnings N] [--fix [--owner NAME]] PATH…
                                     Validate posts (files, and every post inside folders, less what
                                     .alphanodeignore files skip) with the nearest .alphanode.yaml,
                                     or --config FILE for all; --fix applies every safe fix and writes
                                     the files back (a rollback note's owner: --owner NAME, else
                                     git's user.name, else the OS user); sarif is SARIF 2.1.0 for
                                     code scanning.
                                     Only regular files are read (FIFOs and devices are refused, and
                                     skipped with a note inside folders); a file over 10 MB is
                                     reported as internal-error, not read.
                                     Exit 0: no errors; 1: errors found, or more than N warnings;
                                     2: bad usage, unreadable input, or --fix could not reach a
                                     stable text.
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

class UsageError extends Error {}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * node's parseArgs (long and short options, `--name=value`, `--`, `-` as standard input),
 * with the errors in this CLI's words: `unknown option --x`, or the option's own
 * "needs a value" message from `missing`.
 */
function parseOptions<T extends OptionSpec>(args: string[], options: T, missing: Partial<Record<keyof T & string, string>> = {}) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${/'(-[^']*)'/.exec(message)?.[1] ?? ''}`.trim());
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = (Object.keys(options) as Array<keyof T & string>).find((key) => message.includes(`--${key} `) || message.includes(`--${key}'`));
      throw new UsageError((name && missing[name]) || `${name ? `--${name}` : 'an option'} needs a value.`);
    }
    throw new UsageError(message);
  }
}

function parseCheckArgs(args: string[]): { format: 'text' | 'json' | 'sarif'; fix: boolean; config?: string; owner?: string; maxWarnings?: number; paths: string[] } {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string', default: 'text' },
    fix: { type: 'boolean', default: false },
    config: { type: 'string' },
    owner: { type: 'string' },
    'max-warnings': { type: 'string' },
  }, {
    config: '--config needs a file name (a team template, .alphanode.yaml).',
    format: '--format needs a value: text, json or sarif.',
    'max-warnings': '--max-warnings needs a number of warnings (0 or more).',
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown --format ${JSON.stringify(format ?? '')}: use text, json or sarif.`);
  if (values.config === '') throw new UsageError('--config needs a file name (a team template, .alphanode.yaml).');
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings needs a number of warnings (0 or more), got ${JSON.stringify(maxWarnings)}.`);
  if (values.owner !== undefined && values.owner.trim() === '') throw new UsageError('--owner must not be empty.');
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder.');
  return { format, fix: values.fix ?? false, config: values.config, owner: values.owner, maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings), paths: positionals };
}

function parseImportArgs(args: string[]): ImportOptions {
  const { values, positionals } = parseOptions(args, {
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', short: 'f', default: false },
  }, { output: '-o needs a file name.' });
  if (values.output === '') throw new UsageError('-o needs a file name.');
  if (positionals.length !== 1) throw new UsageError('import needs exactly one export file (FILE.txt, or - for standard input).');
  return { file: positionals[0], out: values.output, force: values.force ?? false };
}

function parseNewArgs(args: string[]): NewOptions {
  const { values, positionals } = parseOptions(args, {
    problem: { type: 'string' },
    stack: { type: 'string' },
    scenario: { type: 'string' },
    owner: { type: 'string' },
    seed: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', short: 'f', default: false },
  }, { output: '-o needs a file name.', seed: `--seed must be an integer 0..${MAX_SEED}.` });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (new takes only options).`);
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
  return { problem: values.problem!, stack: values.stack!, scenario: values.scenario!, out: values.output, force: values.force ?? false, owner: values.owner, seed };
}

function parseRenderArgs(args: string[]): RenderHtmlOptions & { format: 'html' | 'text' } {
  // Spec §7 lists html first: it is the default once it exists, so text must be asked for.
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string', default: 'html' },
    'allow-remote-images': { type: 'boolean', default: false },
  }, { format: '--format needs a value: html or text.' });
  const format = values.format;
  if (format !== 'text' && format !== 'html') throw new UsageError(`unknown --format ${JSON.stringify(format ?? '')}: use html or text.`);
  if (positionals.length !== 1) throw new UsageError('render needs exactly one post file (FILE.md, or - for standard input).');
  return { format, file: positionals[0], allowRemoteImages: values['allow-remote-images'] ?? false };
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
      const { format, fix, config, owner, maxWarnings, paths } = parseCheckArgs(args);
      let results;
      try {
        // The same owner chain as the editor's (less its setting): only --fix writes one.
        const fixOwner = fix ? owner ?? defaultOwner(process.cwd()) : undefined;
        results = await checkPaths(paths, process.cwd(), { fix, config, owner: fixOwner, onNote: (note) => process.stderr.write(`alphanode: ${note}\n`) });
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
