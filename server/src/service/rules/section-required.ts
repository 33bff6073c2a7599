import { quoted } from '../model/messages';
import { CHECKLIST_SECTION } from '../workspace/template';
import type { Rule } from './types';

export const sectionRequired: Rule = {
  id: 'section-required',
  description: "Every section the template requires is present (a missing implementation checklist is reported by `checklist-missing`).",
  defaultSeverity: 'error',
  fixable: false,
  example: '## implementation checklist\n\n- review query plans\n\n<!-- the post ends without its "## final notes" section -->',
  check({ post, template }) {
    if (!post.frontMatter) return [];
    const present = new Set(post.body.sections.map((section) => section.name));
    const lastLine = post.index.lineCount - 1;
    // A missing section is added at the end of the post: point there.
    const end = post.index.lineRange(lastLine > 0 && post.index.lineText(lastLine) === '' ? lastLine - 1 : lastLine);
    return template.sections.required
      .filter((name) => name !== CHECKLIST_SECTION && !present.has(name))
      .map((name) => ({ range: end, message: `The required section ${quoted(`## ${name}`)} is missing.` }));
  },
};
