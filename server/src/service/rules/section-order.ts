import { elide, listValues } from '../model/messages';
import type { Problem, Rule } from './types';

/** A section name as the messages quote it (a hostile heading is elided). */
const named = (name: string): string => `"${elide(name)}"`;

export const sectionOrder: Rule = {
  id: 'section-order',
  description: "The template's ordered sections (by default `implementation checklist`, then `final notes`) come last, in that order, once each.",
  defaultSeverity: 'warning',
  fixable: false,
  example: '## final notes\n\nWrite down what changed.\n\n## implementation checklist    <!-- must come before "final notes" -->',
  check({ post, template }) {
    if (!post.frontMatter) return [];
    const order = template.sections.order;
    const problems: Problem[] = [];
    let reached = -1; // index in `order` of the last ordered section seen
    const seen = new Set<string>();
    for (const section of post.body.sections) {
      const position = order.indexOf(section.name);
      const range = section.heading!.textRange;
      if (position >= 0 && seen.has(section.name)) {
        problems.push({ range, message: `The section ${named(section.name)} appears more than once.` });
      } else if (position >= 0 && position < reached) {
        problems.push({ range, message: `The section ${named(section.name)} must come before ${named(order[reached])}.` });
      } else if (position < 0 && reached >= 0) {
        problems.push({ range, message: `The section ${named(section.name)} must come before ${named(order[reached])}: ${listValues(order, { separator: ', then ', format: (name) => `"${name}"` })} end the post.` });
      }
      if (position >= 0) {
        seen.add(section.name);
        reached = Math.max(reached, position);
      }
    }
    return problems;
  },
};
