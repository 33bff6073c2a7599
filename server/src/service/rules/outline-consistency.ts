import { filledString } from '../model/derived';
import { elide, listValues, quoted } from '../model/messages';
import type { Problem, Rule } from './types';

export const outlineConsistency: Rule = {
  id: 'outline-consistency',
  description: 'ai_outline agrees with the rest of the meta: context = payload.scenario, its stack is in `stack`, and `entities` name its stack (type stack) and problem (type problem).',
  defaultSeverity: 'error',
  fixable: false,
  example: 'ai_outline:\n  context: before a major migration\npayload:\n  scenario: during a quiet release window   # ai_outline.context says "before a major migration"',
  check({ meta }) {
    const problems: Problem[] = [];
    // An empty value is a placeholder (meta-invalid reports it): nothing to compare yet.
    const context = filledString(meta, ['ai_outline', 'context']);
    const scenario = filledString(meta, ['payload', 'scenario']);
    if (context !== undefined && scenario !== undefined && context !== scenario) {
      problems.push({ range: meta.rangeNear(['ai_outline', 'context']), message: `ai_outline.context is ${quoted(context)} but payload.scenario is ${quoted(scenario)}; they must be equal.` });
    }
    const stack = filledString(meta, ['ai_outline', 'stack']);
    const stackList = meta.stringList(['stack']);
    if (stack !== undefined && stackList !== undefined && !stackList.includes(stack)) {
      problems.push({ range: meta.rangeNear(['ai_outline', 'stack']), message: `ai_outline.stack ${quoted(stack)} is not in the stack list (${listValues(stackList, { format: JSON.stringify }) || 'empty'}).` });
    }
    const entities = meta.list(['entities']);
    if (entities) {
      const named = (type: string) => entities.filter((entity): entity is { name: unknown; type: unknown } => typeof entity === 'object' && entity !== null && (entity as { type?: unknown }).type === type);
      for (const [type, value] of [['stack', stack], ['problem', filledString(meta, ['ai_outline', 'problem'])]] as const) {
        if (value === undefined) continue;
        const ofType = named(type);
        if (ofType.some((entity) => entity.name === value)) continue;
        const wrong = ofType[0];
        const index = wrong ? entities.indexOf(wrong) : -1;
        problems.push({
          range: index >= 0 ? meta.rangeNear(['entities', index, 'name']) : meta.keyRange(['entities']) ?? meta.openRange,
          message: index >= 0
            ? `The ${type} entity is named ${typeof wrong.name === 'string' ? quoted(wrong.name) : elide(JSON.stringify(wrong.name) ?? String(wrong.name))} but ai_outline.${type} is ${quoted(value)}.`
            : `entities has no ${type} entity named ${quoted(value)} (ai_outline.${type}).`,
        });
      }
    }
    return problems;
  },
};
