import { isMap, Node } from 'yaml';
import { findPair, nodeSpan } from '../frontMatter';
import { pastDateProblem } from '../dates';
import type { Problem, Rule } from './types';

const REQUIRED = ['owner', 'expected_result', 'rollback'] as const;

export const rollbackFields: Rule = {
  id: 'rollback-fields',
  description: 'Each rollback note is valid YAML with a non-empty `owner`, `expected_result` and `rollback`; `rehearsed`, when given, is a past ISO date.',
  defaultSeverity: 'error',
  fixable: false,
  check({ post, today }) {
    const problems: Problem[] = [];
    for (const note of post.rollbackNotes) {
      const { fence } = note;
      if (!fence.closed) {
        problems.push({ range: fence.openRange, message: 'This rollback note is never closed: end it with a ``` line.' });
      }
      if (note.errors.length > 0) {
        for (const error of note.errors) problems.push({ range: post.index.range(error.start, error.end), message: `The rollback note is not valid YAML: ${error.message}` });
        continue;
      }
      const value = note.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !isMap(note.document.contents)) {
        problems.push({ range: fence.openRange, message: 'The rollback note must be a map with owner, expected_result and rollback.', data: { line: fence.line, missing: [...REQUIRED] } });
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
        problems.push({ range: fence.openRange, message: `This rollback note has no ${missing.join(' and no ')}: a change keeps its owner, expected result and rollback together.`, data: { line: fence.line, missing } });
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
        if (problem) problems.push({ range: nodeRange('rehearsed'), message: `The rollback note's rehearsed is ${JSON.stringify(rehearsed)}: ${problem}.` });
      }
    }
    return problems;
  },
};
