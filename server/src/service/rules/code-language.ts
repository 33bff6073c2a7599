import { ROLLBACK_LANGUAGE } from '../rollback';
import type { TextEdit } from 'vscode-languageserver-types';
import type { PostDocument } from '../document';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

export const codeLanguage: Rule = {
  id: 'code-language',
  description: 'Every fenced code block (other than rollback notes) has a language tag equal to `code_language`.',
  defaultSeverity: 'warning',
  fixable: true,
  check({ post, meta }) {
    if (!post.frontMatter) return [];
    const expected = meta.string(['code_language']);
    const problems: Problem[] = [];
    for (const fence of post.body.fences) {
      if (fence.language === ROLLBACK_LANGUAGE) continue;
      if (fence.language === '') {
        problems.push({
          range: fence.openRange,
          message: expected ? `This code block has no language tag: expected \`${expected}\` (code_language).` : 'This code block has no language tag.',
          data: expected ? { line: fence.line, language: expected } : undefined,
          fixes: expected ? fixOf(setFenceLanguage(post, fence.line, expected), `Tag the code block \`${expected}\``) : undefined,
        });
      } else if (expected !== undefined && fence.language !== expected) {
        problems.push({
          range: fence.openRange,
          message: `This code block is tagged \`${fence.language}\` but code_language is \`${expected}\`.`,
          data: { line: fence.line, language: expected },
          fixes: fixOf(setFenceLanguage(post, fence.line, expected), `Change the tag to \`${expected}\``),
        });
      }
    }
    return problems;
  },
};

/** Replaces the info string's first word (or writes one) right after the fence marker. */
function setFenceLanguage(post: PostDocument, line: number, language: string): TextEdit | undefined {
  const match = /^(\s*(?:`{3,}|~{3,})\s*)(\S*)/.exec(post.index.lineText(line));
  if (!match) return undefined;
  const start = post.index.lineStartOffset(line) + match[1].length;
  return { range: post.index.range(start, start + match[2].length), newText: language };
}
