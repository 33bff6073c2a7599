import type { Body } from '../model/body';
import { DerivedValue, derivedValue } from '../model/derived';
import type { MetaAccess } from '../model/meta';
import { knownKeys } from '../model/schema';
import type { Template } from '../workspace/template';
import { yamlScalar } from './yamlEdits';

/**
 * The value a "add the missing key" fix writes: derived from the rest of the post when the
 * post format says how and the sources are filled in (derived.ts), otherwise a typed
 * placeholder the author then fills in. A placeholder (`""`) is flagged until they do, and
 * no fix derives anything from it.
 */
export function placeholderYaml(path: readonly (string | number)[], meta: MetaAccess, body: Body, template: Template, today: string): string {
  const key = path.join('.');
  const value = derivedValue(path, meta, body, template, today);
  if (value !== undefined) return toYaml(value);
  const nested = NESTED.has(key) ? knownKeys()[key] : undefined;
  if (nested) {
    const lines = nested.map((child) => `${child}: ${indentTail(placeholderYaml([...path, child], meta, body, template, today))}`);
    return `\n  ${lines.join('\n  ')}`;
  }
  return '""';
}

/** Maps whose missing key is added as a whole block with all their keys. */
const NESTED = new Set(['ai_outline', 'score', 'revision', 'flags', 'payload']);

function toYaml(value: DerivedValue): string {
  if (typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value.quoted);
  if (!Array.isArray(value)) return yamlScalar(value);
  if (value.length === 0) return '[]';
  return value
    .map((item) => (typeof item === 'string'
      ? `\n  - ${yamlScalar(item)}`
      : `\n  - ${Object.entries(item).map(([k, v]) => `${k}: ${yamlScalar(v)}`).join('\n    ')}`))
    .join('');
}

function indentTail(yaml: string): string {
  return yaml.replace(/\n/g, '\n  ');
}
