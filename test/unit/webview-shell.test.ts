/**
 * The preview panels' document (client/src/preview/html.ts): the one webview shell, its CSP
 * per setting, and a script or loading text that cannot break out of its element.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewShell } from '../../client/src/preview/html';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const shell = (allowRemoteImages: boolean) => previewShell({
  cspSource: SOURCE, nonce: NONCE, allowRemoteImages, css: '.anp-box{}', loading: 'Rendering <b>the</b> page…',
  script: 'const s = "</script><script>alert(1)</script>";',
});
const csp = (page: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];

test('preview shell: images from the extension only, https only when remote images are allowed', () => {
  assert.equal(csp(shell(false)), `default-src 'none'; style-src ${SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src ${SOURCE}; base-uri 'none'; form-action 'none'`);
  assert.equal(csp(shell(true)), `default-src 'none'; style-src ${SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src ${SOURCE} https:; base-uri 'none'; form-action 'none'`);
});

test('preview shell: one nonce\'d style and one nonce\'d script; neither the script nor the loading text opens an element', () => {
  const page = shell(false);
  assert.deepEqual(page.match(/<style[^>]*>/g), [`<style nonce="${NONCE}">`]);
  // One script element: the script's own text cannot close it (a "<script>" inside it is inert text).
  assert.ok(page.includes(`<script nonce="${NONCE}">const s = "<\\/script><script>alert(1)<\\/script>";</script>`));
  assert.ok(page.includes('<p class="anp-loading">Rendering bthe/b page…</p>'));
  assert.equal(page.match(/<\/script>/g)?.length, 1);
});
