import { countProseParagraphs } from '../model/derived';
import { replaceValue } from '../assist/yamlEdits';
import type { Rule } from './types';
import { fixOf } from './util';

/** Moved to derived.ts with the other derived values; re-exported for the modules that import it from here. */
export { countProseParagraphs };

export const paragraphCount: Rule = {
  id: 'paragraph-count',
  description: '`payload.paragraphs` equals the prose paragraphs of the intro and every section except `final notes` (images, code, lists and rollback notes do not count).',
  defaultSeverity: 'error',
  fixable: true,
  example: 'payload:\n  paragraphs: 6        # payload.paragraphs is 6 but the body has 5 prose paragraphs',
  check({ meta, post }) {
    const declared = meta.integer(['payload', 'paragraphs']);
    if (declared === undefined || declared < 0) return [];
    const counted = countProseParagraphs(post.body);
    if (declared === counted) return [];
    return [{
      range: meta.rangeNear(['payload', 'paragraphs']),
      message: `payload.paragraphs is ${declared} but the body has ${counted} prose paragraph${counted === 1 ? '' : 's'}.`,
      data: { path: ['payload', 'paragraphs'], expected: counted },
      fixes: fixOf(replaceValue(post, ['payload', 'paragraphs'], counted), `Set payload.paragraphs to ${counted}`),
    }];
  },
};
