import { expectedTopic } from '../model/derived';
import { quoted } from '../model/messages';
import { replaceValue } from '../assist/yamlEdits';
import type { Rule } from './types';
import { fixOf } from './util';

export const topicFormat: Rule = {
  id: 'topic-format',
  description: 'The topic is exactly `<ai_outline.problem> / <ai_outline.stack>`.',
  defaultSeverity: 'error',
  fixable: true,
  example: 'topic: staging parity for python     # expected "keeping staging close to production / python services"\nai_outline:\n  problem: keeping staging close to production\n  stack: python services',
  check({ meta, post }) {
    const topic = meta.string(['topic']);
    // An empty problem or stack (a placeholder) is meta-invalid's to report: there is no topic to expect yet.
    const expected = expectedTopic(meta);
    if (topic === undefined || expected === undefined || topic === expected) return [];
    return [{ range: meta.rangeNear(['topic']), message: `topic is ${quoted(topic)} but must be "<problem> / <stack>": ${quoted(expected)}.`, data: { expected }, fixes: fixOf(replaceValue(post, ['topic'], expected), `Set topic to ${quoted(expected)}`) }];
  },
};
