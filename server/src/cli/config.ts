import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_TEMPLATE, Template } from '../service';
import { IGNORE_FILE, IgnoreRules, isIgnored, parseIgnore } from '../service/ignore';
import { fallbackDiagnostic, ParsedTemplate, parseTemplate, templateCandidates } from '../service/templateSchema';
import type { FileResult } from './format';

/** `--config FILE` could not be read: bad input (exit 2), not a broken template. */
export class ConfigError extends Error {}

interface LoadedTemplate extends ParsedTemplate {
  path: string;
  /** The folder the template's `files` globs are relative to. */
  base: string;
}

/** What applies to one post: its template, the post globs and the path they match against, and the fallback notice. */
export interface AppliedTemplate {
  template: Template;
  files: readonly string[];
  globPath: string;
  /** The one info diagnostic of a post whose template is broken (range filled in by the caller's post). */
  fallback?: (range: Diagnostic['range']) => Diagnostic;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Team templates and ignore files on disk for `alphanode check`, with the editor's rules:
 * a file gets the nearest `.alphanode.yaml` between its folder and the root (the working
 * folder for files inside it, the file system root for files outside), unless `--config`
 * names one file for all. `.alphanodeignore` files from the root down to a file's folder
 * decide whether a folder's walk skips it. Everything read is cached for the run.
 */
export class CheckConfig {
  private readonly exists = new Map<string, boolean>();
  private readonly templates = new Map<string, LoadedTemplate>();
  private readonly ignores = new Map<string, IgnoreRules | null>();

  constructor(
    readonly cwd: string,
    /** `--config FILE` (absolute): used for every post instead of discovery. */
    readonly configFile?: string,
  ) {
    if (configFile !== undefined) this.load(configFile);
  }

  /** The template file that applies to `absolute`, if any. */
  templateFileFor(absolute: string): string | undefined {
    if (this.configFile !== undefined) return this.configFile;
    const root = this.rootFor(absolute);
    const candidates = templateCandidates(pathToFileURL(absolute).href, pathToFileURL(root).href);
    for (const candidate of candidates) {
      const path = fileURLToPath(candidate);
      if (this.isFile(path)) return path;
    }
    return undefined;
  }

  /** The template, globs and path that classify and validate the post at `absolute` (shown to the user as `shown`). */
  apply(absolute: string, shown: string): AppliedTemplate {
    const file = this.templateFileFor(absolute);
    const loaded = file === undefined ? undefined : this.load(file);
    const useTemplateGlobs = loaded !== undefined && loaded.hasFiles && !loaded.broken;
    const base = useTemplateGlobs ? loaded.base : this.cwd;
    const fromBase = relative(base, absolute).split(sep).join('/');
    const globPath = outside(relative(base, absolute)) ? shown.split(sep).join('/') : fromBase;
    const applied: AppliedTemplate = { template: loaded?.template ?? DEFAULT_TEMPLATE, files: useTemplateGlobs ? loaded.template.files : DEFAULT_TEMPLATE.files, globPath };
    if (loaded?.broken) {
      const label = this.shown(loaded.path);
      applied.fallback = (range) => fallbackDiagnostic(range, label, pathToFileURL(loaded.path).href, loaded.diagnostics[0]);
    }
    return applied;
  }

  /** Whether `.alphanodeignore` files say to skip `absolute` (a folder when `isDirectory`). */
  isIgnored(absolute: string, isDirectory: boolean): boolean {
    const root = this.rootFor(absolute);
    const relativePath = relative(root, absolute).split(sep).join('/');
    if (relativePath === '' || outside(relative(root, absolute))) return false;
    const rules: IgnoreRules[] = [];
    let dir = root;
    const segments = relativePath.split('/');
    for (let i = 0; i < segments.length; i++) {
      const own = this.ignoreIn(dir);
      if (own) rules.push({ ...own, base: segments.slice(0, i).join('/') });
      dir = join(dir, segments[i]);
    }
    return isIgnored(relativePath, rules, isDirectory);
  }

  /**
   * The broken templates among those applying to `files`, as results of their own (reported
   * before the posts, counted as errors: CI fails on a broken template).
   */
  templateReports(files: readonly string[]): FileResult[] {
    const used = new Set<string>();
    for (const file of files) {
      const template = this.templateFileFor(file);
      if (template !== undefined) used.add(template);
    }
    return [...used]
      .map((path) => this.load(path))
      .filter((loaded) => loaded.diagnostics.length > 0)
      .map((loaded) => ({ path: this.shown(loaded.path), diagnostics: loaded.diagnostics }));
  }

  private load(path: string): LoadedTemplate {
    let loaded = this.templates.get(path);
    if (loaded) return loaded;
    let text: string;
    try {
      text = utf8.decode(readFileSync(path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = error instanceof TypeError ? 'not valid UTF-8 text' : code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message;
      if (path === this.configFile) throw new ConfigError(`cannot read --config ${this.shown(path)}: ${reason}`);
      text = '';
    }
    // --config globs are relative to the working folder; a discovered file's to its own folder.
    loaded = { ...parseTemplate(text), path, base: path === this.configFile ? this.cwd : dirname(path) };
    this.templates.set(path, loaded);
    return loaded;
  }

  private ignoreIn(dir: string): IgnoreRules | null {
    let rules = this.ignores.get(dir);
    if (rules === undefined) {
      const path = join(dir, IGNORE_FILE);
      rules = null;
      if (this.isFile(path)) {
        try {
          rules = parseIgnore(readFileSync(path, 'utf8'));
        } catch {
          rules = null;
        }
      }
      this.ignores.set(dir, rules);
    }
    return rules;
  }

  private rootFor(absolute: string): string {
    return outside(relative(this.cwd, absolute)) ? parsePath(absolute).root : this.cwd;
  }

  private isFile(path: string): boolean {
    let found = this.exists.get(path);
    if (found === undefined) {
      try {
        found = statSync(path).isFile();
      } catch {
        found = false;
      }
      this.exists.set(path, found);
    }
    return found;
  }

  private shown(path: string): string {
    const fromCwd = relative(this.cwd, path);
    return outside(fromCwd) ? path : fromCwd.split(sep).join('/');
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
