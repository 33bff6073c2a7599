import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, sep } from 'node:path';

/** `--shard i/n`: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); undefined when it is not one. */
export function parseShard(value: string): Shard | undefined {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value);
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Whether the file at `path` belongs to `shard`: a stable hash (sha1) of its path relative
 * to the working folder, with forward slashes, so every machine and every CI job of a
 * matrix puts each file in the same one shard, whatever else is in the run.
 */
export function inShard(path: string, cwd: string, shard: Shard): boolean {
  const absolute = isAbsolute(path) ? path : join(cwd, path);
  const key = relative(cwd, absolute).split(sep).join('/');
  return createHash('sha1').update(key).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}
