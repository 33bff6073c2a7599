/**
 * The meta box renderer (issue "Live preview of the meta box"): golden HTML for the five
 * seeds, the XSS corpus rendered inert, invalid and unparsable posts, determinism, and
 * the source ranges a click in the preview selects.
 *
 * Goldens: test/fixtures/render/<seed>.html. After a deliberate change of the box, run
 * `UPDATE_GOLDEN=1 node --test out/test/unit/render-html.test.js` and review the diff.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { escapeHtml, metaBoxDocument, parsePost, renderMetaBox, renderNotAPost, safeImageUrl, validatePost } from '../../server/src/service';
import { groupDigits, timeAgo } from '../../server/src/service/render/format';
import { parseTemplate } from '../../server/src/service/workspace/templateSchema';
import { edit, FIXTURES, loadFixture, loadSeed, seedNames, TODAY } from '../support/fixtures';

const GOLDEN_DIR = join(FIXTURES, 'render');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function render(text: string, options: { allowRemoteImages?: boolean; diagnostics?: Diagnostic[] } = {}) {
  const post = parsePost(text);
  const diagnostics = options.diagnostics ?? validatePost(post, { today: TODAY });
  return renderMetaBox(post, diagnostics, { today: TODAY, allowRemoteImages: options.allowRemoteImages ?? false });
}

function standalone(text: string, allowRemoteImages = false): string {
  const box = render(text, { allowRemoteImages });
  const hash = createHash('sha256').update(box.css).digest('base64');
  return metaBoxDocument(box, { title: 'test', styleSource: `'sha256-${hash}'`, allowRemoteImages });
}

// ---- a strict reading of the renderer's HTML ---------------------------------------------
//
// The renderer writes a small, regular HTML: `<name attr="value" …>`, `</name>`, text.
// This tokenizer accepts only that (double-quoted attribute values without a raw `"`, `<`
// or `>`; text without a raw `<`) and throws on anything else. Output it accepts is parsed
// the same way by a browser, so checking its tags and attributes checks what a browser
// would build: no element or attribute a post could have smuggled in.

interface Tag {
  name: string;
  closing: boolean;
  attributes: Array<[string, string]>;
}

const ELEMENTS = new Set(['article', 'bdi', 'header', 'h1', 'h2', 'section', 'div', 'p', 'span', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'code', 'figure', 'figcaption', 'img', 'time', 'mark', 'pre']);
const ATTRIBUTES = new Set(['class', 'title', 'data-key', 'data-range', 'role', 'aria-label', 'aria-hidden', 'aria-valuemin', 'aria-valuemax', 'aria-valuenow', 'src', 'alt', 'loading', 'decoding', 'referrerpolicy', 'datetime']);

function tokenize(html: string): { tags: Tag[]; text: string } {
  const tags: Tag[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const chunk = html.slice(i, lt < 0 ? html.length : lt);
    assert.doesNotMatch(chunk, />/, `raw > in text near ${JSON.stringify(html.slice(i, i + 80))}`);
    text += chunk;
    if (lt < 0) break;
    const match = /^<(\/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"<>]*")*)>/.exec(html.slice(lt));
    assert.ok(match, `not a well-formed tag at ${JSON.stringify(html.slice(lt, lt + 120))}`);
    const attributes = [...match[3].matchAll(/ ([a-z][a-z0-9-]*)="([^"]*)"/g)].map((m): [string, string] => [m[1], decode(m[2])]);
    tags.push({ name: match[2], closing: match[1] === '/', attributes });
    i = lt + match[0].length;
  }
  return { tags, text: decode(text) };
}

function decode(text: string): string {
  assert.doesNotMatch(text.replace(/&(amp|lt|gt|quot|#39);/g, ''), /&/, `an & that is not one of the renderer's entities in ${JSON.stringify(text.slice(0, 80))}`);
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');
}

/** The box is inert: known elements and attributes only, balanced, every image an https URL. */
function assertInert(html: string): Tag[] {
  const { tags } = tokenize(html);
  const open: string[] = [];
  for (const tag of tags) {
    assert.ok(ELEMENTS.has(tag.name), `unexpected element <${tag.name}>`);
    if (tag.closing) {
      assert.equal(open.pop(), tag.name, `unbalanced </${tag.name}>`);
      continue;
    }
    for (const [name, value] of tag.attributes) {
      assert.ok(ATTRIBUTES.has(name), `unexpected attribute ${name} on <${tag.name}>`);
      if (name === 'src') assert.ok(tag.name === 'img' && value.startsWith('https://') && safeImageUrl(value) === value, `src ${value}`);
      if (name === 'data-range') assert.match(value, /^\d+:\d+:\d+:\d+$/);
    }
    if (tag.name !== 'img') open.push(tag.name);
  }
  assert.deepEqual(open, [], 'every element is closed');
  return tags;
}

function attr(tag: Tag, name: string): string | undefined {
  return tag.attributes.find(([n]) => n === name)?.[1];
}

// ---- goldens -------------------------------------------------------------------------------

describe('meta box HTML: the five seeds', () => {
  it('has the five seeds', () => assert.equal(seedNames().length, 5));

  for (const name of seedNames()) {
    const golden = join(GOLDEN_DIR, name.replace(/\.post\.md$/, '.html'));
    it(`${name.slice(0, 3)}: matches its golden snapshot (test/fixtures/render/)`, () => {
      const { html } = render(loadSeed(name));
      if (UPDATE || !existsSync(golden)) {
        if (!UPDATE) assert.fail(`${golden} is missing: run with UPDATE_GOLDEN=1 and review it`);
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(golden, `${html}\n`);
      }
      assert.equal(`${html}\n`, readFileSync(golden, 'utf8'));
    });

    it(`${name.slice(0, 3)}: no problems, every field of the site's box, arrays as lists`, () => {
      const text = loadSeed(name);
      const { html } = render(text);
      assertInert(html);
      assert.match(html, /<span class="box-status status-ok">no problems<\/span>/);
      const meta = parsePost(text).frontMatter?.value as Record<string, unknown>;
      for (const key of Object.keys(meta)) assert.match(html, new RegExp(`<section class="field field-${key}" data-key="${key}"`), key);
      const checklist = meta.checklist as string[];
      assert.ok(html.includes('<ol class="checklist">'));
      for (const item of checklist) assert.match(html, new RegExp(`<li data-range="[\\d:]+"><bdi>${item}</bdi></li>`));
      for (const note of meta.notes as string[]) assert.ok(html.includes(`><bdi>${escapeHtml(note)}</bdi></li>`), note);
      assert.ok(!html.includes('<img'), 'no remote images unless allowed');
    });
  }

  it('seed 000: formatted values (view count, reading time, revision age, score bars, flags)', () => {
    const { html } = render(loadSeed('000'));
    assert.ok(html.includes('157,046<span class="unit"> views</span>'));
    assert.ok(html.includes('7<span class="unit"> min read</span>'));
    assert.match(html, /<span class="badge status status-expanded" data-range="[\d:]+"><bdi>expanded<\/bdi><\/span>/);
    assert.ok(html.includes('last reviewed <time datetime="2017-10-25"><bdi>2017-10-25</bdi></time> <span class="ago">(9 years ago)</span>'));
    assert.ok(html.includes('aria-valuenow="97"><span class="meter-fill pct-97 level-high">'));
    assert.ok(html.includes('<span class="flag-name">image heavy</span><span class="flag-state">off</span>'));
    assert.ok(html.includes('<span class="flag-name">has images</span><span class="flag-state">on</span>'));
  });

  it('seed 003: two images as placeholders with their captions; with remote images allowed, two https <img>', () => {
    const text = loadSeed('003');
    const off = render(text).html;
    assert.equal(off.match(/class="image-media image-placeholder"/g)?.length, 2);
    assert.ok(off.includes('<span class="placeholder-caption"><bdi>documenting production defaults with python services visual reference 2</bdi></span>'));
    const on = assertInert(render(text, { allowRemoteImages: true }).html);
    const images = on.filter((tag) => tag.name === 'img');
    assert.deepEqual(images.map((tag) => attr(tag, 'src')), [
      'https://images.unsplash.com/photo-1515879218367-8466d910aaa4?auto=format&fit=crop&w=1200&q=80',
      'https://loremflickr.com/1200/630/code,developer?lock=261',
    ]);
    assert.deepEqual(images.map((tag) => attr(tag, 'alt')), [
      'documenting production defaults with python services visual reference 1',
      'documenting production defaults with python services visual reference 2',
    ]);
  });
});

// ---- source ranges --------------------------------------------------------------------------

describe('meta box HTML: data-range selects the source of each element', () => {
  it('every data-range of seed 000 is inside the front matter and selects the text shown', () => {
    const text = loadSeed('000');
    const post = parsePost(text);
    const tags = assertInert(render(text).html).filter((tag) => attr(tag, 'data-range'));
    assert.ok(tags.length > 60, `${tags.length} clickable elements`);
    const slice = (range: string) => {
      const [sl, sc, el, ec] = range.split(':').map(Number);
      return post.text.slice(post.index.offsetAt({ line: sl, character: sc }), post.index.offsetAt({ line: el, character: ec }));
    };
    for (const tag of tags) assert.ok(Number(attr(tag, 'data-range')!.split(':')[0]) < post.frontMatter!.closeLine!);
    const bySection = (key: string) => slice(attr(tags.find((tag) => attr(tag, 'data-key') === key)!, 'data-range')!);
    assert.equal(bySection('topic'), 'keeping staging close to production / python services');
    assert.equal(bySection('view_count'), '157046');
    assert.equal(bySection('hash'), '"b0aaade20420440abd800f63"');
    const chips = tags.filter((tag) => attr(tag, 'class') === 'chip').map((tag) => slice(attr(tag, 'data-range')!));
    assert.deepEqual(chips, ['python services', 'backend', 'python', 'fastapi', 'pytest', 'uvicorn', 'ruff', 'git', 'logs']);
  });
});

// ---- invalid and unparsable posts -------------------------------------------------------------

describe('meta box HTML: invalid posts', () => {
  it('a field that fails validation is still shown, marked, with the message', () => {
    const text = edit(edit(loadSeed('000'), 'difficulty: advanced', 'difficulty: expert'), '  quality: 97', '  quality: 170');
    const { html } = render(text);
    assertInert(html);
    assert.match(html, /<span class="box-status status-error">2 errors<\/span>/);
    assert.match(html, /<section class="field field-difficulty field-error" data-key="difficulty" [^>]*><h2 class="label">difficulty<\/h2><p class="stat difficulty"><bdi>expert<\/bdi><\/p>/);
    assert.ok(html.includes('difficulty is &quot;expert&quot;: expected one of beginner, intermediate, advanced.'));
    // The out-of-range score: shown without a bar, marked, its message in the score field.
    assert.match(html, /<div class="score mark mark-error" data-range="[\d:]+"><span class="score-name">quality<\/span><span class="meter meter-empty"><\/span><span class="score-value">170<\/span>/);
    assert.match(html, /<section class="field field-score field-error"[^]*score\.quality is 170: expected 0 to 100\.[^]*?<\/section>/);
  });

  it('a misspelt required key: its place in the box marked missing, the typo shown, one error naming both (issue 15)', () => {
    const text = edit(loadSeed('000'), 'reading_time: 7\n', 'reading_tme: 7\n');
    const { html } = render(text);
    assertInert(html);
    assert.match(html, /<section class="field field-reading_time field-error field-missing" data-key="reading_time"><h2 class="label">reading time<\/h2><p class="missing">missing<\/p><\/section>/);
    assert.match(html, /<section class="field field-unknown" data-key="reading_tme"[^>]*><h2 class="label">reading tme<\/h2><div class="value">7<\/div><\/section>/);
    assert.match(html, /<li class="problem problem-error" data-range="22:0:22:11"><span class="problem-level">error<\/span><span class="problem-message">Missing required key &quot;reading_time&quot;: &quot;reading_tme&quot; looks like a misspelling of it\.<\/span><span class="problem-rule">meta-required<\/span><\/li>/);
    assert.ok(!html.includes('meta-unknown-key'), 'one problem, not two');
  });

  it('a missing nested key shows as missing in its map, with the message on the map', () => {
    const text = edit(loadSeed('000'), '  depth: 78\n', '');
    const { html } = render(text);
    assert.ok(html.includes('<div class="score"><span class="score-name">depth</span><span class="meter meter-empty"></span><span class="score-value missing">missing</span></div>'));
    assert.match(html, /<section class="field field-score field-error"[^]*Missing required key &quot;depth&quot; in score\./);
  });

  it('problems of the body are listed after the box with their line', () => {
    const text = edit(loadSeed('000'), '## final notes', '## final words');
    const { html } = render(text);
    assertInert(html);
    assert.match(html, /<section class="field field-body-problems"><h2 class="label">problems in the post body<\/h2><ul class="problems">[^]*<span class="problem-where">line \d+<\/span>/);
  });

  it('an unparsable front matter shows the YAML error and the offending line, not a blank box', () => {
    const text = edit(loadSeed('000'), 'topic: keeping staging close to production / python services', 'topic: [keeping staging close to production / python services');
    const { html } = render(text);
    assertInert(html);
    assert.ok(html.includes('<h2 class="label">the post meta is not valid YAML</h2>'));
    assert.match(html, /<li class="yaml-error" data-range="1:7:1:8"><p class="problem problem-error"><span class="problem-level">error<\/span><span class="problem-message">[^<]+<\/span><span class="problem-where">line 2, column 8<\/span><\/p><pre class="yaml-excerpt"><code>topic: <mark>\[<\/mark>keeping staging/);
    assert.ok(!html.includes('field-topic'), 'no field of a meta that did not parse');
    assert.equal(html.match(/Flow sequence in block collection/g)?.length, 1, 'the error once, not again as a diagnostic');
  });

  it('a front matter that is never closed, a missing one, an empty one and a list each say so', () => {
    const cases: Array<[string, RegExp]> = [
      ['---\ntopic: a / b\n\n# title\n', /The front matter is never closed/],
      ['# just markdown\n', /This file has no post meta/],
      ['---\n---\n# title\n', /The post meta is empty/],
      ['---\n- a\n- b\n---\n# title\n', /The post meta must be a map of keys/],
    ];
    for (const [text, expected] of cases) {
      const { html } = render(text);
      assertInert(html);
      assert.match(html, expected);
      assert.doesNotMatch(html, /class="problem-rule">(yaml-syntax|meta-missing|meta-invalid)</, 'the notice is not repeated as a diagnostic');
      assert.ok(!html.includes('`'), `inline code as <code>, no literal backticks: ${html}`);
    }
    assert.ok(render('# just markdown\n').html.includes('a post starts with a <code>---</code> line'));
  });

  it('a non-post: "This file is not a post", why (its globs) and how, inline code as <code>, no status badge', () => {
    const html = renderNotAPost(['posts/**/*.md', 'a/*.md', 'b/*.md', 'c/*.md']);
    assertInert(html);
    assert.ok(html.includes('<h1 class="box-title">This file is not a post</h1>'));
    assert.ok(html.includes('matches none of the post globs (<code>posts/**/*.md</code>, <code>a/*.md</code>, <code>b/*.md</code>, … and 1 more)'), html);
    assert.ok(html.includes('<code>payload.source_id: alphanode-NNNNNN</code>'));
    assert.ok(!html.includes('`') && !html.includes('box-status') && !html.includes('no problems'));
    assert.ok(renderNotAPost().includes('(<code>**/*.post.md</code>)'));
  });

  it('values of unexpected shapes fall back to a generic rendering (lists as lists, maps as pairs)', () => {
    const text = edit(edit(loadSeed('000'), 'code_language: python', 'code_language: [python, shell]'), 'reference: anp-ref-038568-1612', 'reference:\n  site: anp-ref-038568-1612');
    const { html } = render(text);
    assertInert(html);
    assert.match(html, /data-key="code_language"[^>]*><h2 class="label">code language<\/h2><div class="value"><ul class="list"><li[^>]*><bdi>python<\/bdi><\/li><li[^>]*><bdi>shell<\/bdi><\/li><\/ul>/);
    assert.match(html, /data-key="reference"[^>]*><h2 class="label">reference<\/h2><div class="value"><dl class="kv"><div class="kv-row"[^>]*><dt>site<\/dt><dd><bdi>anp-ref-038568-1612<\/bdi><\/dd>/);
  });
});

// ---- security -----------------------------------------------------------------------------------

/** Seed 003 with scripts, handlers, `javascript:`/`data:`/`http:` URLs and `</style>` in its summary, captions, notes, keys and sources. */
const XSS_SEED = (): string => loadFixture('render/xss.post.md');

describe('meta box HTML: the XSS corpus renders as text', () => {
  for (const allowRemoteImages of [false, true]) {
    it(`scripts, handlers, javascript: URLs and </style> stay text (remote images ${allowRemoteImages ? 'allowed' : 'off'})`, () => {
      const text = XSS_SEED();
      const { html } = render(text, { allowRemoteImages });
      const tags = assertInert(html);
      const { text: shown } = tokenize(html);
      // Everything the post said is there, as text.
      for (const payload of ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '</style><style>*{display:none}</style>', '</style><script>alert(7)</script>',
        '<a href="javascript:alert(8)">click</a>', '&lt;script&gt; stays as typed', '</figcaption></figure><script>alert(6)</script>', 'javascript:alert(5)', '<img src=x onerror=alert(12)>']) {
        assert.ok(shown.includes(payload), `shown as text: ${payload}`);
      }
      const images = tags.filter((tag) => tag.name === 'img').map((tag) => attr(tag, 'src'));
      // Only the https URLs of seed 003 (the one with a quote in it is not a URL the box loads).
      assert.deepEqual(images, allowRemoteImages ? ['https://images.unsplash.com/photo-1515879218367-8466d910aaa4?auto=format&fit=crop&w=1200&q=80'] : []);
      assert.equal((html.match(/not loaded: not an https URL/g) ?? []).length, 5, 'http, data:, protocol-relative, javascript: and the quoted URL');
    });
  }

  it('the standalone page has exactly one style element (ours) and no script; its CSP allows only that style', () => {
    const page = standalone(XSS_SEED(), true);
    assert.equal(page.match(/<style>/g)?.length, 1);
    assert.equal(page.match(/<\/style>/g)?.length, 1);
    assert.doesNotMatch(page, /<script/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    assert.match(csp ?? '', /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src https:; base-uri 'none'; form-action 'none'$/);
    const offline = standalone(XSS_SEED(), false);
    assert.match(offline, /img-src 'none'/);
    assert.doesNotMatch(offline, /<img/);
  });

  it('safeImageUrl accepts absolute https URLs only', () => {
    assert.equal(safeImageUrl('https://picsum.photos/seed/anp-038568/1200/630'), 'https://picsum.photos/seed/anp-038568/1200/630');
    for (const bad of ['http://a.example/x.png', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:image/png;base64,AAAA', '//a.example/x.png', '/x.png', 'https://a.example/x.png" onerror="x', "https://a.example/'x", 'https:/a', ' https://a.example/x.png', 'https://a.example/x y.png', 42, undefined]) {
      assert.equal(safeImageUrl(bad), undefined, String(bad));
    }
  });
});

// ---- hidden characters and bidi isolation ---------------------------------------------------------

/** Every character the rule flags, one of each class: none of them may reach the HTML raw. */
const RAW_HIDDEN = /[\u00AD\u180E\u200B\u2060-\u2064\u202A-\u202E\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/;
const marker = (id: string, name: string) => `<span class="hidden-char" title="${id} ${name}">⟨${id}⟩</span>`;
const RLO = marker('U+202E', 'RIGHT-TO-LEFT OVERRIDE');
const TOPIC_LINE = 'topic: keeping staging close to production / python services';

describe('meta box HTML: hidden characters show as markers, values are isolated', () => {
  it('a U+202E in a value is a visible marker inside the value\'s <bdi>, never the raw character', () => {
    const text = edit(loadSeed('000'), TOPIC_LINE, 'topic: keeping staging\u202E close to production / python services');
    const { html } = render(text);
    assertInert(html);
    assert.doesNotMatch(html, RAW_HIDDEN);
    assert.ok(html.includes(`<p class="topic"><bdi>keeping staging${RLO} close to production / python services</bdi></p>`));
    // The messages that quote the value (topic-format) and the rule's own warning show it the same way.
    assert.ok(html.includes(`topic is &quot;keeping staging${RLO} close to production / python services&quot; but must be`), 'the quoted value in a message');
    assert.ok(html.includes('Hidden character U+202E RIGHT-TO-LEFT OVERRIDE in the post meta: bidi controls reorder'));
    assert.match(html, /<span class="problem-rule">hidden-characters<\/span>/);
  });

  it('in keys, list items, nested values, entities, captions (attributes get the plain ⟨U+…⟩ text) and the revision', () => {
    let text = loadSeed('003');
    text = edit(text, '  - pytest\n', '  - py\u200Btest\n');
    text = edit(text, '  stack: python services\n', '  stack: python\u2066 services\n');
    text = edit(text, 'caption: documenting production defaults with python services visual reference 1', 'caption: documenting\u202E production defaults with python services visual reference 1');
    text = edit(text, 'flags:\n', 'flags:\n  hid\u2060den: 1\n');
    text = edit(text, 'notes:\n', 'own\u202Ekey: 1\nnotes:\n');
    text = edit(text, '  version: "1.4.4"', '  version: "1.4.4\u00AD"');
    text = text.replace(/^ {2}- name: python services$/m, '  - name: python\uFEFF services');
    const { html } = render(text, { allowRemoteImages: true });
    const tags = assertInert(html);
    assert.doesNotMatch(html, RAW_HIDDEN);
    assert.ok(html.includes(`<bdi>py${marker('U+200B', 'ZERO WIDTH SPACE')}test</bdi>`), 'a tool chip');
    // Marked: outline-consistency (an error) and hidden-characters both point at it.
    assert.ok(html.includes(`<dt>stack</dt><dd class="mark mark-error"><bdi>python${marker('U+2066', 'LEFT-TO-RIGHT ISOLATE')} services</bdi></dd>`), 'ai_outline.stack');
    assert.ok(html.includes(`<span class="flag-name">hid${marker('U+2060', 'WORD JOINER')}den</span>`), 'a key, as a label');
    assert.ok(html.includes(`data-key="own⟨U+202E⟩key"`) && html.includes(`<h2 class="label">own${RLO}key</h2>`), 'a top-level key: its data-key and its label');
    assert.ok(html.includes(`>v<bdi>1.4.4${marker('U+00AD', 'SOFT HYPHEN')}</bdi></span>`), 'the revision version');
    assert.ok(html.includes(`<bdi>python${marker('U+FEFF', 'ZERO WIDTH NO-BREAK SPACE')} services</bdi></span></li>`), 'an entity name');
    assert.ok(html.includes(`<span class="image-caption" data-range="`) && html.includes(`<bdi>documenting${RLO} production defaults with python services visual reference 1</bdi>`));
    const alts = tags.filter((tag) => tag.name === 'img').map((tag) => attr(tag, 'alt'));
    assert.equal(alts[0], 'documenting⟨U+202E⟩ production defaults with python services visual reference 1');
  });

  it('emoji ZWJ sequences, flags and right-to-left text with their marks are shown as written, each value in its <bdi>', () => {
    const legit = ['👩‍💻 👨‍👩‍👧 🏳️‍🌈 🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'סביבת בדיקה\u200F (staging)\u200E', 'می\u200Cخواهم', 'بيئة\u061C الاختبار'];
    let text = loadSeed('000');
    text = edit(text, '  - review query plans\n', legit.map((value) => `  - ${value}\n`).join(''));
    const { html } = render(text);
    assertInert(html);
    for (const value of legit) assert.ok(html.includes(`<bdi>${value}</bdi></li>`), value);
    assert.doesNotMatch(html, /hidden-char/);
  });

  it('XSS: `<img src=x onerror=…>` with a U+202E before it stays escaped text; only our marker is markup', () => {
    const payload = '\u202E<img src=x onerror=alert(1)>"><script>alert(2)</script>';
    const text = edit(loadSeed('000'), TOPIC_LINE, `topic: ${JSON.stringify(payload)}`);
    for (const allowRemoteImages of [false, true]) {
      const { html } = render(text, { allowRemoteImages });
      const tags = assertInert(html);
      assert.doesNotMatch(html, RAW_HIDDEN);
      assert.ok(html.includes(`<p class="topic"><bdi>${RLO}&lt;img src=x onerror=alert(1)&gt;&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</bdi></p>`));
      assert.ok(tokenize(html).text.includes('⟨U+202E⟩<img src=x onerror=alert(1)>"><script>alert(2)</script>'), 'shown as text');
      assert.deepEqual(tags.filter((tag) => tag.name === 'script'), []);
      assert.deepEqual(tags.filter((tag) => tag.name === 'img').map((tag) => attr(tag, 'src')), allowRemoteImages ? ['https://picsum.photos/seed/anp-038568/1200/630'] : [], 'only the seed\'s own image');
      assert.deepEqual([...new Set(tags.filter((tag) => attr(tag, 'title') !== undefined).map((tag) => `${tag.name}.${attr(tag, 'class')}`))], ['span.hidden-char'], 'title only on markers');
    }
  });

  it('the standalone page has no raw hidden character either, and the stylesheet styles the marker for every theme', () => {
    const page = standalone(edit(loadSeed('000'), TOPIC_LINE, 'topic: keeping\u200B staging\u202E close to production / python services'));
    assert.doesNotMatch(page, RAW_HIDDEN);
    const { css } = render(loadSeed('000'));
    assert.match(css, /\.anp-box \.hidden-char \{[^}]*unicode-bidi: isolate; direction: ltr;[^}]*background: var\(--an-warning\)/);
    assert.match(css, /body\.vscode-high-contrast \.anp-box \.hidden-char, body\.vscode-high-contrast-light \.anp-box \.hidden-char \{[^}]*border-color: var\(--an-warning\)/);
  });
});

// ---- determinism and formatting -------------------------------------------------------------------

describe('meta box HTML: deterministic', () => {
  it('the same post renders the same box, whatever was rendered before', () => {
    const first = render(loadSeed('002'));
    render(XSS_SEED(), { allowRemoteImages: true });
    render(loadSeed('004'));
    assert.deepEqual(render(loadSeed('002')), first);
  });

  it('the stylesheet is the same for every post and holds no way out of a <style> element', () => {
    const css = render(loadSeed('000')).css;
    assert.equal(render(XSS_SEED()).css, css);
    assert.doesNotMatch(css, /<\/?style|<script|url\(|@import|expression\(/i);
    for (let n = 0; n <= 100; n++) assert.ok(css.includes(`.pct-${n}{width:${n}%}`));
  });

  it('groups digits without the host locale', () => {
    assert.deepEqual([0, 7, 999, 1000, 32936, 157046, 760802, 1234567].map(groupDigits), ['0', '7', '999', '1,000', '32,936', '157,046', '760,802', '1,234,567']);
  });

  it('says how long ago a day was, in whole calendar units', () => {
    const cases: Array<[string, string | undefined]> = [
      ['2026-11-23', 'today'], ['2026-11-22', 'yesterday'], ['2026-11-17', '6 days ago'], ['2026-11-16', '1 week ago'], ['2026-10-24', '4 weeks ago'],
      ['2026-10-23', '1 month ago'], ['2025-11-24', '11 months ago'], ['2025-11-23', '1 year ago'], ['2017-10-25', '9 years ago'], ['2024-02-06', '2 years ago'],
      ['2026-11-24', 'in the future'], ['2026-02-30', undefined], ['soon', undefined],
    ];
    for (const [date, expected] of cases) assert.equal(timeAgo(date, TODAY), expected, date);
  });
});

// ---- size ----------------------------------------------------------------------------------------

describe('meta box HTML: a front matter of 20,000 keys', () => {
  it('every key has its field, with exactly its own problems, in order, the nested ones marked where they point', () => {
    // Seed 000 plus 20,000 unknown keys (one `meta-unknown-key` warning each); the odd ones hold a
    // nested map. On every third key, an error on one character inside its value: it belongs to
    // the innermost entry holding it (the nested entry, for the odd keys). On every fifth, a note
    // on exactly its value (what the field selects).
    const count = 20_000;
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(loadSeed('000'));
    assert.ok(match);
    const [, front, body] = match;
    const lines = [...front.split('\n')];
    const extra: Diagnostic[] = [];
    const notes: Diagnostic[] = [];
    for (let i = 0; i < count; i++) {
      const value = `value ${i}`;
      if (i % 2 === 0) lines.push(`extra_${i}: ${value}`);
      else lines.push(`extra_${i}:`, `  inner_${i}: ${value}`);
      const line = lines.length; // the front matter starts on line 1
      const character = lines[lines.length - 1].length - value.length;
      if (i % 3 === 0) extra.push({ range: { start: { line, character: character + 1 }, end: { line, character: character + 2 } }, message: `inside ${i}`, severity: 1, code: 'test-inside' });
      if (i % 5 === 0) notes.push({ range: { start: { line, character }, end: { line, character: character + value.length } }, message: `on ${i}`, severity: 3, code: 'test-exact' });
    }
    const post = parsePost(`---\n${lines.join('\n')}\n---\n${body}`);
    const validated = validatePost(post, { today: TODAY });
    assert.equal(validated.length, count);
    assert.ok(validated.every((diagnostic) => diagnostic.code === 'meta-unknown-key'));
    const { html } = renderMetaBox(post, [...validated, ...extra, ...notes], { today: TODAY, allowRemoteImages: false });

    const errors = extra.length;
    assert.ok(html.includes(`<span class="box-status status-error">${errors} errors · ${count} warnings · ${notes.length} notes</span>`));
    const sections = [...html.matchAll(/<section class="([^"]*)" data-key="(extra_\d+)"[^>]*>(.*?)<\/section>/g)];
    assert.equal(sections.length, count);
    sections.forEach(([, classes, key, content], i) => {
      assert.equal(key, `extra_${i}`);
      const rules = [...content.matchAll(/<span class="problem-rule">([^<]*)<\/span>/g)].map((m) => m[1]);
      const expected = ['meta-unknown-key', ...(i % 3 === 0 ? ['test-inside'] : []), ...(i % 5 === 0 ? ['test-exact'] : [])];
      assert.deepEqual(rules, expected, key);
      assert.equal(classes, `field field-unknown field-${i % 3 === 0 ? 'error' : 'warning'}`, key);
      if (i % 3 === 0) assert.ok(content.includes(`<span class="problem-message">inside ${i}</span>`), key);
      // A nested entry is marked by the worst problem on it (both are, for the odd keys), not by its field's.
      if (i % 2 === 1) {
        const mark = i % 3 === 0 ? ' class="mark mark-error"' : i % 5 === 0 ? ' class="mark mark-info"' : '';
        assert.ok(content.includes(`<dt>inner ${i}</dt><dd${mark}><bdi>value ${i}</bdi></dd>`), key);
      }
    });
    // No problem is lost or shown twice: each is listed once, under its field.
    assert.equal(html.match(/<li class="problem /g)?.length, count + errors + notes.length);
  });
});

describe('meta box HTML: the team template decides the difficulty levels, statuses and entity types', () => {
  const { template } = parseTemplate('values:\n  difficulty: [easy, medium, hard, wizard level]\n  status: [draft, retired]\n  entity_type: [stack, problem, team]\n');
  const text = edit(edit(edit(loadSeed('000'), 'difficulty: advanced', 'difficulty: wizard level'), 'status: expanded', 'status: retired'), 'type: area', 'type: team');

  it('with the template: four dots all on, the status and entity type drawn as known (their classes made safe)', () => {
    const post = parsePost(text);
    const { html } = renderMetaBox(post, validatePost(post, { today: TODAY, template }), { today: TODAY, allowRemoteImages: false, template });
    assert.ok(html.includes('<p class="stat difficulty difficulty-wizard-level"><span class="dots" aria-hidden="true"><span class="dot dot-on"></span><span class="dot dot-on"></span><span class="dot dot-on"></span><span class="dot dot-on"></span></span><bdi>wizard level</bdi></p>'), html.slice(html.indexOf('difficulty'), html.indexOf('difficulty') + 400));
    assert.ok(html.includes('badge status status-retired'));
    assert.ok(html.includes('entity-type entity-type-team'));
  });

  it('with the defaults the same values are unknown: no dots, status-other, a plain entity type', () => {
    const { html } = render(text);
    assert.ok(html.includes('<p class="stat difficulty"><bdi>wizard level</bdi></p>'));
    assert.ok(html.includes('badge status status-other'));
    assert.ok(!html.includes('entity-type-team'));
  });
});
