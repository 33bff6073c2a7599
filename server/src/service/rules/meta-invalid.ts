import type { z } from 'zod';
import type { Rule } from './types';
import { pathLabel } from './util';

export const metaInvalid: Rule = {
  id: 'meta-invalid',
  description: 'Every meta value has the type, format, range and allowed value of the post format (§2): dates, versions, patterns, enums, 0/1 flags.',
  defaultSeverity: 'error',
  fixable: false,
  check({ meta, post }) {
    if (post.frontMatter?.errors.length === 0 && post.frontMatter.value != null && !meta.object) {
      return [{ range: meta.openRange, message: 'The post meta must be a map of keys (`topic: …`), not a list or a single value.' }];
    }
    return meta
      .schemaIssues()
      .filter((issue) => !(issue.code === 'invalid_type' && !meta.has(issue.path as (string | number)[])))
      .map((issue) => {
        const path = issue.path as (string | number)[];
        return { range: meta.rangeNear(path), message: `${pathLabel(path)} ${describeIssue(issue, meta.get(path))}` };
      });
  },
};

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the decimal ${value}`;
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = { string: 'text', number: 'a number', int: 'an integer', array: 'a list', object: 'a map' };

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int' || (issue.expected === 'number' && typeof value === 'number')) return `must be an integer, not ${typeTail(value)}`;
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${typeTail(value)}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      return issue.message.startsWith('must') ? issue.message : `must be at least ${String(issue.minimum)}, not ${String(value)}`;
    case 'too_big':
      return issue.message.startsWith('must') ? `${issue.message}, not ${String(value)}` : `must be at most ${String(issue.maximum)}, not ${String(value)}`;
    case 'invalid_union':
    case 'invalid_value':
    case 'invalid_format':
    case 'custom':
      return `${issue.message}${value !== undefined && typeof value !== 'object' ? `, not ${JSON.stringify(value)}` : ''}`;
    default:
      return issue.message;
  }
}

function typeTail(value: unknown): string {
  return typeName(value);
}
