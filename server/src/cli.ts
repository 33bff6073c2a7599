import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { checkPaths, runJobs } from './cli/check';
import { isCheckWorker, runCheckWorker } from './cli/workers';
import { importCommand, ImportOptions, renderCommand } from './cli/convert';
import { renderHtmlCommand, RenderHtmlOptions } from './cli/renderHtml';
import { FileResult, formatJson, formatText, summarize } from './cli/format';
import { formatGithub } from './cli/github';
import { ConfigError } from './cli/config';
import { formatSarif } from './cli/sarif';
import { defaultOwner, newCommand, NewOptions } from './cli/new';
import { ProgressLine } from './cli/progress';
import { parseShard, Shard } from './cli/shard';
import { diffPaths, GitError } from './cli/diff';
import { formatDiffJson, formatDiffMarkdown, formatDiffText } from './cli/diffFormat';
import { configCommand, ConfigCommandOptions } from './cli/configCommand';
import { isFolder, reportStaleCommand, ReportStaleOptions } from './cli/report';
import { checkNewPostAnswer, isoToday, isRealIsoDate, MAX_SEED } from './service';

/** Each command's synopsis and what it does; `alphanode COMMAND --help` prints one, `--help` all. */
const COMMANDS: Record<string, { synopsis: string; help: string }> = {
  check: {
    synopsis: 'check [--format text|json|sarif|github] [--config FILE] [--max-warnings N] [--fix [--owner NAME]] [--cache [--cache-location FILE]] [--shard I/N] PATH…',
    help: `Validate posts (files, and every post inside folders, less what
.alphanodeignore files skip) with the nearest .alphanode.yaml,
or --config FILE for all; --fix applies every safe fix and writes
the files back (a rollback note's owner: --owner NAME, else
git's user.name, else the OS user); sarif is SARIF 2.1.0 for code scanning, github
the workflow commands that annotate a GitHub Actions run.
--cache reuses the results of unchanged files (kept in
.alphanodecache, or FILE); --shard I/N checks only the I-th of N
parts of the files (a CI matrix).
A named file is checked when the editor would check it
(README "What is a post"); other Markdown is skipped with a
note on stderr.
Only regular files are read (FIFOs and devices are refused, and
skipped with a note inside folders); a file over 10 MB is
reported as internal-error, not read.
Exit 0: no errors; 1: errors found, or more than N warnings;
2: bad usage, unreadable input, or --fix could not reach a
stable text.`,
  },
  import: {
    synopsis: 'import FILE.txt [-o OUT.md] [--force]',
    help: `Turn a rendered export into a source post (stdout, or OUT.md;
an existing OUT.md only with --force). Warnings go to stderr.
Exit 0: imported; 1: not an export; 2: bad usage or unreadable input.`,
  },
  render: {
    synopsis: 'render [--format html|page|text] [--allow-remote-images] FILE.md',
    help: `html (default): the meta box as the preview shows it, a standalone
page (no scripts; https images only with --allow-remote-images).
page: the whole post as the post preview shows it (the site's page
with problems and rollback notes marked), standalone the same way.
text: the post as the site's rendered export text.`,
  },
  new: {
    synopsis: 'new --problem P --stack S --scenario C [-o OUT.md] [--force] [--owner NAME] [--seed N]',
    help: `A complete new post that validates clean (stdout, or OUT.md;
an existing OUT.md only with --force). The rollback note's owner
is git's user.name (else the OS user); the seed is random.`,
  },
  diff: {
    synopsis: 'diff [--base REF] [--format text|json|markdown] PATH…',
    help: `What changed in each post (files, and every post inside folders)
since the git revision REF (default HEAD): meta keys by path, list
items, sections, prose paragraph count, checklist items, rollback
notes; new and deleted posts. markdown is a table per post for a
pull-request comment. Exit 0: compared; 2: bad usage, a path
outside a git repository, an unknown REF, or unreadable input.`,
  },
  config: {
    synopsis: 'config [--format yaml|json] PATH',
    help: `The effective team template of a post (or of the posts in a
folder): every value, with the file it came from (extends
chains resolved). Exit 0; 1: the template is broken (its
problems go to stderr, the defaults are printed); 2: bad usage.`,
  },
  report: {
    synopsis: 'report stale [--format text|json|markdown] [--fail-on-stale] [--today YYYY-MM-DD] PATH…',
    help: `Posts past their template's review.max_age_days, or within
30 days of it, oldest first, grouped by rollback note owner.
Exit 0; 1 with --fail-on-stale when a post is past the policy;
2: bad usage or unreadable input.`,
  },
  lsp: {
    synopsis: 'lsp --stdio',
    help: 'Run the language server over stdio, for any LSP editor.',
  },
};

const indent = (text: string, spaces: number) => text.replace(/^/gm, ' '.repeat(spaces));

const USAGE = `Usage: alphanode <command> [options]

Commands:
${Object.values(COMMANDS).map(commandLines).join('\n')}

Options:
  -h, --help                         Show this help (after a command: that command's usage).
  -v, --version                      Show the version.
`;

/** A command in the overview: a short synopsis shares its line with the help, a long one stands above it. */
function commandLines({ synopsis, help }: { synopsis: string; help: string }): string {
  const body = indent(help, 37);
  return synopsis.length < 33 && !help.includes('\n') ? `  ${synopsis.padEnd(35)}${help}` : `  ${synopsis}\n${body}`;
}

/** One command's usage, for `alphanode COMMAND --help` (or `-h`, or `alphanode help COMMAND`). */
function commandUsage(command: string): string {
  const { synopsis, help } = COMMANDS[command];
  return `Usage: alphanode ${synopsis}\n\n${indent(help, 2)}\n`;
}

/** Whether the options (before a `--`) ask for help. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

class UsageError extends Error {}

/** `--cache`'s file when `--cache-location` is not given, in the working folder (as ESLint's .eslintcache). */
const CACHE_FILE = '.alphanodecache';

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

type CheckFormat = 'text' | 'json' | 'sarif' | 'github';
const CHECK_FORMATS: readonly string[] = ['text', 'json', 'sarif', 'github'] satisfies CheckFormat[];

interface CheckArgs {
  format: CheckFormat;
  fix: boolean;
  config?: string;
  /** `--owner`: the owner --fix writes into rollback notes. */
  owner?: string;
  maxWarnings?: number;
  /** `--cache`: where the cache file is (relative to the working folder). */
  cache?: string;
  shard?: Shard;
  paths: string[];
}

const SHARD_USAGE = '--shard needs I/N: this job\'s part I (1 to N) of N parts, e.g. --shard 2/4.';

function parseCheckArgs(args: string[]): CheckArgs {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string', default: 'text' },
    fix: { type: 'boolean', default: false },
    config: { type: 'string' },
    owner: { type: 'string' },
    'max-warnings': { type: 'string' },
    cache: { type: 'boolean', default: false },
    'cache-location': { type: 'string' },
    shard: { type: 'string' },
  }, {
    config: '--config needs a file name (a team template, .alphanode.yaml).',
    format: '--format needs a value: text, json, sarif or github.',
    'max-warnings': '--max-warnings needs a number of warnings (0 or more).',
    'cache-location': '--cache-location needs a file name.',
    shard: SHARD_USAGE,
  });
  const format = values.format;
  if (format === undefined || !CHECK_FORMATS.includes(format)) throw new UsageError(`unknown --format ${JSON.stringify(format ?? '')}: use text, json, sarif or github.`);
  if (values.config === '') throw new UsageError('--config needs a file name (a team template, .alphanode.yaml).');
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings needs a number of warnings (0 or more), got ${JSON.stringify(maxWarnings)}.`);
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache.');
  if (values['cache-location'] === '') throw new UsageError('--cache-location needs a file name.');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) throw new UsageError(`${SHARD_USAGE} Got ${JSON.stringify(values.shard)}.`);
  if (values.owner !== undefined && values.owner.trim() === '') throw new UsageError('--owner must not be empty.');
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder.');
  return {
    format: format as CheckFormat,
    fix: values.fix ?? false,
    config: values.config,
    owner: values.owner,
    maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings),
    cache: values.cache ? values['cache-location'] ?? CACHE_FILE : undefined,
    shard,
    paths: positionals,
  };
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

function parseRenderArgs(args: string[]): Omit<RenderHtmlOptions, 'format'> & { format: 'html' | 'page' | 'text' } {
  // Spec §7 lists html first: it is the default once it exists, so text must be asked for.
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string', default: 'html' },
    'allow-remote-images': { type: 'boolean', default: false },
  }, { format: '--format needs a value: html, page or text.' });
  const format = values.format;
  if (format !== 'text' && format !== 'html' && format !== 'page') throw new UsageError(`unknown --format ${JSON.stringify(format ?? '')}: use html, page or text.`);
  if (positionals.length !== 1) throw new UsageError('render needs exactly one post file (FILE.md, or - for standard input).');
  return { format, file: positionals[0], allowRemoteImages: values['allow-remote-images'] ?? false };
}

function formatCheck(format: CheckFormat, results: FileResult[]): string {
  if (format === 'json') return formatJson(results);
  if (format === 'sarif') return formatSarif(results, { version: VERSION, cwd: process.cwd() });
  if (format === 'github') return formatGithub(results, process.cwd());
  return formatText(results);
}

function parseDiffArgs(args: string[]): { base: string; format: 'text' | 'json' | 'markdown'; paths: string[] } {
  const { values, positionals } = parseOptions(args, {
    base: { type: 'string', default: 'HEAD' },
    format: { type: 'string', default: 'text' },
  }, { base: '--base needs a git revision (a branch, tag or commit).', format: '--format needs a value: text, json or markdown.' });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`unknown --format ${JSON.stringify(format ?? '')}: use text, json or markdown.`);
  if (!values.base) throw new UsageError('--base needs a git revision (a branch, tag or commit).');
  if (positionals.length === 0) throw new UsageError('diff needs at least one file or folder.');
  return { base: values.base, format, paths: positionals };
}

function diffCommand(args: string[]): number {
  const { base, format, paths } = parseDiffArgs(args);
  let results;
  try {
    results = diffPaths(paths, process.cwd(), base);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    process.stderr.write(`alphanode: ${error.message}\n`);
    return 2;
  }
  process.stdout.write(format === 'json' ? formatDiffJson(results, base) : format === 'markdown' ? formatDiffMarkdown(results, base) : formatDiffText(results, base));
  for (const result of results) if (result.error && format !== 'text') process.stderr.write(`${result.post}: ${result.error}\n`);
  return results.some((result) => result.error) ? 2 : 0;
}

function parseConfigArgs(args: string[]): ConfigCommandOptions {
  const { values, positionals } = parseOptions(args, { format: { type: 'string', default: 'yaml' } }, { format: '--format needs a value: yaml or json.' });
  const format = values.format;
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`unknown --format ${JSON.stringify(format ?? '')}: use yaml or json.`);
  if (positionals.length !== 1) throw new UsageError('config needs exactly one post file or folder.');
  return { format, path: positionals[0], isFolder: isFolder(positionals[0], process.cwd()) };
}

function parseReportArgs(args: string[]): ReportStaleOptions {
  const [kind, ...rest] = args;
  if (kind !== 'stale') throw new UsageError(kind === undefined ? 'report needs a kind: stale.' : `unknown report ${JSON.stringify(kind)}: use stale.`);
  const { values, positionals } = parseOptions(rest, {
    format: { type: 'string', default: 'text' },
    'fail-on-stale': { type: 'boolean', default: false },
    today: { type: 'string' },
  }, { format: '--format needs a value: text, json or markdown.', today: '--today needs a date YYYY-MM-DD.' });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`unknown --format ${JSON.stringify(format ?? '')}: use text, json or markdown.`);
  if (values.today !== undefined && !isRealIsoDate(values.today)) throw new UsageError(`--today needs a date YYYY-MM-DD, got ${JSON.stringify(values.today)}.`);
  if (positionals.length === 0) throw new UsageError('report stale needs at least one file or folder.');
  return { format, failOnStale: values['fail-on-stale'] ?? false, today: values.today ?? isoToday(), paths: positionals };
}

async function main(argv: string[], workerScript: string): Promise<number | undefined> {
  const [command, ...args] = argv;
  if (!command) {
    process.stderr.write(`alphanode: a command is needed.\n\n${USAGE}`);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = command === 'help' ? args[0] : undefined;
    process.stdout.write(topic !== undefined && Object.hasOwn(COMMANDS, topic) ? commandUsage(topic) : USAGE);
    return 0;
  }
  if (Object.hasOwn(COMMANDS, command) && asksForHelp(args)) {
    process.stdout.write(commandUsage(command));
    return 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    if (command === 'check') {
      const { format, fix, config, owner, maxWarnings, cache, shard, paths } = parseCheckArgs(args);
      const progress = ProgressLine.on(process.stderr);
      const note = (message: string) => {
        progress?.clear();
        process.stderr.write(`alphanode: ${message}\n`);
      };
      let results;
      try {
        // The same owner chain as the editor's (less its setting): only --fix writes one.
        const fixOwner = fix ? owner ?? defaultOwner(process.cwd()) : undefined;
        results = await checkPaths(paths, process.cwd(), {
          fix,
          config,
          owner: fixOwner,
          cache: cache === undefined ? undefined : { location: resolve(cache), version: VERSION },
          shard,
          workerScript,
          onNote: note,
          onProgress: progress && ((done, total) => progress.update(done, total)),
        });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        note(error.message);
        return 2;
      } finally {
        progress?.clear();
      }
      process.stdout.write(formatCheck(format, results));
      // json and sarif are read by programs: the unreadable files are said on stderr too (text and github print them).
      for (const result of results) if (result.error && (format === 'json' || format === 'sarif')) process.stderr.write(`${result.path}: ${result.error}\n`);
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
      // The heap growth step the desktop client gives its server (SERVER_NODE_FLAGS); the
      // young generation's size can only be set on node's command line, so other editors
      // add --max-semi-space-size=2 there (README, "Other editors").
      setFlagsFromString('--heap-growing-percent=10');
      // Loaded lazily: `check` should not pay for the LSP machinery.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./node');
      return undefined; // the server keeps the process alive
    }
    if (command === 'import') return importCommand(parseImportArgs(args));
    if (command === 'render') {
      const render = parseRenderArgs(args);
      return render.format === 'text' ? renderCommand(render.file) : renderHtmlCommand({ ...render, format: render.format });
    }
    if (command === 'new') return newCommand(parseNewArgs(args));
    if (command === 'diff') return diffCommand(args);
    if (command === 'config') return configCommand(parseConfigArgs(args));
    if (command === 'report') return reportStaleCommand(parseReportArgs(args));
    throw new UsageError(`unknown command ${JSON.stringify(command)}.`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`alphanode: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * Runs the command line, or in a worker thread of `check` its share of the files.
 * `workerScript` is the file those threads start from: the entry (cliEntry.ts), which loads
 * this bundle through the compile cache.
 */
export function runCli(workerScript: string): void {
  if (isCheckWorker()) {
    runCheckWorker(runJobs);
    return;
  }
  main(process.argv.slice(2), workerScript).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`alphanode: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

// Run directly (`node dist/cli-main.js`) rather than through the entry: the same CLI, compiled afresh.
if (require.main === module) runCli(__filename);
