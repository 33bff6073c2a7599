import { quoted } from '../model/messages';
import { filledString } from '../model/derived';
import { ROLLBACK_LANGUAGE } from '../model/rollback';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

export const codeLanguage: Rule = {
  id: 'code-language',
  description: 'Every fenced code block (other than rollback notes) has a language tag equal to `code_language`.',
  defaultSeverity: 'warning',
  fixable: true,
  example: 'code_language: python\n---\n\n```bash                <!-- expected ```python -->\npytest -q\n```',
  check({ post, meta }) {
    if (!post.frontMatter) return [];
    // An empty code_language is a placeholder: no tag is derived from it (and none removed).
    const expected = filledString(meta, ['code_language']);
    const problems: Problem[] = [];
    for (const fence of post.body.fences) {
      if (fence.language === ROLLBACK_LANGUAGE) continue;
      if (fence.language === '') {
        problems.push({
          range: tagRange(post, fence.line) ?? fence.openRange,
          message: expected ? `This code block has no language tag: expected ${quoted(expected)} (code_language).` : 'This code block has no language tag.',
          data: expected ? { line: fence.line, language: expected } : undefined,
          fixes: expected ? fixOf(setFenceLanguage(post, fence.line, expected), `Tag the code block ${quoted(expected)}`) : undefined,
        });
      } else if (expected !== undefined && fence.language !== expected) {
        problems.push({
          range: tagRange(post, fence.line) ?? fence.openRange,
          message: `This code block is tagged ${quoted(fence.language)} but code_language is ${quoted(expected)}.`,
          data: { line: fence.line, language: expected },
          fixes: fixOf(setFenceLanguage(post, fence.line, expected), `Change the tag to ${quoted(expected)}`),
        });
      }
    }
    return problems;
  },
};

/** The fence's language tag, or its marker (```` ``` ````) when it has none. */
function tagRange(post: PostDocument, line: number): Range | undefined {
  const text = post.index.lineText(line);
  const match = FENCE_OPENING.exec(text);
  if (!match) return undefined;
  const lineStart = post.index.lineStartOffset(line);
  if (match[3]) return post.index.range(lineStart + match[1].length, lineStart + match[1].length + match[3].length);
  const markerStart = lineStart + text.indexOf(match[2]);
  return post.index.range(markerStart, markerStart + match[2].length);
}

/** Indentation and marker (with any space after it), the marker alone, then the tag. */
const FENCE_OPENING = /^(\s*(`{3,}|~{3,})\s*)(\S*)/;

/** Replaces the info string's first word (or writes one) right after the fence marker. */
function setFenceLanguage(post: PostDocument, line: number, language: string): TextEdit | undefined {
  const match = FENCE_OPENING.exec(post.index.lineText(line));
  if (!match) return undefined;
  const start = post.index.lineStartOffset(line) + match[1].length;
  return { range: post.index.range(start, start + match[3].length), newText: language };
}
