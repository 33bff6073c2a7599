import type { Rule } from './types';
import { elide, listValues } from '../model/messages';
import { fixOf, nearest } from './util';

export const sectionUnknown: Rule = {
  id: 'section-unknown',
  description: "Every `## ` heading is one of the template's known sections.",
  defaultSeverity: 'warning',
  fixable: true,
  example: '## why this maters     <!-- Unknown section: did you mean "why this matters"? -->',
  check({ post, template }) {
    if (!post.frontMatter) return [];
    const known = template.sections.known;
    const isKnown = new Set(known);
    return post.body.sections
      .filter((section) => !isKnown.has(section.name))
      .map((section) => {
        if (section.name === '') return { range: section.heading!.textRange, message: `A "## " heading with no name: the template's sections are ${listValues(known)}.` };
        const suggestion = nearest(section.name, known);
        return {
          range: section.heading!.textRange,
          message: suggestion
            ? `Unknown section "${elide(section.heading!.text)}": did you mean "${elide(suggestion)}"?`
            : `Unknown section "${elide(section.heading!.text)}"; the template knows: ${listValues(known)}.`,
          data: suggestion ? { replaceWith: suggestion } : undefined,
          fixes: suggestion ? fixOf({ range: section.heading!.textRange, newText: suggestion }, `Rename the section to "${suggestion}"`) : undefined,
        };
      });
  },
};
