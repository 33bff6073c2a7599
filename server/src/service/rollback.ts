import { Document, LineCounter, parseDocument } from 'yaml';
import type { Fence } from './body';
import { MAX_ALIAS_COUNT, YamlProblem } from './frontMatter';

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
  const document = parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  const errors: YamlProblem[] = document.errors.map((error) => ({
    start: fence.contentStart + error.pos[0],
    end: fence.contentStart + Math.max(error.pos[1], error.pos[0] + 1),
    message: error.message.split('\n')[0],
  }));
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
