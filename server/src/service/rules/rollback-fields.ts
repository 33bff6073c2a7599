import type { TextEdit } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import { entryAt, spanOf } from '../model/metaTree';
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
      const { fence, tree } = note;
      if (!fence.closed) problems.push({ range: fence.openRange, message: 'This rollback note is never closed: end it with a line of three backticks.' });
      if (note.errors.length > 0) {
        for (const error of note.errors) problems.push({ range: post.index.range(error.start, error.end), message: `The rollback note is not valid YAML: ${error.message}` });
        continue;
      }
      const fields = tree?.kind === 'map' ? (note.value as Record<string, unknown>) : undefined;
      const missing = REQUIRED.filter((key) => !fields || !(key in fields));
      if (missing.length > 0) {
        const message = fields ? `This rollback note has no ${missing.join(' and no ')}: a change keeps its owner, expected result and rollback together.` : 'The rollback note must be a map with owner, expected_result and rollback.';
        const names = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}` : missing[0];
        problems.push({ range: fence.openRange, message, data: { line: fence.line, missing }, fixes: fixOf(addFields(post, note, missing, owner), `Add ${names}`) });
      }
      if (!fields) continue;
      const range = (key: string) => {
        const entry = entryAt(tree, [key]);
        const span = spanOf(post.text, entry?.value ?? entry?.key);
        return span ? post.index.range(span[0], span[1]) : fence.openRange;
      };
      for (const key of REQUIRED) {
        const field = fields[key];
        if (!(key in fields) || (typeof field === 'string' && field.trim() !== '')) continue;
        const empty = field === null || typeof field === 'string';
        problems.push({ range: range(key), message: `The rollback note's ${key} ${empty ? 'is empty' : 'must be text'}.` });
      }
      if ('rehearsed' in fields) {
        const rehearsed = fields.rehearsed;
        const problem = typeof rehearsed === 'string' ? pastDateProblem(rehearsed, today) : 'expected a date YYYY-MM-DD';
        if (problem) problems.push({ range: range('rehearsed'), message: `The rollback note's rehearsed is ${typeof rehearsed === 'string' ? quoted(rehearsed) : elide(JSON.stringify(rehearsed) ?? String(rehearsed))}: ${problem}.` });
      }
    }
    return problems;
  },
};

/**
 * Adds the missing fields' lines after the note's last entry (at its keys' indentation), or as
 * the whole content of an empty note. `owner` is the host's owner (the same one Insert Rollback
 * Note writes); the other values, and the owner when none is known, are `""` placeholders: only
 * the author knows them, so they stay flagged until they are filled in. None for a note that is a list, a
 * scalar or a flow map `{…}`, where added lines would not join the map.
 */
function addFields(post: PostDocument, note: RollbackNote, keys: readonly string[], owner: string | undefined): TextEdit | undefined {
  const { fence, tree } = note;
  const eol = lineBreakOf(post);
  const lines = (indent: string) => keys.map((key) => `${indent}${key}: ${key === 'owner' && owner ? yamlScalar(owner) : '""'}`);
  if (!tree) {
    const at = fence.contentStart;
    const lineStart = at === 0 || post.text[at - 1] === '\n' || post.text[at - 1] === '\r';
    const text = (lineStart ? '' : eol) + lines(' '.repeat(fence.openRange.start.character)).join(eol) + (lineStart ? eol : '');
    return { range: post.index.range(at, at), newText: text };
  }
  if (tree.kind !== 'map' || tree.flow || tree.entries.length === 0) return undefined;
  const end = Math.max(...tree.entries.map((entry) => spanOf(post.text, entry.value ?? entry.key)![1]));
  const indent = ' '.repeat(post.index.positionAt(tree.entries[0].key.start).character);
  const at = post.index.lineEndOffset(post.index.positionAt(end).line);
  return { range: post.index.range(at, at), newText: lines(indent).map((line) => eol + line).join('') };
}
