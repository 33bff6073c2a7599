import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { isoToday, MAX_SEED, newPost } from '../service';

/**
 * `alphanode new`: the post the editor's "New Runbook Post…" command creates, from the
 * same core function. The host-side inputs (today, a random seed, the owner) are drawn
 * here; `--seed` and `--owner` pin them. Exit 0: written; 2: bad usage or a file that
 * exists (without --force) or cannot be written.
 */
export interface NewOptions {
  problem: string;
  stack: string;
  scenario: string;
  out: string | undefined;
  force: boolean;
  owner: string | undefined;
  seed: number | undefined;
}

export function newCommand(options: NewOptions): number {
  const { out, force } = options;
  if (out !== undefined && !force && existsSync(out)) {
    process.stderr.write(`alphanode: ${out} already exists; pass --force to overwrite it.\n`);
    return 2;
  }
  const text = newPost({
    problem: options.problem,
    stack: options.stack,
    scenario: options.scenario,
    today: isoToday(),
    seed: options.seed ?? randomInt(0, MAX_SEED + 1),
    owner: options.owner ?? defaultOwner(out === undefined ? process.cwd() : dirname(resolve(out))),
  });
  if (out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(out, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    const reason = code === 'EEXIST' ? 'already exists; pass --force to overwrite it' : code === 'ENOENT' ? 'no such folder' : error instanceof Error ? error.message : String(error);
    process.stderr.write(`${out}: error: cannot write: ${reason}\n`);
    return 2;
  }
  return 0;
}

/** The rollback note's owner, as the editor finds it without its setting: git's user.name, else the OS user. */
export function defaultOwner(cwd: string): string | undefined {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (name) return name;
  } catch {
    // not a repository, no git, or no user.name: fall through
  }
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}
