import type { Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import { INTERNAL_ERROR, RULE_IDS } from '../rules';
import { nearest } from '../rules/util';
import { Finding, toDiagnostic } from './diagnostics';

/**
 * Inline suppression comments. In the body (HTML comments, invisible in the rendered post):
 *
 *     <!-- alphanode-disable-next-line section-unknown -->
 *     <!-- alphanode-disable rollback-missing, code-language -->  …  <!-- alphanode-enable rollback-missing -->
 *
 * and, for problems in the post meta, the same words in a full-line YAML comment of the
 * front matter (`# alphanode-disable-next-line paragraph-count`). Several rule ids are
 * separated by commas or spaces; no id means every rule; ` -- why` after the ids is a
 * free-text reason. `disable-next-line` covers problems that start on the next line;
 * `disable` covers problems that start from its line to the matching `enable` (or the end).
 * Comments inside fenced code blocks are text, not directives.
 */
export const SUPPRESSION_UNKNOWN_RULE = 'suppression-unknown-rule';

export const SUPPRESSION_DIAGNOSTICS: ReadonlyArray<{ id: string; description: string; severity: 'error' | 'warning' | 'info' }> = [
  { id: SUPPRESSION_UNKNOWN_RULE, severity: 'warning', description: 'An `alphanode-disable…` / `alphanode-enable` comment names a rule id that does not exist (it suppresses nothing).' },
];

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';

export interface SuppressionDirective {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  rules: Array<{ id: string; range: Range }>;
  /** Line of the comment's start; for `disable-next-line`, the line after the comment's end is covered. */
  line: number;
  endLine: number;
  range: Range;
}

const BODY_DIRECTIVE = /<!--\s*alphanode-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;
const META_DIRECTIVE = /^(\s*#\s*)alphanode-(disable-next-line|disable|enable)\b(.*)$/;
const QUICK_CHECK = /alphanode-(?:disable|enable)/;

/** The suppression comments of a post, in text order. */
export function parseSuppressions(post: PostDocument): SuppressionDirective[] {
  if (!QUICK_CHECK.test(post.text)) return [];
  const directives: SuppressionDirective[] = [];
  const { index } = post;
  const fm = post.frontMatter;
  if (fm && fm.closeLine !== undefined) {
    for (let line = fm.openLine + 1; line < fm.closeLine; line++) {
      const match = META_DIRECTIVE.exec(index.lineText(line));
      if (!match) continue;
      const start = index.lineStartOffset(line);
      const argsOffset = start + match[1].length + 'alphanode-'.length + match[2].length;
      directives.push({ kind: match[2] as DirectiveKind, rules: ruleIds(match[3], argsOffset, post), line, endLine: line, range: index.lineRange(line) });
    }
  }
  const bodyStart = index.lineStartOffset(post.body.startLine);
  if (post.body.startLine >= index.lineCount || (fm && fm.closeLine === undefined)) return directives;
  const inFence = (line: number) => post.body.fences.some((fence) => line >= fence.line && line < fence.endLine);
  BODY_DIRECTIVE.lastIndex = bodyStart;
  for (let match = BODY_DIRECTIVE.exec(post.text); match; match = BODY_DIRECTIVE.exec(post.text)) {
    const range = index.range(match.index, match.index + match[0].length);
    if (inFence(range.start.line)) continue;
    const argsOffset = match.index + match[0].indexOf(match[1]) + match[1].length;
    directives.push({ kind: match[1] as DirectiveKind, rules: ruleIds(match[2], argsOffset, post), line: range.start.line, endLine: range.end.line, range });
  }
  return directives;
}

/** The ids in `text` (which starts at `offset` of the post), up to a ` -- reason`. */
function ruleIds(text: string, offset: number, post: PostDocument): Array<{ id: string; range: Range }> {
  const reason = text.search(/\s--(\s|$)/);
  const list = reason >= 0 ? text.slice(0, reason) : text;
  const ids: Array<{ id: string; range: Range }> = [];
  for (const match of list.matchAll(/[^\s,]+/g)) {
    ids.push({ id: match[0], range: post.index.range(offset + match.index, offset + match.index + match[0].length) });
  }
  return ids;
}

/**
 * Drops the findings the post's comments suppress and adds a warning for every unknown rule
 * id they name. Internal errors are never suppressed. Returns `findings` itself when the
 * post has no suppression comment (the common case costs one regex test).
 */
export function applySuppressions(post: PostDocument, findings: Finding[]): Finding[] {
  const directives = parseSuppressions(post);
  if (directives.length === 0) return findings;
  const suppressed = (rule: string, line: number) => isSuppressed(directives, rule, line);
  const kept = findings.filter((finding) => {
    const rule = String(finding.diagnostic.code);
    return rule === INTERNAL_ERROR || !suppressed(rule, finding.diagnostic.range.start.line);
  });
  return [...kept, ...unknownRuleFindings(directives)];
}

/** Whether a problem of `rule` starting on `line` is suppressed by the directives. */
export function isSuppressed(directives: readonly SuppressionDirective[], rule: string, line: number): boolean {
  let disabled = false;
  for (const directive of directives) {
    const names = directive.rules.length === 0 || directive.rules.some((entry) => entry.id === rule);
    if (!names) continue;
    if (directive.kind === 'disable-next-line') {
      if (line === directive.endLine + 1) return true;
      continue;
    }
    if (directive.line > line) break;
    disabled = directive.kind === 'disable';
  }
  return disabled;
}

/** One warning per rule id that the registry does not know, with a "did you mean" fix when one is close. */
export function unknownRuleFindings(directives: readonly SuppressionDirective[]): Finding[] {
  const findings: Finding[] = [];
  for (const directive of directives) {
    for (const { id, range } of directive.rules) {
      if (RULE_IDS.includes(id)) continue;
      const suggestion = nearest(id, RULE_IDS);
      const message = `Unknown rule id "${id}" in alphanode-${directive.kind}${suggestion ? `: did you mean "${suggestion}"?` : ': it suppresses nothing (the rule ids are in docs/rules.md).'}`;
      const diagnostic = toDiagnostic(SUPPRESSION_UNKNOWN_RULE, DiagnosticSeverity.Warning, range, message, suggestion ? { replaceWith: suggestion } : undefined);
      findings.push({ diagnostic, fixes: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ range, newText: suggestion }], preferred: true }] : [] });
    }
  }
  return findings;
}
