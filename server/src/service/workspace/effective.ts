import { Document, isMap, isScalar, isSeq, Node, Pair } from 'yaml';
import { DEFAULT_TEMPLATE, Template } from './template';
import type { TemplateFile } from './resolver';

/**
 * The effective template of a post (`alphanode config`, the editor's Show Effective
 * Template): every value, defaults included, with the file it came from. The
 * `eslint --print-config` habit, plus where each value was set.
 */
export interface EffectiveTemplate {
  /** The template file that applies (a label), or null: the defaults. */
  file: string | null;
  /** The files applied, bases first (labels); [] for the defaults. */
  chain: string[];
  /** True when the file (or its chain) is broken and the defaults apply. */
  broken: boolean;
  template: Template;
  /** Key path → where its value came from (a file's label, or `default`), for every leaf of `template`. */
  sources: Record<string, string>;
}

export const DEFAULT_SOURCE = 'default';

export function effectiveTemplate(file: TemplateFile | undefined, label: (uri: string) => string): EffectiveTemplate {
  const template = file?.template ?? DEFAULT_TEMPLATE;
  const set = file && !file.broken ? file.sources : {};
  const sources: Record<string, string> = {};
  // Each leaf: its own source, or the nearest set ancestor's (a whole `fields.x` entry), or the default.
  const visit = (value: unknown, path: string[]) => {
    const key = path.join('.');
    const own = set[key];
    const entry = path.length === 2 && (path[0] === 'rules' || path[0] === 'fields');
    if (own !== undefined || entry || !(typeof value === 'object' && value !== null && !Array.isArray(value)) || Object.keys(value).length === 0) {
      sources[key] = own !== undefined ? label(own) : DEFAULT_SOURCE;
      return;
    }
    for (const [child, inner] of Object.entries(value)) visit(inner, [...path, child]);
  };
  for (const [key, value] of Object.entries(template)) visit(value, [key]);
  return { file: file ? label(file.uri) : null, chain: file && !file.broken ? file.chain : [], broken: file?.broken ?? false, template, sources };
}

/** The effective template as YAML, each value commented with where it came from. */
export function effectiveYaml(effective: EffectiveTemplate): string {
  const document = new Document(effective.template);
  const annotate = (node: unknown, path: string[]) => {
    if (!isMap(node)) return;
    for (const pair of node.items as Pair[]) {
      const keyPath = [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)];
      const source = effective.sources[keyPath.join('.')];
      const value = pair.value as Node | null;
      if (isSeq(value)) value.flow = true;
      if (source !== undefined && value) {
        if (isMap(value)) value.flow = true;
        value.comment = ` ${source === DEFAULT_SOURCE ? 'default' : `from ${source}`}`;
      } else annotate(value, keyPath);
    }
  };
  annotate(document.contents, []);
  const head = effective.file === null
    ? '# No .alphanode.yaml applies: the default template.'
    : `# Effective template of ${effective.file}${effective.broken ? ' (broken: the defaults apply)' : ''}${effective.chain.length > 1 ? `\n# Chain: ${effective.chain.join(' → ')}` : ''}`;
  return `${head}\n${document.toString({ lineWidth: 0 })}`;
}
