/**
 * The post page (issue 16 §1–2): the whole post as the site renders it. Its visible text is
 * the site's text — for every seed (against the real exports in test/fixtures/exports) and
 * every test post (against `renderText`), the page's innerText equals the export less its
 * chrome lines — its reviewer chrome (problems, rollback notes) is marked and placed, every
 * value is escaped, and the standalone document has no scripts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { metaBoxDocument, metaBoxModel, metaObject, parsePost, renderPage, renderText, validatePost } from '../../server/src/service';
import { generatePosts } from '../support/corpus';
import { FIXTURES, loadFixture, loadSeed, REPO_ROOT, seedNames, TODAY } from '../support/fixtures';
import { hostileCorpus } from '../support/hostile';
import { exportContent, normalizeText, pageText, readHtml, Tag } from '../support/pageText';

function page(text: string, allowRemoteImages = false) {
  const post = parsePost(text);
  return renderPage(post, validatePost(post, { today: TODAY }), { allowRemoteImages });
}

function assertSameText(source: string, label: string, allowRemoteImages = false): void {
  const expected = normalizeText(exportContent(renderText(parsePost(source))));
  const actual = normalizeText(pageText(page(source, allowRemoteImages).html));
  assert.deepEqual(actual, expected, label);
}

function markdownFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (/\.(md|markdown)$/.test(name)) out.push(path);
  }
  return out;
}

describe('post page: the text is the site\'s text', () => {
  for (const name of seedNames()) {
    it(`seed ${name.slice(0, 3)}: innerText equals the real export (less its first and last line)`, () => {
      const exported = readFileSync(join(FIXTURES, 'exports', name.replace('.post.md', '.txt')), 'utf8');
      const source = loadSeed(name);
      for (const allowRemoteImages of [false, true]) {
        assert.deepEqual(normalizeText(pageText(page(source, allowRemoteImages).html)), normalizeText(exportContent(exported)));
      }
    });
  }

  it('every test post (fixtures, samples, the XSS post, the hostile corpus, generated posts): innerText equals render --format text', () => {
    const files = [...markdownFiles(FIXTURES), ...markdownFiles(join(REPO_ROOT, 'samples'))];
    assert.ok(files.length > 50, `found ${files.length} test posts`);
    for (const file of files) assertSameText(readFileSync(file, 'utf8'), file);
    for (const post of hostileCorpus()) assertSameText(post.text, post.name);
    for (const text of generatePosts(30, 7)) assertSameText(text, 'generated');
  });

  it('Markdown the seeds do not use: emphasis, links, inline HTML, hard breaks, nested and ordered lists, quotes, raw HTML, code in lists', () => {
    const body = [
      '# A *title* with `code`',
      '',
      'some **strong** and _em_ text, a [link](https://example.com) and <b>inline html</b>,  ',
      'after a hard break\\',
      'and another.',
      '',
      '1. first',
      '   - nested one',
      '   - nested two',
      '',
      '     more of nested two',
      '2. second',
      '   ```sh',
      '   make',
      '   ```',
      '',
      '> quoted paragraph',
      '',
      '<div class="x">raw <i>html</i></div>',
      '',
      '<!-- a comment -->',
      '',
      '    indented code',
      '',
      '---',
      '',
      'mixed ![inline image](https://a.example/i.png) in text',
      '',
    ].join('\n');
    const source = `${loadSeed('000').split('\n---\n')[0]}\n---\n\n${body}`;
    assertSameText(source, 'markdown features');
    const { html } = page(source);
    assert.match(html, /<strong>strong<\/strong>/);
    assert.match(html, /<span class="link" title="https:\/\/example.com">link<\/span>/);
    assert.doesNotMatch(html, /<b>|<i>|<a href="https:\/\/example/);
  });
});

describe('post page: structure', () => {
  it('seed 003: title, sections, figures with captions and sources, the rollback note marked and in place, the meta box last', () => {
    const source = loadSeed('003');
    const { html } = page(source);
    const post = parsePost(source);
    const titleLine = post.body.titles[0].line;
    assert.ok(html.includes(`<div class="blk blk-title" data-line="${titleLine}" data-range="${titleLine}:0:${titleLine}:0"><h1 class="page-title">python services notes:`));
    assert.equal(html.match(/<figure class="page-image">/g)?.length, 2);
    assert.match(html, /<div class="image-media image-placeholder image-off" role="img" aria-label="documenting production defaults with python services visual reference 1">/);
    assert.match(html, /<div class="image-credit">documenting production defaults with python services visual reference 1\. image source: unsplash<\/div>/);
    assert.doesNotMatch(html, /<img/);
    // The rollback note stands between "why this matters" and the checklist, in its box, with a toggle.
    const note = html.indexOf('<aside class="rollback-note" data-review aria-label="not published: rollback note">');
    assert.ok(note > html.indexOf('>why this matters</h2>') && note < html.indexOf('>implementation checklist</h2>'));
    assert.match(html.slice(note), /^<aside[^>]*><p class="rollback-title">not published: rollback note<\/p><pre><code>owner: sam\.okafor\n/);
    assert.match(html, /^<article class="anp-page">\n<input type="checkbox" id="anp-hide-rollback" class="rollback-toggle" data-review>\n<nav class="page-review" data-review aria-label="review">/);
    assert.match(html, /<label class="rollback-switch" for="anp-hide-rollback">hide rollback notes \(1\)<\/label>/);
    assert.ok(html.indexOf('<section class="page-meta"') > html.indexOf('>final notes</h2>'));
    assert.match(html, /<div class="meta-row meta-value" data-line="\d+" data-range="\d+:0:\d+:0"><span class="meta-label">view count<\/span><span class="meta-value">87529<\/span><\/div>/);
    assert.match(html, /<span class="marker">• <\/span>has images: 1<\/li>/);
  });

  it('remote images load only when allowed, and only https URLs', () => {
    const source = loadSeed('003');
    const tags = readHtml(page(source, true).html).filter((part): part is Tag => typeof part !== 'string' && part.name === 'img');
    assert.deepEqual(tags.map((tag) => tag.attributes.find(([name]) => name === 'src')?.[1]), [
      'https://images.unsplash.com/photo-1515879218367-8466d910aaa4?auto=format&fit=crop&w=1200&q=80',
      'https://loremflickr.com/1200/630/code,developer?lock=261',
    ]);
    const http = page(source.replaceAll('https://loremflickr.com/', 'http://loremflickr.com/'), true).html;
    assert.match(http, /image-placeholder image-bad/);
  });

  it('problems: a summary that links to the first, each problem under its block with its rule linking to its docs', () => {
    const source = loadSeed('000').replace('reading_time: 7', 'reading_time: -3').replace(/\n## implementation checklist\n/, '\n## implementation steps\n');
    const post = parsePost(source);
    const diagnostics = validatePost(post, { today: TODAY });
    const { html } = renderPage(post, diagnostics, { allowRemoteImages: false });
    const errors = diagnostics.filter((d) => d.severity === 1).length;
    const warnings = diagnostics.filter((d) => d.severity === 2).length;
    assert.ok(errors > 0);
    const summary = /<a class="page-summary status-error" href="#anp-problem-1" title="Go to the first problem">([^<]*)<\/a>/.exec(html)?.[1];
    assert.equal(summary, [`${errors} error${errors === 1 ? '' : 's'}`, ...(warnings ? [`${warnings} warning${warnings === 1 ? '' : 's'}`] : [])].join(' · '));
    assert.equal(html.match(/<li class="problem /g)?.length, diagnostics.length);
    // The reading time problem sits in the meta box, on the reading time row.
    const row = /<div class="meta-row meta-value blk-error"[^>]*><span class="meta-label">reading time<\/span><span class="meta-value">-3<\/span><ul class="problems" data-review><li class="problem problem-error" id="anp-problem-\d+" data-range="[\d:]+"><span class="problem-level">error<\/span><span class="problem-message">[^<]*<\/span><a class="problem-rule" href="https:\/\/[^"]+#meta-invalid"/.exec(html);
    assert.ok(row, 'reading time row with its problem');
    // The first problem on the page is in the body (the meta box is last).
    const first = html.indexOf('id="anp-problem-1"');
    assert.ok(first < html.indexOf('<section class="page-meta"'));
    assert.equal(html.match(/id="anp-problem-1"/g)?.length, 1);
  });

  it('the meta box shows the model: the export\'s labels, order and values', () => {
    const meta = metaObject(parsePost(loadSeed('000')));
    const model = metaBoxModel(meta);
    assert.deepEqual(model.map((entry) => entry.label).slice(0, 6), ['topic', 'summary', 'ai outline', 'ai brief', 'stack', 'tools']);
    assert.deepEqual(model.find((entry) => entry.key === 'view_count'), { kind: 'value', key: 'view_count', label: 'view count', text: '157046' });
    const flags = model.find((entry) => entry.key === 'flags');
    assert.ok(flags?.kind === 'map');
    assert.deepEqual(flags.fields.map((field) => `${field.label}: ${field.text}`), ['ai generated style: 1', 'has images: 1', 'image heavy: 0', 'needs human review: 1']);
  });

  it('is deterministic, and the same for the same text', () => {
    const source = loadSeed('001');
    assert.equal(page(source).html, page(source).html);
  });
});

describe('post page: hostile text stays inert', () => {
  const ELEMENTS = new Set(['article', 'input', 'nav', 'a', 'label', 'span', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'pre', 'code', 'em', 'strong', 'br', 'hr', 'figure', 'figcaption', 'img', 'section', 'aside']);
  const ATTRIBUTES = new Set(['class', 'id', 'type', 'for', 'href', 'title', 'data-line', 'data-range', 'data-review', 'data-char', 'role', 'aria-label', 'aria-hidden', 'src', 'alt', 'loading', 'decoding', 'referrerpolicy']);

  function assertInert(html: string): Tag[] {
    const tags = readHtml(html).filter((part): part is Tag => typeof part !== 'string');
    for (const tag of tags) {
      assert.ok(ELEMENTS.has(tag.name), `unexpected element <${tag.name}>`);
      for (const [name, value] of tag.attributes) {
        assert.ok(ATTRIBUTES.has(name), `unexpected attribute ${name} on <${tag.name}>`);
        if (name === 'href') assert.match(value, /^(#anp-problem-1|https:\/\/[^\s"'<>]+)$/);
        if (name === 'src') assert.match(value, /^https:\/\//);
      }
    }
    return tags;
  }

  for (const allowRemoteImages of [false, true]) {
    it(`the XSS post and the hostile corpus render as text (remote images ${allowRemoteImages ? 'allowed' : 'off'})`, () => {
      const xss = loadFixture('render/xss.post.md');
      const { html } = page(xss, allowRemoteImages);
      assertInert(html);
      const shown = readHtml(html).filter((part): part is string => typeof part === 'string').join('');
      for (const payload of ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '</style><style>*{display:none}</style>']) assert.ok(shown.includes(payload), payload);
      for (const post of hostileCorpus()) assertInert(page(post.text, allowRemoteImages).html);
    });
  }

  it('a body with script, handlers, javascript: links and a bidi override: text, a link title, a marker', () => {
    const source = `${loadSeed('000').split('\n---\n')[0]}\n---\n\n# t <script>alert(1)</script>\n\n[x](javascript:alert(2)) "><img src=x onerror=alert(3)> \u202Eevil\n\n![c" onerror="x](javascript:alert(4))\n`;
    const { html } = page(source, true);
    const tags = assertInert(html);
    assert.ok(!tags.some((tag) => tag.name === 'img'));
    assert.match(html, /<span class="hidden-char" data-char="U\+202E" title="U\+202E [^"]+"><\/span>evil/);
    // Inline HTML is not text on the site (the export drops it too); a link markdown-it refuses stays text.
    assert.doesNotMatch(html, /onerror=alert\(3\)/);
    assert.match(html, /<p>\[x\]\(javascript:alert\(2\)\) &quot;&gt; <span class="hidden-char"/);
    assertSameText(source, 'hostile body');
  });

  it('the standalone page: one style element, no script, a CSP that allows only that style (and https images when allowed)', () => {
    const rendered = page(loadFixture('render/xss.post.md'), false);
    const hash = createHash('sha256').update(rendered.css).digest('base64');
    const document = metaBoxDocument(rendered, { title: 'x', styleSource: `'sha256-${hash}'`, allowRemoteImages: false });
    assert.equal(document.match(/<style>/g)?.length, 1);
    assert.doesNotMatch(document, /<script/i);
    assert.match(document, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; img-src 'none'; base-uri 'none'; form-action 'none'">/);
  });
});
