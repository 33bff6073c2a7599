import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePost } from '../../server/src/service';
import type { ListBlock, Paragraph } from '../../server/src/service/model/body';
import { loadSeed } from '../support/fixtures';
import { lineNumber, range, rangeOf, toCrlf, withBom } from '../support/mutate';

const SEED_001 = loadSeed('001');
const SEED_003 = loadSeed('003');

const TITLE_001 = 'production checklist for building safer deployment steps in python services';
const CHECKLIST_001 = ['review query plans', 'add indexes carefully', 'test with realistic data', 'compare before and after metrics', 'document the migration'];
const CHECKLIST_003 = ['capture the current behavior', 'create a safe backup', 'test the smallest change', 'watch logs after release', 'write the final note'];

test('seed 001: front matter bounds', () => {
  const post = parsePost(SEED_001);
  assert.equal(post.hadBom, false);
  assert.ok(post.frontMatter);
  assert.equal(post.frontMatter.openLine, 0);
  assert.equal(post.frontMatter.closeLine, 63);
  assert.equal(post.frontMatter.sourceStart, 4);
  assert.deepEqual(post.frontMatter.errors, []);
  assert.equal(post.body.startLine, 64);
  assert.equal((post.frontMatter.value as { topic: string }).topic, 'building safer deployment steps / python services');
});

test('seed 001: the title, its line and its text range', () => {
  const post = parsePost(SEED_001);
  assert.equal(post.body.titles.length, 1);
  const [title] = post.body.titles;
  assert.equal(title.level, 1);
  assert.equal(title.text, TITLE_001);
  assert.equal(title.line, 65);
  assert.equal(title.line, lineNumber(SEED_001, `# ${TITLE_001}`));
  assert.deepEqual(title.textRange, range(65, 2, 65, 2 + TITLE_001.length));
});

test('seed 001: section names in order, each heading range on its text', () => {
  const post = parsePost(SEED_001);
  assert.deepEqual(post.body.sections.map((section) => section.name), ['production checks', 'why this matters', 'implementation checklist', 'final notes']);
  for (const section of post.body.sections) {
    const heading = section.heading!;
    assert.equal(heading.level, 2);
    assert.equal(heading.line, lineNumber(SEED_001, `## ${section.name}`));
    assert.deepEqual(heading.textRange, range(heading.line, 3, heading.line, 3 + section.name.length));
  }
  assert.equal(post.body.intro.heading, undefined);
  assert.equal(post.body.intro.name, '');
  assert.deepEqual(post.body.intro.blocks.map((block) => [block.kind, block.line]), [['paragraph', 67]]);
});

test('seed 001: the python fence — language, lines, content', () => {
  const post = parsePost(SEED_001);
  assert.deepEqual(post.body.fences.map((fence) => fence.language), ['python', 'rollback']);
  const python = post.body.fences[0];
  const open = lineNumber(SEED_001, '```python');
  assert.equal(python.line, open);
  assert.equal(python.line, 79);
  assert.equal(python.endLine, 87, 'exclusive: the line after the closing ```');
  assert.equal(python.closed, true);
  assert.deepEqual(python.openRange, range(79, 0, 79, 9));
  const content = SEED_001.slice(python.contentStart, python.contentEnd);
  assert.equal(content, "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/health')\ndef health():\n    return {'ok': True}\n");
  const productionChecks = post.body.sections[0];
  assert.equal(productionChecks.blocks.at(-1), python, 'a top-level fence is a block of its section');
});

test('seed 001: the rollback note is parsed, with its owner', () => {
  const post = parsePost(SEED_001);
  assert.equal(post.rollbackNotes.length, 1);
  const [note] = post.rollbackNotes;
  assert.deepEqual(note.errors, []);
  assert.equal(note.fence.language, 'rollback');
  assert.equal(note.fence.line, lineNumber(SEED_001, '```rollback'));
  assert.equal(note.fence.closed, true);
  assert.deepEqual(note.value, {
    owner: 'marco.bianchi',
    expected_result: 'a failed deployment step stops the release and the /health route keeps answering ok',
    rollback: 'git checkout v1.7.3 -- deploy/\n./deploy/run.sh --env production\n',
    rehearsed: '2026-10-02',
  });
  assert.equal((note.value as { owner: string }).owner, 'marco.bianchi');
});

test('seed 001: checklist items with their text ranges', () => {
  const post = parsePost(SEED_001);
  const section = post.body.sections.find((candidate) => candidate.name === 'implementation checklist')!;
  assert.equal(section.blocks.length, 1);
  const list = section.blocks[0] as ListBlock;
  assert.equal(list.kind, 'list');
  assert.equal(list.line, 105);
  assert.deepEqual(list.items.map((item) => item.text), CHECKLIST_001);
  list.items.forEach((item, i) => {
    assert.equal(item.line, 105 + i);
    assert.equal(item.checked, undefined);
    assert.deepEqual(item.textRange, range(105 + i, 2, 105 + i, 2 + CHECKLIST_001[i].length), item.text);
    assert.deepEqual(item.textRange, rangeOf(SEED_001, CHECKLIST_001[i], '## implementation checklist'), item.text);
  });
});

test('seed 003: two images with captions, URLs and exact ranges; the second after the checklist list', () => {
  const post = parsePost(SEED_003);
  const first = {
    caption: 'documenting production defaults with python services visual reference 1',
    url: 'https://images.unsplash.com/photo-1515879218367-8466d910aaa4?auto=format&fit=crop&w=1200&q=80',
  };
  const second = {
    caption: 'documenting production defaults with python services visual reference 2',
    url: 'https://loremflickr.com/1200/630/code,developer?lock=261',
  };
  const source1 = `![${first.caption}](${first.url})`;
  const source2 = `![${second.caption}](${second.url})`;
  assert.deepEqual(post.body.images, [
    { ...first, line: 76, range: range(76, 0, 76, source1.length) },
    { ...second, line: 129, range: range(129, 0, 129, source2.length) },
  ]);
  assert.deepEqual(post.body.images[0].range, rangeOf(SEED_003, source1));
  assert.deepEqual(post.body.images[1].range, rangeOf(SEED_003, source2));
  assert.equal(source1.length, 169);
  assert.equal(source2.length, 132);

  // The first image is an image-only paragraph of the intro: not prose.
  const introImage = post.body.intro.blocks[1] as Paragraph;
  assert.equal(introImage.kind, 'paragraph');
  assert.equal(introImage.prose, false);
  assert.deepEqual(introImage.images, [post.body.images[0]]);

  // The second follows the list inside the implementation checklist section.
  const section = post.body.sections.find((candidate) => candidate.name === 'implementation checklist')!;
  assert.deepEqual(section.blocks.map((block) => block.kind), ['list', 'paragraph']);
  const list = section.blocks[0] as ListBlock;
  assert.deepEqual(list.items.map((item) => item.text), CHECKLIST_003);
  assert.ok(list.items.at(-1)!.line < post.body.images[1].line);
  const imageParagraph = section.blocks[1] as Paragraph;
  assert.equal(imageParagraph.prose, false);
  assert.equal(imageParagraph.line, 129);
  assert.deepEqual(imageParagraph.images, [post.body.images[1]]);
  assert.deepEqual(imageParagraph.range, range(129, 0, 129, 132));
});

test('seed 003: checklist items with their text ranges', () => {
  const post = parsePost(SEED_003);
  const list = post.body.sections.find((candidate) => candidate.name === 'implementation checklist')!.blocks[0] as ListBlock;
  assert.equal(list.line, lineNumber(SEED_003, '- capture the current behavior'));
  list.items.forEach((item, i) => {
    assert.equal(item.line, list.line + i);
    assert.deepEqual(item.textRange, rangeOf(SEED_003, CHECKLIST_003[i], '## implementation checklist'), item.text);
    assert.deepEqual(item.textRange, range(list.line + i, 2, list.line + i, 2 + CHECKLIST_003[i].length));
  });
});

test('a list block range ends at its last item, not on the blank line after it', () => {
  const post = parsePost(SEED_003);
  const list = post.body.sections.find((candidate) => candidate.name === 'implementation checklist')!.blocks[0] as ListBlock;
  assert.deepEqual(list.range, range(123, 0, 127, 22));
});

const TASKS = `---
topic: t
---

# title

## implementation checklist

- [ ] x
- [x] y
- [X] done thing
-   [ ]   spaced item
- plain
* star item
1. ordered item
`;

test('task list items: checked flag, and the text range excludes the bullet and checkbox', () => {
  const post = parsePost(TASKS);
  const list = post.body.sections[0].blocks[0] as ListBlock;
  assert.equal(list.kind, 'list');
  const items = list.items.map((item) => ({ text: item.text, checked: item.checked, line: item.line, textRange: item.textRange }));
  assert.deepEqual(items, [
    { text: 'x', checked: false, line: 8, textRange: range(8, 6, 8, 7) },
    { text: 'y', checked: true, line: 9, textRange: range(9, 6, 9, 7) },
    { text: 'done thing', checked: true, line: 10, textRange: range(10, 6, 10, 16) },
    { text: 'spaced item', checked: false, line: 11, textRange: range(11, 10, 11, 21) },
    { text: 'plain', checked: undefined, line: 12, textRange: range(12, 2, 12, 7) },
  ]);
  // `* star item` and `1. ordered item` start lists of their own (CommonMark).
  const lists = post.body.sections[0].blocks.filter((block): block is ListBlock => block.kind === 'list');
  assert.deepEqual(lists.map((block) => block.items.map((item) => item.text)), [['x', 'y', 'done thing', 'spaced item', 'plain'], ['star item'], ['ordered item']]);
  assert.deepEqual(lists[1].items[0].textRange, range(13, 2, 13, 11));
  assert.deepEqual(lists[2].items[0].textRange, range(14, 3, 14, 15));
});

test('task list items: CRLF and a BOM give the same items and ranges', () => {
  const plain = (parsePost(TASKS).body.sections[0].blocks[0] as ListBlock).items;
  assert.deepEqual((parsePost(toCrlf(TASKS)).body.sections[0].blocks[0] as ListBlock).items, plain);
  assert.deepEqual((parsePost(withBom(TASKS)).body.sections[0].blocks[0] as ListBlock).items, plain);
});

test('a task item whose text is the checkbox letter: the text range is the text, not the x inside [x]', () => {
  const post = parsePost('# t\n\n- [x] x\n- [X] X\n');
  const list = post.body.intro.blocks[0] as ListBlock;
  assert.deepEqual(list.items.map((item) => [item.text, item.checked, item.textRange]), [
    ['x', true, range(2, 6, 2, 7)],
    ['X', true, range(3, 6, 3, 7)],
  ]);
});
