import type { ListBlock } from '../model/body';
import { findChecklist } from '../model/checklist';
import type { PostDocument } from '../model/document';
import { quoted } from '../model/messages';
import { lineBreakOf, replaceList } from '../assist/yamlEdits';
import type { Fix, Rule } from './types';

export const checklistSync: Rule = {
  id: 'checklist-sync',
  description: "The meta `checklist` equals, item for item and in order, the body's implementation checklist.",
  defaultSeverity: 'error',
  fixable: true,
  example: 'checklist: [review query plans, add indexes carefully]\n---\n\n## implementation checklist\n\n- add indexes carefully\n- review query plans       <!-- same items, another order -->',
  check({ meta, post }) {
    const metaItems = meta.stringList(['checklist']);
    const list = findChecklist(post.body)?.list;
    if (!metaItems || !list) return [];
    const bodyItems = list.items.map((item) => item.text);
    const length = Math.max(metaItems.length, bodyItems.length);
    for (let i = 0; i < length; i++) {
      if (metaItems[i] === bodyItems[i]) continue;
      const data = { metaItems, bodyItems };
      const fixes = syncFixes(post, list, metaItems, bodyItems);
      if (i >= metaItems.length) {
        return [{ range: meta.keyRange(['checklist']) ?? meta.openRange, message: `The meta checklist has ${metaItems.length} items but the body's implementation checklist has ${bodyItems.length}: ${quoted(bodyItems[i])} is missing from the meta.`, data, fixes }];
      }
      if (i >= bodyItems.length) {
        return [{ range: meta.rangeNear(['checklist', i]), message: `The meta checklist item ${quoted(metaItems[i])} is not in the body's implementation checklist (the body has ${bodyItems.length} items).`, data, fixes }];
      }
      const moved = bodyItems.includes(metaItems[i]) ? ' (order matters)' : '';
      return [{ range: meta.rangeNear(['checklist', i]), message: `Checklist item ${i + 1} is ${quoted(metaItems[i])} in the meta but ${quoted(bodyItems[i])} in the body's implementation checklist${moved}.`, data, fixes }];
    }
    return [];
  },
};

/** Two directions: the body is what readers follow, so copying it into the meta is preferred. */
function syncFixes(post: PostDocument, list: ListBlock, metaItems: string[], bodyItems: string[]): Fix[] {
  const fixes: Fix[] = [];
  const toMeta = replaceList(post, ['checklist'], bodyItems);
  // An item without text is no value to copy: then neither direction is the obvious one.
  const complete = bodyItems.every((item) => item.trim() !== '');
  if (toMeta) fixes.push({ title: "Copy the body's checklist into the meta", edits: [toMeta], preferred: complete });
  if (metaItems.length > 0) fixes.push({ title: "Copy the meta's checklist into the body", edits: [replaceBodyList(post, list, metaItems)] });
  return fixes;
}

/** Rewrites the list's lines with `items`, keeping the first item's marker and task-box style and each kept item's check. */
function replaceBodyList(post: PostDocument, list: ListBlock, items: string[]) {
  const first = post.index.lineText(list.items[0].line);
  const marker = /^\s*(?:[-*+]|\d+[.)])\s+/.exec(first)?.[0] ?? '- ';
  const task = list.items[0].checked !== undefined;
  const checked = new Map(list.items.map((item) => [item.text, item.checked]));
  const lines = items.map((item) => `${marker}${task ? (checked.get(item) ? '[x] ' : '[ ] ') : ''}${item}`);
  const lastLine = list.items[list.items.length - 1].line;
  return { range: { start: { line: list.items[0].line, character: 0 }, end: post.index.lineRange(lastLine).end }, newText: lines.join(lineBreakOf(post)) };
}
