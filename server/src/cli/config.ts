import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import type { Template } from '../service';
import { EffectiveTemplate, effectiveTemplate, EntryKind, WorkspaceHost, WorkspaceResolver } from '../service/workspace';
import { templateKey } from './cache';
import type { FileResult } from './format';


/** The resolver speaks URIs as VS Code writes them (vscode-uri), so the CLI converts with the same library. */
const toUri = (path: string): string => URI.file(path).toString();
const toPath = (uri: string): string => URI.parse(uri).fsPath;

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
        text = utf8.decode(readFileSync(toPath(uri)));
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
        const stats = statSync(toPath(uri));
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
      return readdirSync(toPath(uri), { withFileTypes: true }).map((entry) => [entry.name, entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other']);
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
  /** templateKeyFor's answers by folder. */
  private readonly templateKeys = new Map<string, string>();

  constructor(
    readonly cwd: string,
    /** `--config FILE` (absolute): used for every post instead of discovery. */
    readonly configFile?: string,
  ) {
    const host = new NodeHost();
    this.configUri = configFile === undefined ? undefined : toUri(configFile);
    if (configFile !== undefined) readConfigFile(configFile, this.shown(configFile));
    const roots = [toUri(cwd)];
    this.resolver = new WorkspaceResolver(host, {
      roots: () => roots,
      fixedTemplate: this.configUri,
      label: (uri) => this.shown(toPath(uri)),
      unchanging: true,
    });
  }

  /** The template file that applies to `absolute`, if any. */
  templateFileFor(absolute: string): string | undefined {
    const file = this.resolver.templateFileFor(toUri(absolute));
    return file === undefined ? undefined : toPath(file.uri);
  }

  /**
   * The cache key (cache.ts) of the template that applies to `absolute`: its file's location
   * and text, or the defaults; with the working folder and `--config`, which place its globs.
   */
  templateKeyFor(absolute: string): string {
    // The files of a folder share their template (the nearest, or --config's): a warm run
    // makes no URI per file, only one per folder.
    const folder = this.configFile !== undefined ? '' : folderOf(absolute);
    let key = this.templateKeys.get(folder);
    if (key === undefined) {
      const file = this.resolver.templateFileFor(toUri(absolute));
      key = templateKey(this.cwd, this.configFile !== undefined, file?.uri, file?.text);
      this.templateKeys.set(folder, key);
    }
    return key;
  }

  /** The template, globs and path that classify and validate the post at `absolute` (shown to the user as `shown`). */
  apply(absolute: string, shown: string): AppliedTemplate {
    const { file, template, globs, globPath } = this.resolver.resolve(toUri(absolute));
    const applied: AppliedTemplate = { template, files: globs, globPath: globPath ?? shown.split(sep).join('/') };
    if (file?.broken) applied.fallback = (range) => this.resolver.fallbackFor(file, range)!;
    return applied;
  }

  /** The effective template of the post at `absolute` (a folder: of a post inside it), each value with its file. */
  effective(absolute: string, isFolder = false): { effective: EffectiveTemplate; problems: FileResult | undefined } {
    const uri = toUri(absolute);
    const { file } = this.resolver.resolve(isFolder ? `${uri.replace(/\/+$/, '')}/post.md` : uri);
    const problems = file && file.diagnostics.length > 0 ? { path: this.shown(toPath(file.uri)), diagnostics: file.diagnostics } : undefined;
    return { effective: effectiveTemplate(file, (template) => this.shown(toPath(template))), problems };
  }

  /** Whether `.alphanodeignore` files say to skip `absolute` (a folder when `isDirectory`). */
  isIgnored(absolute: string, isDirectory: boolean): boolean {
    return this.resolver.isIgnored(toUri(absolute), isDirectory);
  }

  /** The Markdown files under `folder` that a folder check reads (sorted by code units per folder; ignored ones and VCS/dependency folders skipped). */
  markdownFilesIn(folder: string, onSkipped?: (path: string) => void): string[] {
    return [...this.walkMarkdownFiles(folder, onSkipped)];
  }

  /** markdownFilesIn one file at a time, as the walk finds them. */
  *walkMarkdownFiles(folder: string, onSkipped?: (path: string) => void): Generator<string> {
    for (const uri of this.resolver.walkMarkdownFiles(toUri(folder), onSkipped && ((uri) => onSkipped(toPath(uri))))) yield toPath(uri);
  }

  /**
   * The broken templates among those applying to `files`, as results of their own (reported
   * before the posts, counted as errors: CI fails on a broken template).
   */
  templateReports(files: readonly string[]): FileResult[] {
    // One file per folder is enough (a folder's files share their template): no URI for each of the others.
    const oneInEachFolder = new Map<string, string>();
    for (const file of files) {
      const folder = folderOf(file);
      if (!oneInEachFolder.has(folder)) oneInEachFolder.set(folder, file);
    }
    return this.resolver.templateProblems([...oneInEachFolder.values()].map(toUri)).map((file) => ({ path: this.shown(toPath(file.uri)), diagnostics: file.diagnostics }));
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

/** The folder part of an absolute path, with its separator (a key: the files of a folder share their template). */
function folderOf(absolute: string): string {
  return absolute.slice(0, absolute.lastIndexOf(sep) + 1);
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
