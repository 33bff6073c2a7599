import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { effectiveYaml } from '../service/workspace';
import { configFor } from './config';
import { formatText } from './format';

export interface ConfigCommandOptions {
  format: 'yaml' | 'json';
  path: string;
  isFolder: boolean;
}

/**
 * `alphanode config PATH`: the effective template of a post, as `check` would apply it, with
 * the file each value came from. A broken template (or chain): its problems on stderr, the
 * defaults printed, exit 1. A path that does not exist: exit 2.
 */
export function configCommand(options: ConfigCommandOptions): number {
  const absolute = resolve(options.path);
  try {
    statSync(absolute);
  } catch {
    process.stderr.write(`alphanode: cannot read ${options.path}: no such file or folder\n`);
    return 2;
  }
  const { effective, problems } = configFor(process.cwd(), undefined).effective(absolute, options.isFolder);
  process.stdout.write(options.format === 'json' ? `${JSON.stringify(effective, null, 2)}\n` : effectiveYaml(effective));
  if (problems) process.stderr.write(formatText([problems]));
  return effective.broken ? 1 : 0;
}
