import { Document, isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import type { KeptLine } from './types';

/**
 * The front matter YAML of an imported post, laid out like the seed fixtures: block maps
 * and lists, two-space indentation, no line folding. The `yaml` library quotes any string
 * whose plain reading would change type or fail (`"true"`, `"42"`, `"a: b"`); on top of
 * that, versions, dates and the hash are always double-quoted, as the fixtures and the
 * schema docs have them: `1.10` or `2017-10-25` read as a number or a timestamp in other
 * YAML readers, and a hash of digits only would be a number.
 */
const ALWAYS_QUOTED = new Set(['revision.version', 'revision.last_reviewed', 'hash']);
const LOOKS_LIKE_DATE_OR_VERSION = /^(?:\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)+)$/;

export function frontMatterYaml(meta: Map<string, unknown>, kept: readonly KeptLine[]): string {
  let yaml = '';
  if (meta.size > 0) {
    const document = new Document(meta);
    quote(document.contents as Node, '');
    yaml = document.toString({ lineWidth: 0, minContentWidth: 0 });
  }
  // What the importer could not place stays in the file, as comments a reviewer will see.
  for (const line of kept) yaml += `# export line ${line.line}: ${line.text}\n`;
  return yaml;
}

function quote(node: Node | null | undefined, path: string): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      quote(pair.value as Node, path ? `${path}.${key}` : key);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) quote(item as Node, path);
  } else if (isScalar(node) && typeof node.value === 'string') {
    if (ALWAYS_QUOTED.has(path) || LOOKS_LIKE_DATE_OR_VERSION.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  }
}
