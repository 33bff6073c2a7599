import type { Document } from 'yaml';
import type { Fence } from './body';
import { MAX_ALIAS_COUNT, parseYaml, YamlProblem } from './yamlParse';

export const ROLLBACK_LANGUAGE = 'rollback';

/** A ```` ```rollback ```` block (spec §4), its YAML parsed with offsets into the post. */
export interface RollbackNote {
  fence: Fence;
  document: Document.Parsed;
  errors: YamlProblem[];
  value: unknown;
}

export function parseRollbackNote(text: string, fence: Fence): RollbackNote {
  const source = text.slice(fence.contentStart, fence.contentEnd);
  const { document, errors } = parseYaml(source, fence.contentStart);
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      errors.push({ start: fence.contentStart, end: fence.contentEnd, message: (error as Error).message });
    }
  }
  return { fence, document, errors, value };
}
