import { ROLLBACK_LANGUAGE } from '../rollback';
import type { Problem, Rule } from './types';

export const codeLanguage: Rule = {
  id: 'code-language',
  description: 'Every fenced code block (other than rollback notes) has a language tag equal to `code_language`.',
  defaultSeverity: 'warning',
  fixable: false,
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
        });
      } else if (expected !== undefined && fence.language !== expected) {
        problems.push({
          range: fence.openRange,
          message: `This code block is tagged \`${fence.language}\` but code_language is \`${expected}\`.`,
          data: { line: fence.line, language: expected },
        });
      }
    }
    return problems;
  },
};
