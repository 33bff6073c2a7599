import type { Rule } from './types';

export const metaMissing: Rule = {
  id: 'meta-missing',
  description: 'A file matched as a post starts with a YAML front matter (`---` … `---`) holding the post meta.',
  defaultSeverity: 'error',
  fixable: false,
  example: '# keeping staging close to production in python services\n\nA file matched by `files` (posts/staging.md) that does not start with a `---` front matter.',
  check({ post, matchedByFiles }) {
    const frontMatter = post.frontMatter;
    if (!frontMatter) {
      if (!matchedByFiles) return [];
      return [{ range: post.index.lineRange(0), message: 'This post has no post meta: it must start with a `---` line, the YAML meta, and a closing `---`.' }];
    }
    if (frontMatter.errors.length === 0 && (frontMatter.value === null || frontMatter.value === undefined)) {
      return [{ range: post.index.lineRange(frontMatter.openLine), message: 'The post meta is empty: add the keys of the post format (topic, summary, ai_outline, …).' }];
    }
    return [];
  },
};
