import { replaceValue } from '../yamlEdits';
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
    const problem = meta.string(['ai_outline', 'problem']);
    const stack = meta.string(['ai_outline', 'stack']);
    if (topic === undefined || problem === undefined || stack === undefined) return [];
    const expected = `${problem} / ${stack}`;
    if (topic === expected) return [];
    return [{ range: meta.rangeNear(['topic']), message: `topic is ${JSON.stringify(topic)} but must be "<problem> / <stack>": ${JSON.stringify(expected)}.`, data: { expected }, fixes: fixOf(replaceValue(post, ['topic'], expected), `Set topic to ${JSON.stringify(expected)}`) }];
  },
};
