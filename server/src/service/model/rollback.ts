import type { Document } from 'yaml';
import type { Fence } from './body';
import type { MetaNode } from './metaTree';
import { parseYaml, YamlProblem } from './yamlParse';

export const ROLLBACK_LANGUAGE = 'rollback';

/** A ```` ```rollback ```` block (spec §4), its YAML parsed with offsets into the post. */
export interface RollbackNote {
  fence: Fence;
  /** The note's range-indexed tree (model/metaTree.ts). */
  tree: MetaNode | undefined;
  /** The yaml library's Document, composed on first use. */
  readonly document: Document.Parsed;
  errors: YamlProblem[];
  value: unknown;
}

export function parseRollbackNote(text: string, fence: Fence): RollbackNote {
  const source = text.slice(fence.contentStart, fence.contentEnd);
  const parsed = parseYaml(source, fence.contentStart);
  const errors = parsed.errors;
  if (parsed.valueError !== undefined) errors.push({ start: fence.contentStart, end: fence.contentEnd, message: parsed.valueError });
  return {
    fence,
    tree: parsed.tree,
    errors,
    value: parsed.value,
    get document() {
      return parsed.document;
    },
  };
}
