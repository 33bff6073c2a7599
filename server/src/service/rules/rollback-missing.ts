import type { Rule } from './types';

export const rollbackMissing: Rule = {
  id: 'rollback-missing',
  description: 'The post has at least one ```` ```rollback ```` note keeping a change\'s owner, expected result and rollback together.',
  defaultSeverity: 'warning',
  fixable: false,
  check({ post, meta }) {
    if (!post.frontMatter || post.rollbackNotes.length > 0) return [];
    const range = post.body.titles[0]?.textRange ?? meta.openRange;
    return [{ range, message: 'This post has no rollback note: add a ```rollback block with owner, expected_result and rollback.' }];
  },
};
