import { findChecklist } from '../model/checklist';
import { CHECKLIST_SECTION } from '../workspace/template';
import type { Rule } from './types';

export const checklistMissing: Rule = {
  id: 'checklist-missing',
  description: 'The body has an `## implementation checklist` section holding a Markdown list.',
  defaultSeverity: 'error',
  fixable: false,
  example: '## the practical approach\n\nCompare the two environments before the migration.\n\n## final notes\n\n<!-- the post has no "## implementation checklist" section -->',
  check({ post, meta }) {
    if (!post.frontMatter) return [];
    const checklist = findChecklist(post.body);
    if (!checklist) {
      const range = meta.keyRange(['checklist']) ?? post.body.titles[0]?.textRange ?? meta.openRange;
      return [{ range, message: `The post has no "## ${CHECKLIST_SECTION}" section: add one holding the checklist as a Markdown list.` }];
    }
    if (!checklist.list) {
      return [{ range: checklist.section.heading!.textRange, message: `The ${CHECKLIST_SECTION} section holds no list: write its items as "- item" lines.` }];
    }
    return [];
  },
};
