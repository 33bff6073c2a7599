import type { Paragraph } from '../model/body';
import { quoted } from '../model/messages';
import type { Rule } from './types';
import { mentions } from './util';

export const introScenario: Rule = {
  id: 'intro-scenario',
  description: 'The intro (the prose before the first `## `) mentions `payload.scenario`.',
  defaultSeverity: 'warning',
  fixable: false,
  example: 'payload:\n  scenario: before a major migration\n---\n\n# keeping staging close to production in python services\n\nThis note explains how we keep the environments aligned.  <!-- never mentions "before a major migration" -->',
  check({ post, meta }) {
    const scenario = meta.string(['payload', 'scenario']);
    if (scenario === undefined || scenario.trim() === '') return [];
    const prose = post.body.intro.blocks.filter((block): block is Paragraph => block.kind === 'paragraph' && block.prose);
    const text = prose.map((block) => block.text).join('\n');
    if (mentions(text, scenario)) return [];
    const range = prose[0]?.range ?? post.body.titles[0]?.textRange ?? meta.rangeNear(['payload', 'scenario']);
    return [{ range, message: `The intro does not mention the scenario ${quoted(scenario)} (payload.scenario).` }];
  },
};
