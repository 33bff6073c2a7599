import type { Hover, Position } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { isMap, isScalar, Node, Pair } from 'yaml';
import { nodeSpan } from '../model/frontMatter';
import { LineIndex } from '../model/text';
import { parseYaml } from '../model/yamlParse';
import type { TemplateFile } from './resolver';

/**
 * Hover on the `extends` key or value of a template: the resolved chain, bases first, and
 * the chain's problem when it does not resolve. Null anywhere else (the YAML extension's
 * JSON Schema hover covers the other keys).
 */
export function hoverTemplate(text: string, position: Position, file: TemplateFile | undefined): Hover | null {
  const index = new LineIndex(text);
  const { document } = parseYaml(text, 0);
  if (!isMap(document.contents)) return null;
  const pair = (document.contents.items as Pair[]).find((item) => isScalar(item.key) && item.key.value === 'extends');
  if (!pair) return null;
  const start = nodeSpan(text, 0, pair.key as Node)?.[0];
  const end = nodeSpan(text, 0, (pair.value ?? pair.key) as Node)?.[1];
  if (start === undefined || end === undefined) return null;
  const offset = index.offsetAt(position);
  if (offset < start || offset > end) return null;
  const lines = ['**extends**: base templates, applied in order, then this file (maps merge key by key, later wins; lists replace; `rules` and `fields` per entry).', ''];
  if (!file) lines.push('This file is not loaded yet.');
  else if (file.broken) lines.push('The chain does not resolve, so the posts use the default template:', '', ...file.diagnostics.map((d) => `- ${typeof d.message === 'string' ? d.message : d.message.value}`));
  else lines.push('Resolved chain:', '', ...file.chain.map((label, i) => `${i + 1}. \`${label}\`${i === file.chain.length - 1 ? ' (this file)' : ''}`));
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: index.range(start, end) };
}
