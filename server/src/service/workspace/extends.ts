import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { RULE_DOCS_URL } from '../check/validate';
import type { WorkspaceHost } from './host';
import type { Template } from './template';
import { ParsedTemplate, TEMPLATE_CODES, templateOf } from './templateSchema';

/**
 * `extends`: a template built on base templates (plain YAML files of the same schema), each
 * named by a path relative to the file that names it. The bases apply in order, then the
 * file itself: maps merge key by key (the later file wins), lists replace, and `rules` and
 * `fields` merge per entry (a field's definition is replaced whole). A cycle, a base that
 * cannot be read or a broken base is a problem of the file being resolved, at the range of
 * its `extends` entry that leads there, with the chain in the message.
 */

/** Longest chain of bases followed (a deeper one is reported like a cycle). */
export const MAX_EXTENDS_DEPTH = 16;

export interface ResolvedChain {
  template: Template;
  /** Problems of the chain, in the naming file (empty when it resolved). */
  diagnostics: Diagnostic[];
  /** Every base file read on the way (URIs), for invalidation and watching. */
  bases: string[];
  /** Key path (`rules.rollback-missing`, `sections.known`, `fields.service`) → the URI of the file its value came from. */
  sources: Record<string, string>;
  /** The files applied, in order (bases first, the file itself last), as `label`s. */
  chain: string[];
}

/** Resolves the `extends` chain of a parsed, valid template file at `uri`. */
export function resolveExtends(host: WorkspaceHost, uri: string, own: ParsedTemplate, parse: (uri: string) => ParsedTemplate | undefined, label: (uri: string) => string): ResolvedChain {
  const bases = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const sources: Record<string, string> = {};
  const order: string[] = [];
  let merged: Record<string, unknown> = {};
  let failed = false;

  // Depth first: a file's bases (in order), then the file. `stack` holds the files being applied.
  const apply = (fileUri: string, file: ParsedTemplate, stack: string[], entry: ParsedTemplate['extendsPaths'][number] | undefined) => {
    for (const base of file.extendsPaths) {
      const baseUri = resolveBase(fileUri, base.path);
      const at = entry ?? base; // problems go on the top file's entry that leads here
      const chain = [...stack, baseUri].map(label).join(' → ');
      if (stack.includes(baseUri) || stack.length >= MAX_EXTENDS_DEPTH) {
        failed = true;
        diagnostics.push(chainDiagnostic(at.range, `"extends": the chain ${chain} ${stack.includes(baseUri) ? 'is a cycle' : `is longer than ${MAX_EXTENDS_DEPTH} files`}.`));
        continue;
      }
      bases.add(baseUri);
      const parsed = host.stat(baseUri) === 'file' ? parse(baseUri) : undefined;
      if (!parsed) {
        failed = true;
        diagnostics.push(chainDiagnostic(at.range, `"extends": cannot read the base template ${label(baseUri)} (chain ${chain}): no such file, or the editor cannot read it.`));
        continue;
      }
      if (parsed.broken || !parsed.layer) {
        failed = true;
        const first = parsed.diagnostics[0];
        const where = first ? ` (line ${first.range.start.line + 1}: ${typeof first.message === 'string' ? first.message : first.message.value})` : '';
        diagnostics.push(chainDiagnostic(at.range, `"extends": the base template ${label(baseUri)} has errors (chain ${chain})${where}.`));
        continue;
      }
      apply(baseUri, parsed, [...stack, baseUri], at);
    }
    const { extends: _named, ...layer } = file.layer ?? {};
    merged = mergeLayer(merged, layer, fileUri, sources);
    order.push(label(fileUri));
  };
  apply(uri, own, [uri], undefined);
  if (failed) return { template: own.template, diagnostics, bases: [...bases], sources: {}, chain: [label(uri)] };
  return { template: templateOf(merged), diagnostics, bases: [...bases], sources, chain: order };
}

/** The URI of a base named `path` by the file at `fileUri`. */
export function resolveBase(fileUri: string, path: string): string {
  const from = URI.parse(fileUri);
  return Utils.resolvePath(Utils.dirname(from), path.replace(/\\/g, '/')).toString();
}

/** Maps merge key by key, except entries of `rules` and `fields` (and every list), which replace. */
function mergeLayer(into: Record<string, unknown>, layer: Record<string, unknown>, uri: string, sources: Record<string, string>, path: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(layer)) {
    const keyPath = [...path, key];
    const wholeEntry = path.length === 1 && (path[0] === 'rules' || path[0] === 'fields');
    if (isPlainMap(value) && !wholeEntry) {
      out[key] = mergeLayer(isPlainMap(out[key]) ? (out[key] as Record<string, unknown>) : {}, value, uri, sources, keyPath);
    } else {
      if (isPlainMap(out[key])) {
        // A value that replaces a merged map: its entries' sources go (rare, so a scan is fine).
        const prefix = `${keyPath.join('.')}.`;
        for (const known of Object.keys(sources)) if (known.startsWith(prefix)) delete sources[known];
      }
      out[key] = value;
      sources[keyPath.join('.')] = uri;
    }
  }
  return out;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function chainDiagnostic(range: Diagnostic['range'], message: string): Diagnostic {
  const code = TEMPLATE_CODES.extends;
  return { range, severity: DiagnosticSeverity.Error, code, codeDescription: { href: `${RULE_DOCS_URL}#${code}` }, source: 'alphanode', message };
}
