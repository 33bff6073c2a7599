import { findChecklist } from '../model/checklist';
import { quoted } from '../model/messages';
import { deleteLine } from '../assist/yamlEdits';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

export const checklistItem: Rule = {
  id: 'checklist-item',
  description: 'Each item of the body checklist is non-empty and unique, and the checklist section holds no prose paragraphs.',
  defaultSeverity: 'warning',
  fixable: true,
  example: '## implementation checklist\n\n- review query plans\n- review query plans       <!-- a duplicate item -->\n\nRemember to tell the team.  <!-- prose inside the checklist section -->',
  check({ post }) {
    const checklist = findChecklist(post.body);
    if (!checklist) return [];
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    checklist.list?.items.forEach((item, i) => {
      if (item.text === '') {
        problems.push({ range: post.index.trimmedLineRange(item.line), message: `Checklist item ${i + 1} is empty.`, data: { line: item.line }, fixes: fixOf(deleteLine(post, item.line), 'Remove the empty item') });
        return;
      }
      const first = seen.get(item.text);
      if (first !== undefined) {
        problems.push({ range: item.textRange, message: `Checklist item ${quoted(item.text)} repeats item ${first + 1}.`, data: { line: item.line }, fixes: fixOf(deleteLine(post, item.line), `Remove the duplicate ${quoted(item.text)}`) });
      } else {
        seen.set(item.text, i);
      }
    });
    for (const block of checklist.section.blocks) {
      if (block.kind === 'paragraph' && block.prose) {
        problems.push({ range: block.range, message: 'A prose paragraph inside the implementation checklist section: the section holds only the list (move the text to another section).' });
      }
    }
    return problems;
  },
};
