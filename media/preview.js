// The meta box preview's webview script (client/src/preview/). It only ever receives
// HTML the renderer escaped, and the page's CSP allows no other script than this one.
//  extension → webview: {type: 'update', uri, version, html?} (no html: the box is unchanged)
//  webview → extension: {type: 'ready'}, {type: 'rendered', uri, version, paintMs, paintedAt},
//                       {type: 'reveal', uri, range: [startLine, startChar, endLine, endChar]},
//                       {type: 'error', message}
// State (vscode.setState, kept across reloads and restored by the panel serializer):
//  {uri, scroll: {[uri]: scrollY}}
/* global acquireVsCodeApi, requestAnimationFrame, performance, Element */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const state = Object.assign({ uri: undefined, scroll: {} }, vscode.getState() || {});
  let shownUri = state.uri;
  let first = true;
  // A scroll position to get back to once the page is tall enough (after a reload the
  // webview may be laid out in steps); the reader's own scrolling cancels it.
  let pendingScroll;

  window.addEventListener('error', (event) => vscode.postMessage({ type: 'error', message: String(event.message) }));

  function save() {
    vscode.setState(state);
  }

  function applyPendingScroll() {
    if (pendingScroll === undefined) return;
    window.scrollTo(0, pendingScroll);
    if (Math.abs(window.scrollY - pendingScroll) <= 1) pendingScroll = undefined;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'update') return;
    const received = performance.now();
    const switched = message.uri !== shownUri;
    // `html` is left out when the box did not change (an edit of the body, say).
    if (typeof message.html === 'string') patch(message.html);
    if (switched || first) {
      pendingScroll = state.scroll[message.uri] || 0;
      shownUri = message.uri;
      state.uri = message.uri;
      save();
    }
    first = false;
    applyPendingScroll();
    requestAnimationFrame(() => {
      applyPendingScroll();
      setTimeout(() => vscode.postMessage({ type: 'rendered', uri: message.uri, version: message.version, paintMs: Math.round(performance.now() - received), paintedAt: Date.now() }), 0);
    });
  });

  /**
   * Puts the new box in place, replacing only the blocks (fields, rows) that changed: the
   * rest of the page is neither re-laid out nor repainted, and the scroll position stays.
   */
  function patch(html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    const next = template.content.firstElementChild;
    const current = root.firstElementChild;
    if (!next || !current || next.tagName !== current.tagName || next.className !== current.className || template.content.childElementCount !== 1 || root.childElementCount !== 1) {
      root.replaceChildren(...template.content.childNodes);
      return;
    }
    const fresh = [...next.children];
    const old = [...current.children];
    for (let i = 0; i < fresh.length; i++) {
      if (i < old.length) {
        if (old[i].outerHTML !== fresh[i].outerHTML) current.replaceChild(fresh[i], old[i]);
      } else {
        current.appendChild(fresh[i]);
      }
    }
    for (let i = fresh.length; i < old.length; i++) old[i].remove();
  }

  window.addEventListener('resize', applyPendingScroll);
  for (const type of ['wheel', 'keydown', 'mousedown', 'touchstart']) {
    window.addEventListener(type, () => { pendingScroll = undefined; }, { passive: true });
  }

  let scrollTimer;
  window.addEventListener('scroll', () => {
    if (!shownUri || pendingScroll !== undefined) return;
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      state.scroll[shownUri] = Math.round(window.scrollY);
      save();
    }, 100);
  }, { passive: true });

  root.addEventListener('click', (event) => {
    if (!shownUri || !(event.target instanceof Element)) return;
    // Let people select text without jumping to the editor.
    if (String(window.getSelection() || '') !== '') return;
    const element = event.target.closest('[data-range]');
    if (!element) return;
    const range = element.getAttribute('data-range').split(':').map(Number);
    if (range.length !== 4 || range.some((n) => !Number.isInteger(n) || n < 0)) return;
    vscode.postMessage({ type: 'reveal', uri: shownUri, range });
  });

  vscode.postMessage({ type: 'ready', uri: shownUri });
})();
