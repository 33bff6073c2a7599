import type { TextEdit } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import { entryAt, spanOf } from '../model/metaTree';
import { pastDateProblem } from '../model/dates';
import { elide, quoted } from '../model/messages';
import type { RollbackNote } from '../model/rollback';
import { appendEntries, lineBreakOf, yamlScalar } from '../assist/yamlEdits';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

const REQUIRED = ['owner', 'expected_result', 'rollback'];

const nonEmptyText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? undefined : value === null || typeof value === 'string' ? 'is empty' : 'must be text');

/** What is wrong with each field's value when the key is there ("The rollback note's <key> <problem>."). */
const FIELDS: Record<string, (value: unknown, today: string) => string | undefined> = {
  owner: nonEmptyText,
  expected_result: nonEmptyText,
  rollback: nonEmptyText,
  rehearsed: (value, today) => {
    const problem = typeof value === 'string' ? pastDateProblem(value, today) : 'expected a date YYYY-MM-DD';
    return problem && `is ${typeof value === 'string' ? quoted(value) : elide(JSON.stringify(value) ?? String(value))}: ${problem}`;
  },
};

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
      for (const error of note.errors) problems.push({ range: post.index.range(error.start, error.end), message: `The rollback note is not valid YAML: ${error.message}` });
      if (note.errors.length > 0) continue;
      const fields = tree?.kind === 'map' ? (note.value as Record<string, unknown>) : {};
      const missing = REQUIRED.filter((key) => !(key in fields));
      if (missing.length > 0) {
        const message = tree?.kind === 'map' ? `This rollback note has no ${missing.join(' and no ')}: a change keeps its owner, expected result and rollback together.` : 'The rollback note must be a map with owner, expected_result and rollback.';
        problems.push({ range: fence.openRange, message, data: { line: fence.line, missing }, fixes: fixOf(addFields(post, note, missing, owner), `Add ${missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}`) });
      }
      for (const [key, problemOf] of Object.entries(FIELDS)) {
        const problem = key in fields ? problemOf(fields[key], today) : undefined;
        const span = problem && spanOf(post.text, entryAt(tree, [key])?.value);
        if (problem) problems.push({ range: span ? post.index.range(span[0], span[1]) : fence.openRange, message: `The rollback note's ${key} ${problem}.` });
      }
    }
    return problems;
  },
};

/**
 * Adds the missing fields' lines after the note's last entry, or as the whole content of an
 * empty note. `owner` is the host's owner (the one Insert Rollback Note writes); the other
 * values, and the owner when none is known, are `""` placeholders: only the author knows them,
 * so they stay flagged until filled in. None for a list, a scalar or a flow map `{…}`, which
 * lines would not join.
 */
function addFields(post: PostDocument, note: RollbackNote, keys: readonly string[], owner: string | undefined): TextEdit | undefined {
  const lines = keys.map((key) => `${key}: ${key === 'owner' && owner ? yamlScalar(owner) : '""'}`);
  if (note.tree) return appendEntries(post, note.tree, lines);
  const { contentStart: at, openRange } = note.fence;
  const eol = lineBreakOf(post);
  const lineStart = at === 0 || post.text[at - 1] === '\n' || post.text[at - 1] === '\r';
  const text = lines.map((line) => ' '.repeat(openRange.start.character) + line).join(eol);
  return { range: post.index.range(at, at), newText: lineStart ? text + eol : eol + text };
}
