import type { PostDocument } from '../model/document';
import { MAX_YAML_DEPTH, YamlProblem } from '../model/yamlParse';
import type { Fix, Problem, Rule } from './types';

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  description: `The front matter is valid YAML and closed by a \`---\` line; the diagnostic points at the offending token. Lists and maps may nest at most ${MAX_YAML_DEPTH} levels (a post meta needs 3): deeper YAML is refused before it is parsed, at the token that opens level ${MAX_YAML_DEPTH + 1}.`,
  defaultSeverity: 'error',
  fixable: true,
  details: 'An unclosed quote is reported where the quote opens (the parser only notices at the end of the front matter); when the value plainly ends with its line, the fix closes the quote there.',
  example: '---\ntopic: keeping staging close to production / python services\ntools: [fastapi, pytest\n---',
  check({ post }) {
    const frontMatter = post.frontMatter;
    if (!frontMatter) return [];
    const problems: Problem[] = frontMatter.errors.map((error) => (error.unclosedQuote
      ? { range: post.index.range(error.start, error.end), message: error.message, fixes: closeQuoteFix(post, error) }
      : { range: post.index.range(error.start, error.end), message: `The post meta is not valid YAML: ${error.message}` }));
    if (frontMatter.closeLine === undefined) {
      problems.push({
        range: post.index.lineRange(frontMatter.openLine),
        message: 'The front matter opened here is never closed: add a "---" line after the post meta.',
      });
    }
    return problems;
  },
};

/**
 * Closes an unclosed quote at the end of its line, where that is plainly where the value ends:
 * the quote opens a block value (after `key: ` or `- `, not inside `[…]`/`{…}`), and the rest
 * of the line holds no comment and no trailing backslash (an escape the closing quote would join).
 */
function closeQuoteFix(post: PostDocument, error: YamlProblem): Fix[] | undefined {
  const quote = error.unclosedQuote!.quote;
  const { line, character } = post.index.positionAt(error.start);
  const text = post.index.lineText(line);
  const before = text.slice(0, character);
  const rest = text.slice(character + 1).replace(/\s+$/, '');
  if (!/^\s*(?:-\s+)*(?:[^"'[\]{}#]+:\s+)?$/.test(before)) return undefined;
  if (rest === '' || /\s#/.test(rest) || rest.includes(quote) || (quote === '"' && rest.endsWith('\\'))) return undefined;
  const at = { line, character: character + 1 + rest.length };
  return [{ title: `Close the quote at the end of the line`, edits: [{ range: { start: at, end: at }, newText: quote }], preferred: true }];
}
