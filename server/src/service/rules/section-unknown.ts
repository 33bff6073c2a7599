import type { Rule } from './types';
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
    return post.body.sections
      .filter((section) => !known.includes(section.name))
      .map((section) => {
        if (section.name === '') return { range: section.heading!.textRange, message: `A \`## \` heading with no name: the template's sections are ${known.join(', ')}.` };
        const suggestion = nearest(section.name, known);
        return {
          range: section.heading!.textRange,
          message: suggestion
            ? `Unknown section "${section.heading!.text}": did you mean "${suggestion}"?`
            : `Unknown section "${section.heading!.text}"; the template knows: ${known.join(', ')}.`,
          data: suggestion ? { replaceWith: suggestion } : undefined,
          fixes: suggestion ? fixOf({ range: section.heading!.textRange, newText: suggestion }, `Rename the section to "${suggestion}"`) : undefined,
        };
      });
  },
};
