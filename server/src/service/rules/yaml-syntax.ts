import { MAX_YAML_DEPTH } from '../model/yamlParse';
import type { Rule } from './types';

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  description: `The front matter is valid YAML and closed by a \`---\` line; the diagnostic points at the offending token. Lists and maps may nest at most ${MAX_YAML_DEPTH} levels (a post meta needs 3): deeper YAML is refused before it is parsed, at the token that opens level ${MAX_YAML_DEPTH + 1}.`,
  defaultSeverity: 'error',
  fixable: false,
  example: '---\ntopic: keeping staging close to production / python services\ntools: [fastapi, pytest\n---',
  check({ post }) {
    const frontMatter = post.frontMatter;
    if (!frontMatter) return [];
    const problems = frontMatter.errors.map((error) => ({
      range: post.index.range(error.start, error.end),
      message: `The post meta is not valid YAML: ${error.message}`,
    }));
    if (frontMatter.closeLine === undefined) {
      problems.push({
        range: post.index.lineRange(frontMatter.openLine),
        message: 'The front matter opened here is never closed: add a line `---` after the post meta.',
      });
    }
    return problems;
  },
};
