/**
 * `alphanode`, the package's bin (dist/cli.js): loads the CLI (cli.ts, bundled as
 * dist/cli-main.js) through V8's code cache (cli/compileCache.ts), so that a run reads compiled
 * code instead of compiling 800 KB of JavaScript. `check`'s worker threads start here too.
 */
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { requireWithCompileCache } from './cli/compileCache';

/** Commands whose compiled code is cached apart: each run caches the functions it called. */
const PROFILES = new Set(['check', 'lsp']);

const command = process.argv[2];
const profile = !isMainThread ? 'check' : PROFILES.has(command) ? command : 'other';
const cli = requireWithCompileCache(join(__dirname, 'cli-main.js'), profile) as typeof import('./cli');
cli.runCli(__filename);
