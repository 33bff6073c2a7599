import { MetaNode, spanOf } from '../model/metaTree';
import { quoted } from '../model/messages';
import { knownKeys as schemaKeys } from '../model/schema';
import type { Problem, Rule } from './types';
import type { Template } from '../workspace/template';
import { misspeltRequiredKeys, nearest, typoSlot } from './util';

/** How many unknown keys of one post are compared with the keys already set (near twins). */
export const MAX_TWIN_SEARCHES = 1_000;

export const metaUnknownKey: Rule = {
  id: 'meta-unknown-key',
  description: 'Every key of the post meta is one the post format (or the team template\'s `fields`) knows; a typo like `note` for `notes` gets a "did you mean" suggestion.',
  details: 'A typo of a required key that is missing (`reading_tme` without `reading_time`) is reported once, by meta-required, at the typo.',
  defaultSeverity: 'warning',
  fixable: true,
  example: 'note: [checked on staging]     # Unknown key "note": did you mean "notes"?',
  check({ post, meta, template }) {
    const frontMatter = post.frontMatter;
    if (!frontMatter || frontMatter.errors.length > 0) return [];
    const problems: Problem[] = [];
    let searches = 0;
    // A misspelt required key is meta-required's problem (one problem, at the typo).
    const typos = misspeltRequiredKeys(meta);
    const visitMap = (node: MetaNode | undefined, mapPath: string, label: string, path: (string | number)[]) => {
      if (node?.kind !== 'map') return;
      const { known, knownSet } = keysOf(template, mapPath);
      // Which known keys this map sets and leaves unset, found once, and only for a map with an
      // unknown key (most have none): asking the map for each unknown key scans it each time.
      let keys: { unset: string[]; set: string[] } | undefined;
      const presentKeys = () => {
        const present = new Set(node.entries.map((entry) => (entry.key.kind === 'scalar' ? entry.key.value : undefined)));
        return { unset: known.filter((candidate) => !present.has(candidate)), set: known.filter((candidate) => present.has(candidate)) };
      };
      for (const entry of node.entries) {
        const key = entry.key;
        if (key.kind !== 'scalar') {
          const span = spanOf(post.text, key);
          if (span) problems.push({ range: post.index.range(span[0], span[1]), message: 'A key of the post meta must be plain text, not a list or a map.' });
          continue;
        }
        const name = String(key.value);
        const childPath = mapPath ? `${mapPath}.${name}` : name;
        if (!knownSet.has(name)) {
          keys ??= presentKeys();
          const { unset, set } = keys;
          const suggestion = nearest(name, unset);
          if (suggestion !== undefined && typos.get(typoSlot(path, suggestion)) === name) continue;
          // The near-twin search compares with every key already set; a meta with thousands of
          // unknown keys is not a typo, so past that many it is skipped (a missing key's typo is always found).
          const twins = searches++ < MAX_TWIN_SEARCHES ? set : [];
          const range = post.index.range(key.start, key.end);
          const where = label ? ` in ${label}` : '';
          problems.push({
            range,
            message: suggestion ? `Unknown key ${quoted(name)}${where}: did you mean ${quoted(suggestion)}?` : noSuggestion(name, where, known, twins),
            data: suggestion ? { replaceWith: suggestion } : undefined,
            fixes: suggestion ? [{ title: `Rename ${quoted(name)} to ${quoted(suggestion)}`, edits: [{ range, newText: suggestion }], preferred: true }] : undefined,
          });
          continue;
        }
        const value = entry.value;
        if (schemaKeys()[childPath]) visitMap(value, childPath, childPath, [...path, name]);
        if (schemaKeys()[`${childPath}[]`] && value?.kind === 'seq') {
          value.items.forEach((item, i) => visitMap(item, `${childPath}[]`, `${childPath}[${i}]`, [...path, name, i]));
        }
      }
    };
    visitMap(frontMatter.tree, '', '', []);
    return problems;
  },
};

/** Each template's known keys of each map path, as a list and a set: built once, not once per post and map. */
const knownKeysOf = new WeakMap<Template, Map<string, { known: readonly string[]; knownSet: ReadonlySet<string> }>>();

function keysOf(template: Template, mapPath: string): { known: readonly string[]; knownSet: ReadonlySet<string> } {
  let byPath = knownKeysOf.get(template);
  if (!byPath) knownKeysOf.set(template, (byPath = new Map()));
  let keys = byPath.get(mapPath);
  if (!keys) {
    // The team's own fields are top-level keys of the post meta too.
    const known = mapPath === '' ? [...schemaKeys()[''], ...Object.keys(template.fields)] : schemaKeys()[mapPath];
    keys = { known, knownSet: new Set(known) };
    byPath.set(mapPath, keys);
  }
  return keys;
}

/** Without a key to rename to: a near-twin of a key that is already set, or the keys this map takes. */
function noSuggestion(name: string, where: string, known: readonly string[], set: readonly string[]): string {
  const twin = nearest(name, set);
  if (twin) return `Unknown key ${quoted(name)}${where}: it looks like ${quoted(twin)}, which is already set; remove one of them.`;
  return `Unknown key ${quoted(name)}${where}: ${known.length <= 6 ? `expected one of ${known.join(', ')}` : 'the post meta has no such key'}.`;
}
