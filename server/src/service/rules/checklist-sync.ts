import { findChecklist } from '../checklist';
import type { Rule } from './types';

export const checklistSync: Rule = {
  id: 'checklist-sync',
  description: "The meta `checklist` equals, item for item and in order, the body's implementation checklist.",
  defaultSeverity: 'error',
  fixable: false,
  check({ meta, post }) {
    const metaItems = meta.stringList(['checklist']);
    const list = findChecklist(post.body)?.list;
    if (!metaItems || !list) return [];
    const bodyItems = list.items.map((item) => item.text);
    const length = Math.max(metaItems.length, bodyItems.length);
    for (let i = 0; i < length; i++) {
      if (metaItems[i] === bodyItems[i]) continue;
      const data = { metaItems, bodyItems };
      if (i >= metaItems.length) {
        return [{ range: meta.keyRange(['checklist']) ?? meta.openRange, message: `The meta checklist has ${metaItems.length} items but the body's implementation checklist has ${bodyItems.length}: ${JSON.stringify(bodyItems[i])} is missing from the meta.`, data }];
      }
      if (i >= bodyItems.length) {
        return [{ range: meta.rangeNear(['checklist', i]), message: `The meta checklist item ${JSON.stringify(metaItems[i])} is not in the body's implementation checklist (the body has ${bodyItems.length} items).`, data }];
      }
      return [{ range: meta.rangeNear(['checklist', i]), message: `Checklist item ${i + 1} is ${JSON.stringify(metaItems[i])} in the meta but ${JSON.stringify(bodyItems[i])} in the body's implementation checklist (order matters).`, data }];
    }
    return [];
  },
};
