/**
 * The workspace resolver (service/workspace/) over an in-memory host: which `.alphanode.yaml`
 * applies, which globs make a file a post, what `.alphanodeignore` skips (folders and files
 * told apart), and the post classification ("What is a post") that the editor, the CLI and
 * the workspace scan share.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePost } from '../../server/src/service';
import { classifyText, frontMatterSaysPost, frontMatterSource } from '../../server/src/service/model/isPost';
import { MemoryHost, WorkspaceHost, WorkspaceResolver } from '../../server/src/service/workspace';
import { loadSeed, seedNames } from '../support/fixtures';

const seed = loadSeed('000');
const W = 'file:///w';
const V = 'file:///v';

function tree(files: Record<string, string>): MemoryHost {
  return new MemoryHost(Object.entries(files).map(([path, text]) => [`file://${path}`, text]));
}

/** A host that counts reads (the CLI's reads are lazy and cached once per file). */
function counting(host: WorkspaceHost): { host: WorkspaceHost; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    host: {
      readFile: (uri) => {
        reads.push(uri);
        return host.readFile(uri);
      },
      stat: (uri) => host.stat(uri),
      readDirectory: (uri) => host.readDirectory(uri),
    },
  };
}

const host = tree({
  '/w/.alphanode.yaml': 'rules:\n  rollback-missing: error\n',
  '/w/team/.alphanode.yaml': 'files: ["handbook/**/*.md"]\nrules:\n  rollback-missing: info\n',
  '/w/team/handbook/a.md': '# a\n',
  '/w/team/sub/deep/b.md': '# b\n',
  '/w/broken/.alphanode.yaml': 'files: ["**/*.md"]\nrules:\n  rollback-mising: error\n',
  '/w/broken/c.md': '# c\n',
  '/w/.alphanodeignore': 'drafts/\n*.tmp.md\n!keep.tmp.md\n/vendor\n',
  '/w/posts/.alphanodeignore': 'old/\n!old/\nlegacy.post.md\n',
  '/w/posts/a.post.md': seed,
  '/w/drafts/d.post.md': seed,
  '/w/posts/x.tmp.md': seed,
  '/w/posts/keep.tmp.md': seed,
  '/w/vendor/v.post.md': seed,
  '/w/team/vendor/v.post.md': seed,
  '/w/posts/legacy.post.md': seed,
  '/w/notes.md': '# notes\n',
  '/v/.alphanode.yaml': 'rules:\n  summary-mentions: off\n',
  '/v/p.post.md': seed,
});
const resolver = new WorkspaceResolver(host, { roots: () => [W, `${V}/`] });

describe('resolver: which .alphanode.yaml applies', () => {
  it('the nearest between the file\'s folder and its root, each root on its own', () => {
    assert.equal(resolver.templateFileFor(`${W}/posts/a.post.md`)?.uri, `${W}/.alphanode.yaml`);
    assert.equal(resolver.templateFileFor(`${W}/team/sub/deep/b.md`)?.uri, `${W}/team/.alphanode.yaml`);
    assert.equal(resolver.templateFileFor(`${W}/team/handbook/a.md`)?.uri, `${W}/team/.alphanode.yaml`);
    assert.equal(resolver.templateFileFor(`${V}/p.post.md`)?.uri, `${V}/.alphanode.yaml`);
    assert.equal(resolver.resolve(`${W}/team/x.md`).template.rules['rollback-missing'], 'info');
    assert.equal(resolver.resolve(`${W}/posts/a.post.md`).template.rules['rollback-missing'], 'error');
  });

  it('never above the root; a path outside every root looks up to the file system root', () => {
    const nested = new WorkspaceResolver(host, { roots: () => [`${W}/team`] });
    assert.equal(nested.templateFileFor(`${W}/team/sub/deep/b.md`)?.uri, `${W}/team/.alphanode.yaml`);
    const inner = new WorkspaceResolver(host, { roots: () => [`${W}/posts`] });
    assert.equal(inner.templateFileFor(`${W}/posts/a.post.md`), undefined, 'w/.alphanode.yaml is above the root w/posts');
    assert.equal(inner.templateFileFor(`${W}/notes.md`)?.uri, `${W}/.alphanode.yaml`, 'outside the root: every parent');
    assert.equal(inner.rootOf(`${W}/notes.md`), 'file:///');
    assert.equal(inner.rootOf('untitled:Untitled-1'), undefined);
  });

  it('URIs are compared as vscode-uri parses them: encodings, special characters and odd roots', () => {
    // VS Code writes `my%20team`, `%23`, `%25`, `%3A` and `%40`; Node's pathToFileURL leaves `:` and `@` as they are.
    const odd = new MemoryHost([
      ['file:///w/my%20team%20%231%20100%25/.alphanode.yaml', 'rules:\n  rollback-missing: info\n'],
      ['file:///w/my%20team%20%231%20100%25/.alphanodeignore', "drafts/\n"],
      ['file:///w/a%3Ab%40c/.alphanode.yaml', 'rules:\n  rollback-missing: warning\n'],
    ]);
    const oddResolver = new WorkspaceResolver(odd, { roots: () => ['file:///w'] });
    assert.equal(oddResolver.templateFileFor('file:///w/my%20team%20%231%20100%25/p.post.md')?.uri, 'file:///w/my%20team%20%231%20100%25/.alphanode.yaml');
    assert.equal(oddResolver.resolve('file:///w/my%20team%20%231%20100%25/p.post.md').globPath, 'my team #1 100%/p.post.md');
    assert.equal(oddResolver.isIgnored('file:///w/my%20team%20%231%20100%25/drafts/x.post.md', false), true);
    assert.equal(oddResolver.isIgnored('file:///w/my%20team%20%231%20100%25/x.post.md', false), false);
    assert.equal(oddResolver.templateFileFor('file:///w/a:b@c/p.post.md')?.uri, 'file:///w/a%3Ab%40c/.alphanode.yaml', 'an unencoded colon finds the template VS Code wrote encoded');
    assert.equal(oddResolver.rootOf('file:///w/a:b@c/p.post.md'), 'file:///w');
    assert.equal(oddResolver.rootOf('untitled:Untitled-1'), undefined);
    assert.equal(oddResolver.rootOf('not a uri'), undefined);
    assert.equal(oddResolver.templateFileFor('file:///wx/p.post.md'), undefined, 'file:///wx is not inside file:///w');
  });

  it('a broken template: its problems, the defaults, and the fallback note with the template\'s path', () => {
    const resolution = resolver.resolve(`${W}/broken/c.md`);
    assert.equal(resolution.file?.broken, true);
    assert.deepEqual(resolution.file?.diagnostics.map((d) => d.code), ['template-unknown-key']);
    assert.deepEqual(resolution.globs, ['**/*.post.md'], 'a broken template\'s globs do not apply');
    assert.equal(resolution.template.rules['rollback-missing'], undefined);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    const fallback = resolver.fallbackFor(resolution.file, range);
    assert.equal(fallback?.code, 'template-fallback');
    assert.match(String(fallback?.message), /The team template broken\/\.alphanode\.yaml has errors/);
    assert.deepEqual(fallback?.range, range);
    assert.deepEqual(resolver.templateProblems([`${W}/broken/c.md`, `${W}/posts/a.post.md`, `${W}/broken/z.md`]).map((file) => file.uri), [`${W}/broken/.alphanode.yaml`]);
  });

  it('--config: one template for every file, its globs relative to the root', () => {
    const fixed = new WorkspaceResolver(host, { roots: () => [W], fixedTemplate: `${W}/team/.alphanode.yaml` });
    const resolution = fixed.resolve(`${W}/handbook/z.md`);
    assert.equal(resolution.file?.uri, `${W}/team/.alphanode.yaml`);
    assert.deepEqual([resolution.globs, resolution.globPath], [['handbook/**/*.md'], 'handbook/z.md']);
  });

  it('parses each template once, and forget() reads a changed one again', () => {
    const files = tree({ '/w/.alphanode.yaml': 'rules:\n  rollback-missing: error\n' });
    const { host: watched, reads } = counting(files);
    const cached = new WorkspaceResolver(watched, { roots: () => [W] });
    for (const name of ['a', 'b', 'c']) assert.equal(cached.resolve(`${W}/${name}.post.md`).template.rules['rollback-missing'], 'error');
    assert.deepEqual(reads, [`${W}/.alphanode.yaml`]);
    files.set(`${W}/.alphanode.yaml`, 'rules:\n  rollback-missing: off\n');
    cached.forget(`${W}/.alphanode.yaml`);
    assert.equal(cached.resolve(`${W}/a.post.md`).template.rules['rollback-missing'], 'off');
    files.delete(`${W}/.alphanode.yaml`);
    cached.forget(`${W}/.alphanode.yaml`);
    assert.equal(cached.templateFileFor(`${W}/a.post.md`), undefined);
  });
});

describe('resolver: .alphanodeignore, folders and files told apart', () => {
  const cases: Array<[string, boolean, boolean]> = [
    ['drafts', true, true],
    ['drafts', false, false], // `drafts/` matches folders only
    ['drafts/d.post.md', false, true],
    ['posts/x.tmp.md', false, true],
    ['posts/keep.tmp.md', false, false], // re-included
    ['vendor', true, true],
    ['vendor/v.post.md', false, true],
    ['team/vendor/v.post.md', false, false], // `/vendor` is anchored to the root
    ['posts/legacy.post.md', false, true], // posts/.alphanodeignore, relative to posts/
    ['legacy.post.md', false, false],
    ['posts/old', true, false], // `old/` then `!old/`: later lines win
    ['posts/a.post.md', false, false],
    ['', true, false], // the root itself
  ];
  for (const [path, isFolder, ignored] of cases) {
    it(`${path || '(root)'} as a ${isFolder ? 'folder' : 'file'} → ${ignored ? 'ignored' : 'kept'}`, () => {
      assert.equal(resolver.isIgnored(path ? `${W}/${path}` : W, isFolder), ignored);
    });
  }

  it('an ignored folder hides a file inside it even when a deeper line re-includes the file (as git does)', () => {
    const hidden = tree({ '/w/.alphanodeignore': 'drafts/\n', '/w/drafts/.alphanodeignore': '!keep.post.md\n', '/w/drafts/keep.post.md': seed });
    assert.equal(new WorkspaceResolver(hidden, { roots: () => [W] }).isIgnored(`${W}/drafts/keep.post.md`, false), true);
  });

  it('the walk skips ignored folders and files, VCS and dependency folders; names sorted per folder', () => {
    const walked = tree({
      '/w/.alphanodeignore': 'drafts/\n*.tmp.md\n',
      '/w/b.post.md': '',
      '/w/a.md': '',
      '/w/x.tmp.md': '',
      '/w/img.png': '',
      '/w/drafts/c.post.md': '',
      '/w/node_modules/pkg/README.md': '',
      '/w/.git/x.md': '',
      '/w/team/z.markdown': '',
    });
    const found = new WorkspaceResolver(walked, { roots: () => [W] }).markdownFiles(W);
    assert.deepEqual(found, [`${W}/a.md`, `${W}/b.post.md`, `${W}/team/z.markdown`]);
  });

  it('the walk orders names by code units, whatever the locale (upper case first, then `-` before `.` before `_`)', () => {
    const walked = tree({ '/w/db_x.post.md': '', '/w/a.post.md': '', '/w/db-x.post.md': '', '/w/README.md': '', '/w/db.post.md': '', '/w/B.post.md': '' });
    const names = new WorkspaceResolver(walked, { roots: () => [W] }).markdownFiles(W).map((uri) => uri.slice(W.length + 1));
    assert.deepEqual(names, ['B.post.md', 'README.md', 'a.post.md', 'db-x.post.md', 'db.post.md', 'db_x.post.md']);
  });

  it('percent-encoded URIs are matched decoded', () => {
    const encoded = tree({ '/w/.alphanodeignore': 'my drafts/\né.post.md\n' });
    const spaced = new WorkspaceResolver(encoded, { roots: () => [W] });
    assert.equal(spaced.isIgnored(`${W}/my%20drafts/a.post.md`, false), true);
    assert.equal(spaced.isIgnored(`${W}/posts/%C3%A9.post.md`, false), true);
    assert.equal(spaced.isIgnored(`${W}/posts/e.post.md`, false), false);
  });
});

describe('resolver: which globs make a file a post', () => {
  it('a template\'s `files` is relative to its folder and overrides the fallback globs', () => {
    assert.deepEqual(resolver.resolve(`${W}/team/handbook/a.md`, ['**/*.md']), { ...resolver.resolve(`${W}/team/handbook/a.md`), globs: ['handbook/**/*.md'], globPath: 'handbook/a.md' });
    assert.equal(resolver.classify(`${W}/team/handbook/a.md`, parsePost('# a\n')).isPost, true);
    assert.equal(resolver.classify(`${W}/team/sub/deep/b.md`, parsePost('# b\n')).isPost, false);
  });

  it('without template globs: the fallback (the editor\'s setting, else **/*.post.md) relative to the root', () => {
    assert.deepEqual(resolver.resolve(`${W}/posts/a.post.md`).globs, ['**/*.post.md']);
    assert.deepEqual(resolver.resolve(`${W}/notes.md`, ['*.md']).globs, ['*.md']);
    assert.equal(resolver.resolve(`${W}/posts/a.post.md`).globPath, 'posts/a.post.md');
    assert.equal(resolver.classify(`${W}/notes.md`, parsePost('# notes\n'), ['*.md']).matchedByFiles, true);
    assert.equal(resolver.classify(`${W}/notes.md`, parsePost('# notes\n')).isPost, false);
  });

  it('ignored files are never posts, whatever their front matter', () => {
    assert.deepEqual(resolver.classify(`${W}/drafts/d.post.md`, parsePost(seed)), { isPost: false, matchedByFiles: false });
    assert.equal(resolver.mayBePost(`${W}/drafts/d.post.md`, seed), false);
    assert.deepEqual(resolver.analyze(`${W}/drafts/d.post.md`, parsePost(seed)), []);
  });

  it('analyze: the template\'s severities, and the fallback note first under a broken template', () => {
    const noRollback = seed.replace(/```rollback\n[\s\S]*?```\n\n/, '');
    const team = resolver.analyze(`${W}/team/handbook/n.md`, parsePost(noRollback));
    assert.deepEqual(team.map((f) => [f.diagnostic.code, f.diagnostic.severity]), [['rollback-missing', 3]]);
    const broken = resolver.analyze(`${W}/broken/n.post.md`, parsePost(noRollback));
    assert.deepEqual(broken.map((f) => [f.diagnostic.code, f.diagnostic.severity]), [['template-fallback', 3], ['rollback-missing', 2]]);
  });
});

describe('classification: what is a post', () => {
  const hugo = '---\ntitle: "Restart the API"\nweight: 10\nsummary: how we restart it\ntools: [kubectl]\ndifficulty: easy\n---\n\n# Restart\n';
  const texts: Array<[string, string, boolean]> = [
    ['Hugo runbook front matter', hugo, false],
    ['no front matter', '# README\n\nHello.\n', false],
    ['a seed (source_id alphanode-)', seed, true],
    ['source_id only, quoted', '---\npayload:\n  source_id: "alphanode-000001"\n---\n', true],
    ['source_id in a flow map', '---\npayload: {seed: 1, source_id: alphanode-000001}\n---\n', true],
    ['source_id with another prefix', '---\npayload:\n  source_id: other-1\n---\n', false],
    ['source_id in a comment', '---\ntitle: x\n# source_id: alphanode-1\n---\n', false],
    ['ai_outline + payload (half-written)', '---\nai_outline:\n  problem: slow deploys\npayload:\n  seed: 3\n---\n', true],
    ['ai_outline + checklist, YAML broken', '---\nai_outline: [unclosed\nchecklist:\n  - a\n---\n', true],
    ['ai_brief + checklist', '---\nai_brief: short\nchecklist: []\n---\n', true],
    ['ai_outline alone', '---\nai_outline: x\ntitle: y\n---\n', false],
    ['payload + checklist (not ours alone)', '---\npayload: x\nchecklist: [a]\n---\n', false],
    ['ai_outline nested, not top-level', '---\nparams:\n  ai_outline: x\n  payload: y\n---\n', false],
    ['keys after the front matter do not count', '---\ntitle: x\n---\nai_outline: x\npayload: y\n', false],
    ['unclosed front matter with our keys', '---\nai_outline: x\npayload: y\n', true],
    ['BOM and CRLF', '\ufeff---\r\nai_outline: x\r\npayload: y\r\n---\r\n', true],
    ['front matter after line 1 is none', '\n---\nai_outline: x\npayload: y\n---\n', false],
  ];
  for (const [name, text, isPost] of texts) {
    it(`${name} → ${isPost ? 'post' : 'not a post'}; the scan's cheap look agrees with the parsed classification`, () => {
      assert.equal(classifyText('docs/a.md', text, ['**/*.post.md']).isPost, isPost);
      assert.equal(resolver.mayBePost(`${W}/docs/a.md`, text), isPost);
      assert.equal(resolver.classify(`${W}/docs/a.md`, parsePost(text)).isPost, isPost);
    });
  }

  it('frontMatterSource delimits the block as the post parser does (seeds and edits of them)', () => {
    for (const text of [...seedNames().map((name) => loadSeed(name)), seed.replace('---\n', '---  \n'), seed.replace(/\n---\n/, '\n...\n'), seed.replace(/\n/g, '\r\n'), seed.replace(/\n/g, '\r'), '---\n...\nbody\n', '---']) {
      assert.equal(frontMatterSource(text), parsePost(text).frontMatter?.source ?? '', JSON.stringify(text.slice(0, 20)));
    }
    assert.equal(frontMatterSource('# no\n'), undefined);
  });

  it('cost is linear: 200,000 front matter lines cost about ten times 20,000 (a ratio holds on a busy machine)', () => {
    const bestOf3 = (lines: number): number => {
      const text = `---\n${'title: x\n'.repeat(lines)}---\n`;
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        assert.equal(frontMatterSaysPost(frontMatterSource(text)!), false);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const small = bestOf3(20_000);
    const large = bestOf3(200_000);
    // Linear is 10×, quadratic 100×; 30× leaves room for noise and GC.
    assert.ok(large < Math.max(small, 1) * 30, `20,000 lines ${small.toFixed(1)} ms, 200,000 lines ${large.toFixed(1)} ms`);
  });
});
