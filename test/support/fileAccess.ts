/**
 * What the VS Code client (client/src/fileAccess.ts) answers to the server's file requests,
 * over node's fs: `alphanode/findFiles` (globs relative to the folder, minimatch) and
 * `alphanode/readFile` (UTF-8 text or null). For the protocol tests and the benchmark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Minimatch } from 'minimatch';

interface FindFilesParams {
  folderUri: string;
  include: string[];
  exclude?: string;
  maxResults?: number;
}

export interface FileAccessStats {
  findFiles: number;
  reads: number;
  /** URIs read, in order. */
  readUris: string[];
}

export interface FileAccessOptions {
  /** Delay (ms) before each answer, like a slow or remote file system. */
  delayMs?: number;
}

/** Request handlers for LspClientOptions.handlers, and counters of what the server asked. */
export function fsFileAccess(options: FileAccessOptions = {}): { handlers: Record<string, (params: unknown) => unknown>; stats: FileAccessStats } {
  const stats: FileAccessStats = { findFiles: 0, reads: 0, readUris: [] };
  const delay = () => (options.delayMs ? new Promise((resolve) => setTimeout(resolve, options.delayMs)) : Promise.resolve());
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  return {
    stats,
    handlers: {
      'alphanode/findFiles': async (raw) => {
        const params = raw as FindFilesParams;
        stats.findFiles++;
        await delay();
        const folder = fileURLToPath(params.folderUri);
        const include = params.include.map((glob) => new Minimatch(glob, { dot: true }));
        const exclude = params.exclude ? new Minimatch(params.exclude, { dot: true }) : undefined;
        const found: string[] = [];
        const walk = (dir: string) => {
          let entries;
          try {
            entries = readdirSync(dir, { withFileTypes: true });
          } catch {
            return;
          }
          for (const entry of entries) {
            const path = join(dir, entry.name);
            const rel = relative(folder, path).split(sep).join('/');
            if (entry.isDirectory()) {
              if (!exclude?.match(`${rel}/x`)) walk(path);
            } else if (include.some((glob) => glob.match(rel)) && !exclude?.match(rel)) {
              found.push(pathToFileURL(path).href);
            }
          }
        };
        walk(folder);
        return params.maxResults ? found.slice(0, params.maxResults) : found;
      },
      'alphanode/readFile': async (raw) => {
        const { uri } = raw as { uri: string };
        stats.reads++;
        stats.readUris.push(uri);
        await delay();
        try {
          return utf8.decode(readFileSync(fileURLToPath(uri)));
        } catch {
          return null;
        }
      },
    },
  };
}
