/**
 * `alphanode render --format html FILE.md` on the built CLI (dist/cli.js): a complete,
 * standalone page with the meta box, its own strict CSP (the inline stylesheet by hash,
 * no scripts), remote images only with --allow-remote-images.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, REPO_ROOT, SEEDS_DIR, seedNames } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, input, encoding: 'utf8', timeout: 10_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function csp(page: string): string {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
}

describe('alphanode render --format html', () => {
  for (const name of seedNames()) {
    it(`${name.slice(0, 3)}: a standalone page with the box, exit 0, nothing on stderr`, () => {
      const result = run(['render', '--format', 'html', join(SEEDS_DIR, name)]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      const page = result.stdout;
      assert.match(page, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n/);
      assert.match(page, /<body class="anp-standalone">\n<article class="anp-box" aria-label="alphanode post meta">/);
      assert.match(page, /<\/article>\n<\/body>\n<\/html>\n$/);
      assert.match(page, /<span class="box-status status-ok">no problems<\/span>/);
      assert.doesNotMatch(page, /<script|<img|<link/i);
      // The one inline stylesheet is what the CSP's hash allows.
      const style = /<style>([^]*)<\/style>/.exec(page)?.[1] ?? '';
      const hash = createHash('sha256').update(style, 'utf8').digest('base64');
      assert.equal(csp(page), `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`);
    });
  }

  it('html is the default format; --format=html and standard input work too', () => {
    const file = join(SEEDS_DIR, seedNames()[0]);
    const byDefault = run(['render', file]).stdout;
    assert.equal(run(['render', '--format=html', file]).stdout, byDefault);
    const fromStdin = run(['render', '--format', 'html', '-'], spawnSync('cat', [file], { encoding: 'utf8' }).stdout);
    assert.equal(fromStdin.status, 0);
    assert.equal(fromStdin.stdout.replace(/<title>[^<]*<\/title>/, ''), byDefault.replace(/<title>[^<]*<\/title>/, ''));
  });

  it('--allow-remote-images: https images load, and the CSP allows https: images only', () => {
    const result = run(['render', '--allow-remote-images', join(SEEDS_DIR, seedNames()[3])]);
    assert.equal(result.status, 0);
    assert.match(csp(result.stdout), /; img-src https:; /);
    assert.equal(result.stdout.match(/<img class="image-media" src="https:\/\//g)?.length, 2);
  });

  it('the XSS corpus: no script, no handler, the CSP blocks anything else; problems are shown', () => {
    const result = run(['render', '--allow-remote-images', join(FIXTURES, 'render', 'xss.post.md')]);
    assert.equal(result.status, 0, 'render shows problems, it does not fail on them');
    assert.doesNotMatch(result.stdout, /<script|<svg|<a | on[a-z]+="/i);
    assert.equal(result.stdout.match(/<style>/g)?.length, 1);
    assert.match(result.stdout, /<span class="box-status status-error">\d+ errors · 1 warning<\/span>/);
  });

  it('an unreadable file: a message on stderr and exit 2', () => {
    const result = run(['render', '--format', 'html', 'no/such/post.md']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'no/such/post.md: error: cannot read: no such file or folder\n');
  });

  it('bad usage: exit 2 with the usage', () => {
    const result = run(['render', '--format', 'pdf', 'x.md']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^alphanode: unknown --format "pdf": use html, page or text\.\n\nUsage: alphanode/);
  });
});
