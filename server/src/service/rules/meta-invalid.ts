import type { z } from 'zod/mini';
import { quoted } from '../model/messages';
import type { Rule } from './types';
import { pathLabel } from './util';

export const metaInvalid: Rule = {
  id: 'meta-invalid',
  description: 'Every meta value has the type, format, range and allowed value of the post format (§2): dates, versions, patterns, enums, 0/1 flags.',
  defaultSeverity: 'error',
  fixable: false,
  example: 'difficulty: expert                 # expected one of beginner, intermediate, advanced\nrevision:\n  status: reviewed\n  version: "1.9"                   # expected a semantic version x.y.z\n  last_reviewed: "2031-02-30"      # not a real calendar date',
  check({ meta, post }) {
    if (post.frontMatter?.errors.length === 0 && post.frontMatter.value != null && !meta.object) {
      return [{ range: meta.openRange, message: 'The post meta must be a map of keys (`topic: …`), not a list or a single value.' }];
    }
    return meta
      .schemaIssues()
      .filter((issue) => issue.path.length === 0 || meta.has(issue.path as (string | number)[]))
      .map((issue) => {
        const path = issue.path as (string | number)[];
        return { range: meta.rangeNear(path), message: `${pathLabel(path)} ${describeIssue(issue, meta.get(path))}` };
      });
  },
};

/** How a value reads in a message: `the text "7"`, `the number 7`, `a list`. */
function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return quoted(value);
  return String(value);
}

// Every number of the post meta is an integer.
const EXPECTED_TYPE: Record<string, string> = { string: 'text', number: 'an integer', int: 'an integer', array: 'a list', object: 'a map' };

/** The schema's messages say what was expected; this adds what was found. */
function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const found = `is ${describeValue(value)}`;
  if (issue.code === 'invalid_type') {
    if (issue.path[issue.path.length - 1] === 'version' && typeof value === 'number') return `${found}: expected a semantic version x.y.z in quotes, e.g. "${String(value)}${Number.isInteger(value) ? '.0.0' : '.0'}".`;
    const quoteHint = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ` (write it in quotes: "${String(value)}")` : '';
    return `${found}: expected ${EXPECTED_TYPE[issue.expected] ?? issue.expected}${quoteHint}.`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array' && !issue.message.startsWith('expected')) return `${found}: expected at least ${String(issue.minimum)} item(s).`;
  return `${found}: ${issue.message}.`;
}
