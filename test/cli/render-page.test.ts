/**
 * `alphanode render --format page FILE.md` on the built CLI (dist/cli.js): the whole post as
 * the post preview shows it, as a standalone document: no scripts, a CSP meta tag that allows
 * only its inline stylesheet (and https images with --allow-remote-images), the site's text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, REPO_ROOT, SEEDS_DIR, seedNames } from '../support/fixtures';
import { exportContent, normalizeText, pageText } from '../support/pageText';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function csp(page: string): string {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
}

/** The `<article>` of the document's body. */
function article(page: string): string {
  return /<body class="anp-standalone">\n(<article class="anp-page">[^]*<\/article>)\n<\/body>/.exec(page)?.[1] ?? '';
}

describe('alphanode render --format page', () => {
  for (const name of seedNames()) {
    it(`${name.slice(0, 3)}: a standalone page whose text is the export's, no scripts, a strict CSP, exit 0`, () => {
      const result = run(['render', '--format', 'page', join(SEEDS_DIR, name)]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      const page = result.stdout;
      assert.match(page, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n/);
      assert.match(page, new RegExp(`<title>${name.replace(/\./g, '\\.')}: post preview</title>`));
      assert.doesNotMatch(page, /<script|<img|<link|<iframe/i);
      const style = /<style>([^]*)<\/style>/.exec(page)?.[1] ?? '';
      const hash = createHash('sha256').update(style, 'utf8').digest('base64');
      assert.equal(csp(page), `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`);
      const exported = readFileSync(join(FIXTURES, 'exports', name.replace('.post.md', '.txt')), 'utf8');
      assert.deepEqual(normalizeText(pageText(article(page))), normalizeText(exportContent(exported)));
      assert.match(page, /<span class="page-summary status-ok">no problems<\/span>/);
    });
  }

  it('--allow-remote-images: the https images load and the CSP allows https: images', () => {
    const result = run(['render', '--format', 'page', '--allow-remote-images', join(SEEDS_DIR, seedNames()[3])]);
    assert.equal(result.status, 0);
    assert.match(csp(result.stdout), /; img-src https:; /);
    assert.equal(result.stdout.match(/<img class="image-media" src="https:\/\//g)?.length, 2);
  });

  it('the XSS post: no script, no handler, the problems summarized and shown inline', () => {
    const result = run(['render', '--format=page', join(FIXTURES, 'render', 'xss.post.md')]);
    assert.equal(result.status, 0, 'render shows problems, it does not fail on them');
    assert.doesNotMatch(result.stdout, /<script|<svg| on[a-z]+="/i);
    assert.match(result.stdout, /<a class="page-summary status-error" href="#anp-problem-1" title="Go to the first problem">\d+ errors · 1 warning<\/a>/);
  });

  it('--format html and text are unchanged by page', () => {
    const file = join(SEEDS_DIR, seedNames()[0]);
    assert.match(run(['render', file]).stdout, /<article class="anp-box"/);
    assert.equal(run(['render', '--format', 'text', file]).stdout, readFileSync(join(FIXTURES, 'exports', seedNames()[0].replace('.post.md', '.txt')), 'utf8'));
  });
});
