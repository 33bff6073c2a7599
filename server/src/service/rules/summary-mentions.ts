import { quoted } from '../model/messages';
import type { Rule } from './types';
import { mentions } from './util';

export const summaryMentions: Rule = {
  id: 'summary-mentions',
  description: 'The summary mentions `ai_outline.problem` and `ai_outline.stack`.',
  defaultSeverity: 'warning',
  fixable: false,
  example: 'summary: a short note about our setup.   # mentions neither the problem nor the stack',
  check({ meta }) {
    const summary = meta.string(['summary']);
    if (summary === undefined) return [];
    const missing = (['problem', 'stack'] as const)
      .map((key) => [key, meta.string(['ai_outline', key])] as const)
      .filter((entry): entry is readonly [typeof entry[0], string] => entry[1] !== undefined && !mentions(summary, entry[1]));
    if (missing.length === 0) return [];
    const what = missing.map(([key, value]) => `the ${key} ${quoted(value)}`).join(' or ');
    return [{ range: meta.rangeNear(['summary']), message: `The summary does not mention ${what}.` }];
  },
};
