import type { PostDocument } from '../model/document';
import { quoted } from '../model/messages';
import type { Problem, Rule } from './types';
import { mentions } from './util';

export const title: Rule = {
  id: 'title',
  description: 'The body has exactly one `# ` title, and it names `ai_outline.problem` and `ai_outline.stack`.',
  defaultSeverity: 'warning',
  fixable: false,
  example: '# a few notes on our setup    <!-- names neither ai_outline.problem nor ai_outline.stack -->',
  check({ post, meta }) {
    if (!post.frontMatter) return [];
    const titles = post.body.titles;
    if (titles.length === 0) {
      return [{ range: firstContentLine(post), message: 'The post has no `# ` title: add one naming the problem and the stack.' }];
    }
    const problems: Problem[] = titles.slice(1).map((extra) => ({ range: extra.textRange, message: `A second "# " title: a post has exactly one (the first is on line ${titles[0].line + 1}); use "## " for sections.` }));
    const [first] = titles;
    const missing = (['problem', 'stack'] as const).filter((key) => {
      const value = meta.string(['ai_outline', key]);
      return value !== undefined && !mentions(first.text, value);
    });
    if (missing.length > 0) {
      const what = missing.map((key) => `${key} ${quoted(meta.string(['ai_outline', key]) ?? '')}`).join(' and the ');
      problems.push({ range: first.textRange, message: `The title does not name the ${what} (from ai_outline).` });
    }
    return problems;
  },
};

/** The first non-blank line of the body (where a title belongs), or the body's first line. */
function firstContentLine(post: PostDocument) {
  const last = post.index.lineCount - 1;
  let line = Math.min(post.body.startLine, last);
  while (line < last && post.index.lineText(line).trim() === '') line++;
  return post.index.trimmedLineRange(line);
}
