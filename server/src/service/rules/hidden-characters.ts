import { findChecklist } from '../model/checklist';
import type { PostDocument } from '../model/document';
import { characterLabel, codePointId, findHiddenRuns, hiddenKind, tagText } from '../model/hiddenChars';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

/** Distinct characters named in one message; the rest are counted. */
const MAX_NAMED = 3;
/** Longest hidden tag text quoted in a message. */
const MAX_TAG_TEXT = 40;
/** `#` … `######` headings (the body model keeps only levels 1 and 2). */
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

const WHY = {
  bidi: 'bidi controls reorder the text as it is displayed, so what a reader sees can differ from what the file says ("Trojan Source")',
  tag: 'tag characters are invisible and can carry text that no reader sees',
  invisible: 'invisible characters make text that looks the same search, compare and copy differently',
};

export const hiddenCharacters: Rule = {
  id: 'hidden-characters',
  description: 'Meta keys and values, headings and checklist items hold no bidi controls or invisible format characters (emoji sequences and right-to-left text are fine).',
  details: [
    'Looked at: the whole front matter (every key, value and comment, the meta `checklist` included), every heading (`#` … `######`, and',
    'setext titles) and each item of the body\'s implementation checklist. Code blocks and prose are left alone. One diagnostic',
    'per run of adjacent hidden characters, on exactly those characters; the fix deletes them. A character written as a YAML',
    'escape (`"\\u202E"`) is visible in the file and not reported (the preview still shows it as a marker).',
    '',
    'Reported characters:',
    '',
    '- bidi embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069;',
    '- invisible format characters: U+00AD SOFT HYPHEN, U+180E MONGOLIAN VOWEL SEPARATOR, U+200B ZERO WIDTH SPACE,',
    '  U+2060 WORD JOINER, U+2061–U+2064 (invisible operators), U+206A–U+206F (deprecated format characters),',
    '  U+FEFF ZERO WIDTH NO-BREAK SPACE (a byte order mark at the very start of the file is fine), U+3164 HANGUL FILLER,',
    '  U+FFA0 HALFWIDTH HANGUL FILLER, U+FFF9–U+FFFB (interlinear annotations), U+1D173–U+1D17A (musical format characters);',
    '- U+200D ZERO WIDTH JOINER and U+200C ZERO WIDTH NON-JOINER, except between two emoji (ZWJ only: 👩‍💻, 👨‍👩‍👧, 🏳️‍🌈)',
    '  and between letters of a script that uses them (Arabic, Syriac, N\'Ko, Mongolian, Tibetan, Myanmar, Khmer and the',
    '  Indic scripts: Persian "می‌خواهم", Devanagari half forms), or there after a sign at the end of a word (Malayalam ന്‍);',
    '- tag characters U+E0000–U+E007F, except as an emoji flag\'s tag sequence (U+1F3F4, 3–7 tag digits or lower-case',
    '  letters, U+E007F: 🏴󠁧󠁢󠁳󠁣󠁴󠁿). The message spells out the text hidden tags carry.',
    '',
    'Never reported: the directional marks U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK and U+061C ARABIC LETTER',
    'MARK, which right-to-left text needs and which reorder nothing by themselves, and variation selectors.',
  ].join('\n'),
  defaultSeverity: 'warning',
  fixable: true,
  // ⟨U+202E⟩ stands for the invisible character: docs/rules.md must not hold the real one.
  example: [
    'summary: "first deploy to ⟨U+202E⟩gnigats"    # displays as "first deploy to staging"; the file says "gnigats"',
    'checklist:',
    '  - drop the⟨U+200B⟩backup table               # a ZERO WIDTH SPACE: no search for "the backup" finds it',
    '',
    '## rollback⟨U+2066⟩ plan                       # a LEFT-TO-RIGHT ISOLATE in a heading',
  ].join('\n'),
  check({ post }) {
    const problems: Problem[] = [];
    const frontMatter = post.frontMatter;
    if (frontMatter) report(post, problems, frontMatter.sourceStart, frontMatter.source, 'the post meta');
    for (const [line, where] of bodyLines(post)) {
      const start = post.index.lineStartOffset(line);
      report(post, problems, start, post.index.lineText(line), where);
    }
    return problems;
  },
};

/** The body lines to look at, in order: headings and checklist items. */
function bodyLines(post: PostDocument): Array<[number, string]> {
  const lines = new Map<number, string>();
  for (const heading of post.body.titles) lines.set(heading.line, 'a heading');
  for (const section of post.body.sections) if (section.heading) lines.set(section.heading.line, 'a heading');
  // Level 3+ headings, outside fenced code (fences come in document order and never overlap).
  const fences = post.body.fences;
  let fence = 0;
  for (let line = post.body.startLine; line < post.index.lineCount; line++) {
    while (fence < fences.length && fences[fence].endLine <= line) fence++;
    if (fence < fences.length && fences[fence].line <= line) continue;
    if (ATX_HEADING.test(post.index.lineText(line))) lines.set(line, 'a heading');
  }
  for (const item of findChecklist(post.body)?.list?.items ?? []) if (!lines.has(item.line)) lines.set(item.line, 'a checklist item');
  return [...lines].sort((a, b) => a[0] - b[0]);
}

function report(post: PostDocument, problems: Problem[], base: number, text: string, where: string): void {
  for (const run of findHiddenRuns(text)) {
    const range = post.index.range(base + run.start, base + run.end);
    const count = run.codePoints.length;
    // One pass over the run: a run can be a million characters long.
    const counts = new Map<number, number>();
    for (const codePoint of run.codePoints) counts.set(codePoint, (counts.get(codePoint) ?? 0) + 1);
    const characters = [...counts.keys()];
    const kinds = new Set(characters.map(hiddenKind));
    const what = count === 1 ? `Hidden character ${characterLabel(run.codePoints[0])}` : `${count} hidden characters (${named(counts)})`;
    const spelled = kinds.has('tag') ? tagText(run.codePoints) : '';
    const spells = spelled ? ` spelling ${JSON.stringify(elide(spelled))}` : '';
    // The most telling reason: bidi controls first (they reorder), then tags (they carry text).
    const why = WHY[kinds.has('bidi') ? 'bidi' : kinds.has('tag') ? 'tag' : 'invisible'];
    const message = `${what}${spells} in ${where}: ${why}. Remove ${count === 1 ? 'it' : 'them'}.`;
    const title = count === 1 ? `Remove ${characterLabel(run.codePoints[0])}` : `Remove ${count} hidden characters`;
    problems.push({ range, message, data: { characters: characters.map(codePointId) }, fixes: fixOf({ range, newText: '' }, title) });
  }
}

/** `U+200B ZERO WIDTH SPACE ×2, U+2060 WORD JOINER`, at most MAX_NAMED names, in order of appearance. */
function named(counts: ReadonlyMap<number, number>): string {
  const characters = [...counts.keys()];
  const names = characters.slice(0, MAX_NAMED).map((codePoint) => `${characterLabel(codePoint)}${counts.get(codePoint)! > 1 ? ` ×${counts.get(codePoint)}` : ''}`);
  const more = characters.length - MAX_NAMED;
  return more > 0 ? `${names.join(', ')} … and ${more} more` : names.join(', ');
}

function elide(text: string): string {
  return text.length > MAX_TAG_TEXT ? `${text.slice(0, MAX_TAG_TEXT)}…` : text;
}
