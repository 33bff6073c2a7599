import { seedDigits } from '../model/derived';
import { replaceValue } from '../assist/yamlEdits';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

/** Moved to derived.ts with the other derived values; re-exported for the modules that import it from here. */
export { seedDigits };

export const seedConsistency: Rule = {
  id: 'seed-consistency',
  description: '`reference` (anp-ref-NNNNNN-NNNN) and `payload.source_id` (alphanode-NNNNNN) carry `payload.seed` zero-padded to six digits.',
  defaultSeverity: 'error',
  fixable: true,
  example: 'reference: anp-ref-038569-1612       # payload.seed 38568 gives anp-ref-038568-…\npayload:\n  source_id: alphanode-038568\n  seed: 38568',
  check({ meta, post }) {
    const seed = meta.integer(['payload', 'seed']);
    if (seed === undefined || seed < 0) return [];
    const digits = seedDigits(seed);
    const problems: Problem[] = [];
    const reference = meta.string(['reference']);
    const referenceMatch = reference === undefined ? null : /^anp-ref-(\d{6})-(\d{4})$/.exec(reference);
    if (referenceMatch && referenceMatch[1] !== digits) {
      problems.push({
        range: meta.rangeNear(['reference']),
        message: `reference carries ${referenceMatch[1]} but payload.seed is ${seed}: expected anp-ref-${digits}-${referenceMatch[2]}.`,
        data: { path: ['reference'], expected: `anp-ref-${digits}-${referenceMatch[2]}` },
        fixes: fixOf(replaceValue(post, ['reference'], `anp-ref-${digits}-${referenceMatch[2]}`), `Set reference to anp-ref-${digits}-${referenceMatch[2]}`),
      });
    }
    const sourceId = meta.string(['payload', 'source_id']);
    if (sourceId !== undefined && /^alphanode-\d{6}$/.test(sourceId) && sourceId !== `alphanode-${digits}`) {
      problems.push({
        range: meta.rangeNear(['payload', 'source_id']),
        message: `payload.source_id is ${sourceId} but payload.seed is ${seed}: expected alphanode-${digits}.`,
        data: { path: ['payload', 'source_id'], expected: `alphanode-${digits}` },
        fixes: fixOf(replaceValue(post, ['payload', 'source_id'], `alphanode-${digits}`), `Set payload.source_id to alphanode-${digits}`),
      });
    }
    return problems;
  },
};
