import type { TextEdit } from 'vscode-languageserver-types';
import { isMap, Node, YAMLMap } from 'yaml';
import type { PostDocument } from '../model/document';
import { findPair, nodeSpan } from '../model/frontMatter';
import { pastDateProblem } from '../model/dates';
import { elide, quoted } from '../model/messages';
import type { RollbackNote } from '../model/rollback';
import { lineBreakOf, yamlScalar } from '../assist/yamlEdits';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

const REQUIRED = ['owner', 'expected_result', 'rollback'] as const;

export const rollbackFields: Rule = {
  id: 'rollback-fields',
  description: 'Each rollback note is valid YAML with a non-empty `owner`, `expected_result` and `rollback`; `rehearsed`, when given, is a past ISO date.',
  defaultSeverity: 'error',
  fixable: true,
  example: '```rollback\nowner: jane.doe\nrollback: alembic downgrade -1\nrehearsed: 2031-01-01      # no expected_result, and a date in the future\n```',
  check({ post, today, owner }) {
    const problems: Problem[] = [];
    for (const note of post.rollbackNotes) {
      const { fence } = note;
      if (!fence.closed) {
        problems.push({ range: fence.openRange, message: 'This rollback note is never closed: end it with a line of three backticks.' });
      }
      if (note.errors.length > 0) {
        for (const error of note.errors) problems.push({ range: post.index.range(error.start, error.end), message: `The rollback note is not valid YAML: ${error.message}` });
        continue;
      }
      const value = note.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !isMap(note.document.contents)) {
        problems.push({ range: fence.openRange, message: 'The rollback note must be a map with owner, expected_result and rollback.', data: { line: fence.line, missing: [...REQUIRED] }, fixes: fixOf(addFields(post, note, REQUIRED, owner), 'Add owner, expected_result and rollback') });
        continue;
      }
      const fields = value as Record<string, unknown>;
      const nodeRange = (key: string) => {
        const pair = findPair(note.document, [key]);
        const span = nodeSpan(post.text, fence.contentStart, (pair?.value ?? pair?.key) as Node | undefined);
        return span ? post.index.range(span[0], span[1]) : fence.openRange;
      };
      const missing = REQUIRED.filter((key) => !(key in fields));
      if (missing.length > 0) {
        problems.push({ range: fence.openRange, message: `This rollback note has no ${missing.join(' and no ')}: a change keeps its owner, expected result and rollback together.`, data: { line: fence.line, missing }, fixes: fixOf(addFields(post, note, missing, owner), `Add ${missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}` : missing[0]}`) });
      }
      for (const key of REQUIRED) {
        if (!(key in fields)) continue;
        const field = fields[key];
        if (typeof field !== 'string' || field.trim() === '') {
          const empty = field === null || (typeof field === 'string' && field.trim() === '');
          problems.push({ range: nodeRange(key), message: `The rollback note's ${key} ${empty ? 'is empty' : 'must be text'}.` });
        }
      }
      if ('rehearsed' in fields) {
        const rehearsed = fields.rehearsed;
        const problem = typeof rehearsed === 'string' ? pastDateProblem(rehearsed, today) : 'expected a date YYYY-MM-DD';
        if (problem) problems.push({ range: nodeRange('rehearsed'), message: `The rollback note's rehearsed is ${typeof rehearsed === 'string' ? quoted(rehearsed) : elide(JSON.stringify(rehearsed) ?? String(rehearsed))}: ${problem}.` });
      }
    }
    return problems;
  },
};

/**
 * Adds the missing fields' lines at the end of the note's map (at its keys' indentation), or
 * as the whole content of an empty note. `owner` is the host's owner (the same one Insert
 * Rollback Note writes); the other values, and the owner when none is known, are `""`
 * placeholders: only the author knows them, so they stay flagged until they are filled in. None for a note that is a list, a
 * scalar or a flow map `{…}`, where added lines would not join the map.
 */
function addFields(post: PostDocument, note: RollbackNote, keys: readonly string[], owner: string | undefined): TextEdit | undefined {
  const { fence } = note;
  const eol = lineBreakOf(post);
  const contents = note.document.contents;
  const fieldLines = (indent: string) => keys.map((key) => `${indent}${key}: ${key === 'owner' && owner ? yamlScalar(owner) : '""'}`);
  if (contents === null || contents === undefined) {
    const at = fence.contentStart;
    const lineStart = at === 0 || post.text[at - 1] === '\n' || post.text[at - 1] === '\r';
    const indent = ' '.repeat(fence.openRange.start.character);
    const text = (lineStart ? '' : eol) + fieldLines(indent).join(eol) + (lineStart ? eol : '');
    return { range: post.index.range(at, at), newText: text };
  }
  if (!isMap(contents) || (contents as YAMLMap).flow) return undefined;
  const items = (contents as YAMLMap).items;
  const firstKey = nodeSpan(post.text, fence.contentStart, items[0]?.key as Node | undefined);
  if (!firstKey) return undefined;
  let end = firstKey[1];
  for (const item of items) {
    for (const node of [item.key, item.value]) {
      const span = nodeSpan(post.text, fence.contentStart, node as Node | undefined);
      if (span) end = Math.max(end, span[1]);
    }
  }
  const indent = ' '.repeat(post.index.positionAt(firstKey[0]).character);
  const at = post.index.lineEndOffset(post.index.positionAt(end).line);
  return { range: post.index.range(at, at), newText: fieldLines(indent).map((line) => eol + line).join('') };
}
