/**
 * The Compare Post with Revision page (client/src/commands/compareHtml.ts) on a real diff
 * whose values are the XSS corpus: strict CSP with the nonce, our one style and one script,
 * every value shown as text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePageHtml, escapeHtml } from '../../client/src/commands/compareHtml';
import { comparePosts } from '../../server/src/service';
import { loadFixture, loadSeed } from '../support/fixtures';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const diff = comparePosts(loadSeed('003'), loadFixture('render/xss.post.md'));
const page = comparePageHtml({ post: 'posts/<b>x</b>.post.md', revision: 'main"><script>alert(9)</script>', diff, nonce: NONCE });

test('compare page: the XSS corpus diff has values to show', () => {
  assert.equal(diff.status, 'modified');
  assert.ok(diff.changes.some((change) => change.path === 'summary' && String(change.new).includes('<script>alert(1)</script>')));
});

test('compare page: strict CSP with the nonce; exactly our style and our script', () => {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
  assert.equal(csp, `default-src 'none'; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; base-uri 'none'; form-action 'none'`);
  assert.deepEqual(page.match(/<script[^>]*>/g), [`<script nonce="${NONCE}">`]);
  assert.deepEqual(page.match(/<style[^>]*>/g), [`<style nonce="${NONCE}">`]);
  // No element the post wrote: every tag on the page is one of ours.
  const tags = new Set([...page.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[1].toLowerCase()));
  assert.deepEqual([...tags].sort(), ['body', 'code', 'h1', 'head', 'html', 'meta', 'p', 'script', 'span', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr']);
});

test('compare page: values, the post name and the revision are escaped text', () => {
  assert.ok(page.includes(escapeHtml('posts/<b>x</b>.post.md compared with main"><script>alert(9)</script>')));
  assert.ok(page.includes(escapeHtml('<script>alert(1)</script><img src=x onerror=alert(2)>')));
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&amp;`), '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;amp;');
});

test('compare page: rows with a line carry it as a number for the reveal message', () => {
  const lines = [...page.matchAll(/<tr class="(\w+)" data-line="(\d+)"/g)].map((match) => Number(match[2]));
  assert.deepEqual(lines, diff.changes.filter((change) => change.line !== undefined).map((change) => change.line));
  assert.ok(lines.length > 0);
});
