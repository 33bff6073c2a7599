import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Minimatch } from 'minimatch';
import { FolderEntry, globMatcher, walkFiles } from '../../client/src/walk';

/** A file system as a map: relative path → entries (what workspace.fs.readDirectory gives, simplified). */
const TREE: Record<string, FolderEntry[]> = {
  '': [['posts', 'folder'], ['node_modules', 'folder'], ['.alphanode.yaml', 'file'], ['notes.md', 'file'], ['link', 'other']],
  posts: [['b.post.md', 'file'], ['a.post.md', 'file'], ['drafts', 'folder'], ['.alphanodeignore', 'file']],
  'posts/drafts': [['c.md', 'file'], ['img.png', 'file']],
  node_modules: [['pkg', 'folder']],
  'node_modules/pkg': [['README.md', 'file']],
};
const SKIPPED = '**/{node_modules,.git,.hg,.svn}/**';

function reader(reads: string[] = []) {
  return async (relative: string): Promise<FolderEntry[]> => {
    reads.push(relative);
    const entries = TREE[relative];
    if (!entries) throw new Error(`ENOENT ${relative}`);
    return entries;
  };
}

test('walk: the files matching the include globs, sorted per folder, excluded folders never entered', async () => {
  const reads: string[] = [];
  assert.deepEqual(await walkFiles(reader(reads), ['**/*.md', '**/*.markdown'], SKIPPED), ['notes.md', 'posts/a.post.md', 'posts/b.post.md', 'posts/drafts/c.md']);
  assert.deepEqual(reads, ['', 'posts', 'posts/drafts'], 'node_modules is not read');
});

test('walk: dot files match (templates and ignore files anywhere, the root included)', async () => {
  assert.deepEqual(await walkFiles(reader(), ['**/.alphanode.yaml', '**/.alphanodeignore'], SKIPPED), ['.alphanode.yaml', 'posts/.alphanodeignore']);
});

test('walk: maxResults, no exclude, unreadable folders and the entry budget', async () => {
  assert.deepEqual(await walkFiles(reader(), ['**/*.md'], SKIPPED, { maxResults: 2 }), ['notes.md', 'posts/a.post.md']);
  assert.deepEqual(await walkFiles(reader(), ['**/README.md'], undefined), ['node_modules/pkg/README.md']);
  const broken = async (relative: string): Promise<FolderEntry[]> => (relative === '' ? [['gone', 'folder'], ['x.md', 'file']] : Promise.reject(new Error('EACCES')));
  assert.deepEqual(await walkFiles(broken, ['**/*.md'], undefined), ['x.md']);
  assert.deepEqual(await walkFiles(reader(), ['**/*.md'], SKIPPED, { maxEntries: 5 }), ['notes.md']);
});

test('walk: globMatcher reads the globs the server sends as minimatch ({ dot: true }) does', () => {
  const globs = ['**/*.md', '**/*.markdown', '**/.alphanode.yaml', '**/.alphanodeignore', SKIPPED, '**/README.md', 'posts/*.post.md', '**/a?.md'];
  const paths = [
    'notes.md', 'x.markdown', '.md', 'posts/a.post.md', 'posts/drafts/c.md', 'posts/img.png', 'a.md.txt', 'README.md', 'docs/README.md', 'README.mdx',
    '.alphanode.yaml', 'posts/.alphanode.yaml', 'posts/x.alphanode.yaml', '.alphanodeignore', 'a/b/.alphanodeignore', 'alphanodeignore',
    'node_modules/x', 'node_modules/pkg/README.md', 'a/node_modules/b/c.md', 'node_modules', 'node_modulesx/a.md', '.git/x', 'a/.git/HEAD', 'a/.gitx/b',
    '.hg/x', 'src/.svn/y', 'posts/b/x.post.md', 'ab.md', 'a/ab.md', 'abc.md', 'a.md', 'dir.md/x', '(x).md', 'a+b.md', '$.md', 'a|b.md',
  ];
  for (const glob of globs) {
    const oracle = new Minimatch(glob, { dot: true });
    const matches = globMatcher(glob);
    for (const path of paths) assert.equal(matches(path), oracle.match(path), `${glob} on ${path}`);
  }
});
