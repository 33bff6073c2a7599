import { quoted } from '../model/messages';
import type { Rule } from './types';
import { addMapEntry } from '../assist/yamlEdits';
import { placeholderYaml } from '../assist/placeholders';
import { misspeltRequiredKeys, nearest, pathLabel, typoSlot } from './util';
import type { PostDocument } from '../model/document';
import type { Fix, Problem } from './types';
import type { FieldSpec } from '../workspace/template';
import { yamlScalar } from '../assist/yamlEdits';

export const metaRequired: Rule = {
  id: 'meta-required',
  description: 'Every key of the post meta is present (all but `notes` and `image_sources`), including the keys of its nested maps.',
  details: 'A missing key that an unknown key of the same map misspells (`reading_tme` for `reading_time`) is one problem, reported at the misspelt key with this rule\'s severity; its fix renames the key (meta-unknown-key stays silent about it).',
  defaultSeverity: 'error',
  fixable: true,
  example: '---\ntopic: keeping staging close to production / python services\nai_brief: the article is written like a careful engineering draft.\n# …the meta has no `summary:` key\n---',
  check({ meta, post, template, today }) {
    // Each parent map's keys are read once: a meta of 100,000 keys stays linear.
    const siblingsOf = new Map<string, string[]>();
    const siblings = (parent: (string | number)[]): string[] => {
      const id = JSON.stringify(parent);
      let keys = siblingsOf.get(id);
      if (!keys) {
        const value = parent.length > 0 ? meta.get(parent) : meta.object;
        keys = value && typeof value === 'object' ? Object.keys(value) : [];
        siblingsOf.set(id, keys);
      }
      return keys;
    };
    const typos = misspeltRequiredKeys(meta);
    return meta
      .schemaIssues()
      .filter((issue) => issue.path.length > 0 && !meta.has(issue.path as (string | number)[]))
      .map((issue): Problem => {
        const path = issue.path as (string | number)[];
        const parent = path.slice(0, -1);
        const key = String(path[path.length - 1]);
        const where = parent.length ? ` in ${pathLabel(parent)}` : '';
        const field = path.length === 1 ? template.fields[key] : undefined;
        const add = field ? teamFieldFixes(post, key, field, siblings(parent)) : addKeyFix(post, path, siblings(parent), placeholderYaml(path, meta, post.body, template, today));
        const typo = typos.get(typoSlot(parent, key));
        const typoRange = typo === undefined ? undefined : meta.keyRange([...parent, typo]);
        if (typo !== undefined && typoRange) {
          // One problem for one typo: at the misspelt key, with the rename as the fix.
          const rename: Fix = { title: `Rename ${quoted(typo)} to ${quoted(key)}`, edits: [{ range: typoRange, newText: key }], preferred: true };
          return {
            range: typoRange,
            message: `Missing required key ${quoted(key)}${where}: ${quoted(typo)} looks like a misspelling of it.`,
            data: { path, misspelt: typo },
            fixes: [rename, ...(add ?? []).map((fix) => ({ ...fix, preferred: false }))],
          };
        }
        return {
          // The map's key (`score`), not the whole multi-line map value.
          range: parent.length === 0 ? meta.openRange : (typeof parent[parent.length - 1] === 'string' && meta.keyRange(parent)) || meta.rangeNear(parent),
          message: `Missing required key ${quoted(key)}${where}.`,
          data: { path },
          fixes: add,
        };
      });
  },
};

/**
 * Adds the key with its placeholder. Not preferred when a sibling key looks like a typo of
 * it: renaming that key (meta-unknown-key's fix) is the real fix, and doing both would
 * leave the key twice.
 */
function addKeyFix(post: PostDocument, path: (string | number)[], siblings: readonly string[], valueYaml: string): Fix[] | undefined {
  const key = String(path[path.length - 1]);
  const edit = addMapEntry(post, path.slice(0, -1), key, valueYaml);
  if (!edit) return undefined;
  const typo = siblings.some((sibling) => sibling !== key && nearest(sibling, [key]) === key);
  return [{ title: `Add ${quoted(pathLabel(path))}`, edits: [edit], preferred: !typo }];
}

/**
 * A team field: with an enum (or a boolean) one fix per allowed value, the author picks
 * (none preferred: fix-all must not choose for them); otherwise a typed placeholder that
 * meta-invalid keeps flagging until it is filled in: `""` for a scalar, `[]` for a list.
 */
function teamFieldFixes(post: PostDocument, key: string, spec: FieldSpec, siblings: readonly string[]): Fix[] | undefined {
  const choices = spec.enum ?? (spec.type === 'boolean' ? [true, false] : undefined);
  if (!choices) return addKeyFix(post, [key], siblings, spec.type === 'list' ? '[]' : '""');
  const fixes = choices.map((choice) => {
    const text = typeof choice === 'string' ? yamlScalar(choice) : String(choice);
    const edit = addMapEntry(post, [], key, text);
    return edit ? { title: `Add ${quoted(`${key}: ${text}`)}`, edits: [edit] } : undefined;
  });
  return fixes.every((fix) => fix !== undefined) ? fixes : undefined;
}
