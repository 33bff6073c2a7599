import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Template } from '../service';
import { EffectiveTemplate, effectiveTemplate, EntryKind, WorkspaceHost, WorkspaceResolver } from '../service/workspace';
import type { FileResult } from './format';

/** `--config FILE` could not be read: bad input (exit 2), not a broken template. */
export class ConfigError extends Error {}

/** What applies to one post: its template, the post globs and the path they match against, and the fallback notice. */
export interface AppliedTemplate {
  template: Template;
  files: readonly string[];
  globPath: string;
  /** The one info diagnostic of a post whose template is broken (range filled in by the caller's post). */
  fallback?: (range: Diagnostic['range']) => Diagnostic;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The resolver's host over node:fs, read lazily and cached for the run (a CLI run sees one state of the disk). */
class NodeHost implements WorkspaceHost {
  private readonly stats = new Map<string, EntryKind | undefined>();
  private readonly texts = new Map<string, string | undefined>();

  readFile(uri: string): string | undefined {
    if (!this.texts.has(uri)) {
      let text: string | undefined;
      try {
        text = utf8.decode(readFileSync(fileURLToPath(uri)));
      } catch {
        text = undefined; // missing, a folder, or not UTF-8: as if absent
      }
      this.texts.set(uri, text);
    }
    return this.texts.get(uri);
  }

  stat(uri: string): EntryKind | undefined {
    if (!this.stats.has(uri)) {
      let kind: EntryKind | undefined;
      try {
        const stats = statSync(fileURLToPath(uri));
        kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : undefined;
      } catch {
        kind = undefined;
      }
      this.stats.set(uri, kind);
    }
    return this.stats.get(uri);
  }

  readDirectory(uri: string): Array<[string, EntryKind | 'other']> {
    try {
      return readdirSync(fileURLToPath(uri), { withFileTypes: true }).map((entry) => [entry.name, entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other']);
    } catch {
      return [];
    }
  }
}

/**
 * Team templates and ignore files on disk for `alphanode check`: a thin adapter over the
 * core's WorkspaceResolver (the editor's rules, service/workspace/) with node:fs as its host
 * and the working folder as the root. `--config` names one template for all files.
 */
export class CheckConfig {
  private readonly resolver: WorkspaceResolver;
  private readonly configUri: string | undefined;

  constructor(
    readonly cwd: string,
    /** `--config FILE` (absolute): used for every post instead of discovery. */
    readonly configFile?: string,
  ) {
    const host = new NodeHost();
    this.configUri = configFile === undefined ? undefined : pathToFileURL(configFile).href;
    if (configFile !== undefined) readConfigFile(configFile, this.shown(configFile));
    this.resolver = new WorkspaceResolver(host, {
      roots: () => [pathToFileURL(cwd).href],
      fixedTemplate: this.configUri,
      label: (uri) => this.shown(fileURLToPath(uri)),
    });
  }

  /** The template file that applies to `absolute`, if any. */
  templateFileFor(absolute: string): string | undefined {
    const file = this.resolver.templateFileFor(pathToFileURL(absolute).href);
    return file === undefined ? undefined : fileURLToPath(file.uri);
  }

  /** The template, globs and path that classify and validate the post at `absolute` (shown to the user as `shown`). */
  apply(absolute: string, shown: string): AppliedTemplate {
    const { file, template, globs, globPath } = this.resolver.resolve(pathToFileURL(absolute).href);
    const applied: AppliedTemplate = { template, files: globs, globPath: globPath ?? shown.split(sep).join('/') };
    if (file?.broken) applied.fallback = (range) => this.resolver.fallbackFor(file, range)!;
    return applied;
  }

  /** The effective template of the post at `absolute` (a folder: of a post inside it), each value with its file. */
  effective(absolute: string, isFolder = false): { effective: EffectiveTemplate; problems: FileResult | undefined } {
    const uri = pathToFileURL(absolute).href;
    const { file } = this.resolver.resolve(isFolder ? `${uri.replace(/\/+$/, '')}/post.md` : uri);
    const problems = file && file.diagnostics.length > 0 ? { path: this.shown(fileURLToPath(file.uri)), diagnostics: file.diagnostics } : undefined;
    return { effective: effectiveTemplate(file, (template) => this.shown(fileURLToPath(template))), problems };
  }

  /** Whether `.alphanodeignore` files say to skip `absolute` (a folder when `isDirectory`). */
  isIgnored(absolute: string, isDirectory: boolean): boolean {
    return this.resolver.isIgnored(pathToFileURL(absolute).href, isDirectory);
  }

  /** The Markdown files under `folder` that a folder check reads (sorted; ignored ones and VCS/dependency folders skipped). */
  markdownFilesIn(folder: string, onSkipped?: (path: string) => void): string[] {
    return this.resolver.markdownFiles(pathToFileURL(folder).href, onSkipped && ((uri) => onSkipped(fileURLToPath(uri)))).map((uri) => fileURLToPath(uri));
  }

  /**
   * The broken templates among those applying to `files`, as results of their own (reported
   * before the posts, counted as errors: CI fails on a broken template).
   */
  templateReports(files: readonly string[]): FileResult[] {
    return this.resolver.templateProblems(files.map((file) => pathToFileURL(file).href)).map((file) => ({ path: this.shown(fileURLToPath(file.uri)), diagnostics: file.diagnostics }));
  }

  private shown(path: string): string {
    const fromCwd = relative(this.cwd, path);
    return outside(fromCwd) ? path : fromCwd.split(sep).join('/');
  }
}

/** Reads `--config FILE` once up front: a missing or unreadable file is bad usage, not a broken template. */
function readConfigFile(path: string, shown: string): void {
  try {
    utf8.decode(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = error instanceof TypeError ? 'not valid UTF-8 text' : code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message;
    throw new ConfigError(`cannot read --config ${shown}: ${reason}`);
  }
}

/** A relative path that leaves its base (or could not be made relative: another drive). */
function outside(relativePath: string): boolean {
  return relativePath === '..' || relativePath.startsWith(`..${sep}`) || isAbsolute(relativePath);
}

const configs = new Map<string, CheckConfig>();

/** One CheckConfig per working folder and --config in this process (the main thread and each worker). */
export function configFor(cwd: string, configFile: string | undefined): CheckConfig {
  const absolute = configFile === undefined ? undefined : resolve(cwd, configFile);
  const key = `${cwd}\0${absolute ?? ''}`;
  let config = configs.get(key);
  if (!config) {
    config = new CheckConfig(cwd, absolute);
    configs.set(key, config);
  }
  return config;
}
