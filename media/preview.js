// The webview script of the meta box preview and the post preview (client/src/preview/).
// It only ever receives HTML the renderer escaped, and the page's CSP allows no other
// script than this one.
//  extension → webview: {type: 'update', uri, version, html?} (no html: the box is unchanged)
//                       {type: 'scrollTo', uri, line} (post preview: the editor's top line)
//                       {type: 'probeText', id} (tests: the page's text without reviewer chrome)
//  webview → extension: {type: 'ready'}, {type: 'rendered', uri, version, paintMs, paintedAt},
//                       {type: 'reveal', uri, range: [startLine, startChar, endLine, endChar]},
//                       {type: 'scrolled', uri, line, scrollY}, {type: 'text', id, text, scrollY},
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

  /** The element for source line `line`: the one with the greatest `data-line` not after it (the first of equals). */
  function blockAt(line) {
    let best;
    let bestLine = -1;
    for (const element of root.querySelectorAll('[data-line]')) {
      const at = Number(element.getAttribute('data-line'));
      if (at <= line && at > bestLine) {
        best = element;
        bestLine = at;
      }
    }
    return best;
  }

  /** Height of the sticky review bar, so a block scrolled to the top is not under it. */
  function topInset() {
    const bar = root.querySelector('.page-review');
    return bar ? bar.getBoundingClientRect().height : 0;
  }

  function scrollToLine(uri, line) {
    if (uri !== shownUri || !Number.isInteger(line)) return;
    const block = blockAt(line);
    if (!block) return;
    pendingScroll = undefined;
    window.scrollTo(0, Math.max(0, block.getBoundingClientRect().top + window.scrollY - topInset()));
    vscode.postMessage({ type: 'scrolled', uri, line: Number(block.getAttribute('data-line')), scrollY: Math.round(window.scrollY) });
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'scrollTo') {
      scrollToLine(message.uri, message.line);
      return;
    }
    if (message && message.type === 'probeText') {
      // The text a reader sees: reviewer-only elements (problems, rollback notes) hidden.
      document.body.classList.add('anp-reader');
      const text = root.innerText;
      document.body.classList.remove('anp-reader');
      vscode.postMessage({ type: 'text', id: message.id, text, scrollY: Math.round(window.scrollY) });
      return;
    }
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
    // The problem summary jumps to the first problem (below the sticky bar).
    const summary = event.target.closest('a.page-summary');
    if (summary) {
      event.preventDefault();
      const first = document.getElementById('anp-problem-1');
      if (first) window.scrollTo(0, Math.max(0, first.getBoundingClientRect().top + window.scrollY - topInset() - 8));
      return;
    }
    // Links (rule docs), the rollback toggle: their own action, no jump to the source.
    if (event.target.closest('a, label, input')) return;
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
