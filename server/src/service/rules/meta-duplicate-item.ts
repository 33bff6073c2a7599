import { quoted } from '../model/messages';
import { deleteListItem } from '../assist/yamlEdits';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

const LISTS = ['stack', 'tools', 'checklist', 'notes'] as const;

export const metaDuplicateItem: Rule = {
  id: 'meta-duplicate-item',
  description: 'The meta lists `stack`, `tools`, `checklist` and `notes` hold each item once.',
  defaultSeverity: 'warning',
  fixable: true,
  example: 'tools: [fastapi, pytest, fastapi]   # `fastapi` is listed twice',
  check({ meta, post }) {
    const problems: Problem[] = [];
    for (const key of LISTS) {
      const items = meta.list([key]);
      if (!items) continue;
      const firstIndex = new Map<unknown, number>();
      items.forEach((item, i) => {
        if (typeof item !== 'string') return;
        const first = firstIndex.get(item);
        if (first === undefined) {
          firstIndex.set(item, i);
          return;
        }
        problems.push({
          range: meta.rangeNear([key, i]),
          message: `${key} lists ${quoted(item)} again at item ${i + 1} (first at item ${first + 1}).`,
          data: { path: [key, i] },
          fixes: fixOf(deleteListItem(post, [key, i]), `Remove the duplicate ${quoted(item)}`),
        });
      });
    }
    return problems;
  },
};
