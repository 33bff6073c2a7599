import { isRealIsoDate } from './dates';
import { listValues, quoted } from './messages';
import type { FieldSpec } from '../workspace/template';

/**
 * The team's own meta fields (template `fields`): what a value must be, in the words of the
 * built-in keys' messages ("expected one of …", "expected at least 1"), and the safety
 * check of their patterns. The template parser refuses a definition that makes no sense,
 * so here every spec is consistent.
 */

/** Text longer than this is not run through a team pattern (a second guard after the static check). */
export const MAX_PATTERN_INPUT = 1_000;

/**
 * Why a team pattern is refused, or undefined when it may be used. Refused: invalid
 * syntax, backreferences, and a repeated group that itself holds a repetition or an
 * alternation (`(a+)+`, `(\w|\d)*`): the shapes that backtrack exponentially. A
 * conservative, linear scan of the source, not a proof; values are also bounded in length.
 */
export function patternProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed in a team pattern (they can make matching take exponential time)';
  const groups: Array<{ repeats: boolean }> = [];
  let outer = { repeats: false };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      groups.push(outer);
      outer = { repeats: false };
      // Skip a group's head (`?:`, `?=`, `?<=`, `?<name>`): its `?` is no quantifier.
      if (source[i + 1] === '?') {
        const named = source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!';
        i = named ? source.indexOf('>', i) : i + (source[i + 2] === '<' ? 3 : 2);
      }
    } else if (c === '|') {
      outer.repeats = true; // an alternation inside a repeated group backtracks like a repetition
    } else if (c === ')') {
      const inner = outer;
      outer = groups.pop() ?? { repeats: false };
      const quantified = repeatAt(source, i + 1);
      if (quantified && inner.repeats) return `a repeated group holds a repetition or alternation (${quoted(source)} risks catastrophic backtracking); rewrite it without nesting`;
      if (quantified || inner.repeats) outer.repeats = true;
    } else if (repeatAt(source, i)) {
      outer.repeats = true;
    }
  }
  return undefined;
}

/** Whether a quantifier that repeats (`*`, `+`, `{n,}`, `{n,m}` with m > 1) starts at `i`. */
function repeatAt(source: string, i: number): boolean {
  const c = source[i];
  if (c === '*' || c === '+') return true;
  if (c !== '{') return false;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!match) return false;
  return match[2] !== undefined ? match[3] === '' || Number(match[3]) > 1 : Number(match[1]) > 1;
}

const compiled = new WeakMap<FieldSpec, RegExp>();

/** The field's pattern, compiled once per template (its specs are the template's objects). */
export function fieldPattern(spec: FieldSpec): RegExp | undefined {
  if (spec.pattern === undefined) return undefined;
  let regex = compiled.get(spec);
  if (!regex) {
    regex = new RegExp(spec.pattern, 'u');
    compiled.set(spec, regex);
  }
  return regex;
}

export interface FieldProblem {
  /** Below the field: `[2]` for the third item of a list. */
  path: number[];
  message: string;
}

/** What is wrong with a team field's value (a missing one: `required` when it is), [] when it is fine. */
export function fieldProblems(spec: FieldSpec, value: unknown): FieldProblem[] {
  if (value === undefined) return spec.required ? [{ path: [], message: 'required' }] : [];
  if (spec.type === 'list') {
    if (!Array.isArray(value)) return [{ path: [], message: 'expected a list' }];
    const problems: FieldProblem[] = [];
    if (spec.min !== undefined && value.length < spec.min) problems.push({ path: [], message: `expected at least ${spec.min} item(s)` });
    if (spec.max !== undefined && value.length > spec.max) problems.push({ path: [], message: `expected at most ${spec.max} item(s)` });
    value.forEach((item, i) => {
      const problem = typeof item === 'string' ? constraintProblem(spec, item) : 'expected text';
      if (problem) problems.push({ path: [i], message: problem });
    });
    return problems;
  }
  const problem = scalarProblem(spec, value);
  return problem ? [{ path: [], message: problem }] : [];
}

function scalarProblem(spec: FieldSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return `expected text${typeof value === 'number' || typeof value === 'boolean' ? ` (write it in quotes: "${String(value)}")` : ''}`;
      if (value.trim() === '') return 'expected non-empty text';
      return constraintProblem(spec, value);
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'expected a date YYYY-MM-DD';
      if (!isRealIsoDate(value)) return 'not a real calendar date';
      return constraintProblem(spec, value);
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value))) return spec.type === 'integer' ? 'expected an integer' : 'expected a number';
      if (spec.min !== undefined && spec.max !== undefined && (value < spec.min || value > spec.max)) return `expected ${spec.min} to ${spec.max}`;
      if (spec.min !== undefined && value < spec.min) return `expected at least ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `expected at most ${spec.max}`;
      return enumProblem(spec, value);
    case 'boolean':
      return typeof value === 'boolean' ? enumProblem(spec, value) : 'expected true or false';
    default:
      return undefined;
  }
}

/** Enum and pattern of a text value (a string or date field, a list item). */
function constraintProblem(spec: FieldSpec, value: string): string | undefined {
  const problem = enumProblem(spec, value);
  if (problem) return problem;
  const regex = fieldPattern(spec);
  if (!regex) return undefined;
  if (value.length > MAX_PATTERN_INPUT) return `longer than ${MAX_PATTERN_INPUT} characters, so the pattern /${spec.pattern}/ is not run on it`;
  return regex.test(value) ? undefined : `expected text matching /${spec.pattern}/`;
}

function enumProblem(spec: FieldSpec, value: string | number | boolean): string | undefined {
  if (!spec.enum || spec.enum.includes(value)) return undefined;
  return `expected one of ${listValues(spec.enum.map(String))}`;
}
