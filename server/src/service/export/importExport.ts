import { DEFAULT_TEMPLATE, Template } from '../workspace/template';
import { DECORATION, IMAGE_SOURCE_JOIN, LIST_ITEM, META_BOX_TITLE, pushAll, SIMILAR_POSTS } from './format';
import { ImageSource, importBody } from './importBody';
import { importMeta, MetaMap } from './importMeta';
import type { ImportResult, ImportWarning, KeptLine } from './types';
import { frontMatterYaml } from './yamlOut';

/**
 * Rendered export (spec §1.2, `seeds/*.txt`) → source form (front matter + Markdown).
 *
 * The export is laid out as: a decoration line (`|`), the title, the body, the
 * `alphanode post meta` box, `Similar Posts`. Each part is optional here: a truncated
 * export or one without its box is still imported as far as it goes, with warnings.
 * Lines the importer cannot classify are kept (as paragraphs in the body or comments in
 * the front matter) and reported with their 1-based line. Only input that is not an
 * export at all is refused. Line endings may be LF, CRLF or CR; the output uses LF.
 */
export function importExport(text: string, template: Template = DEFAULT_TEMPLATE): ImportResult {
  try {
    return importLines(text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/), template);
  } catch (error) {
    // A crash must not lose the user's file: report it as a refusal they can pass on.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `internal error while importing (${detail}); please report this with the export` };
  }
}

function importLines(lines: string[], template: Template): ImportResult {
  const sections = [...template.sections.known, ...template.sections.required, ...template.sections.order];
  const refusal = notAnExport(lines, sections);
  if (refusal) return { ok: false, error: refusal };

  const warnings: ImportWarning[] = [];
  const find = (wanted: string, from = 0) => {
    for (let i = from; i < lines.length; i++) if (lines[i].trim().toLowerCase() === wanted.toLowerCase()) return i;
    return -1;
  };
  let start = 0;
  while (start < lines.length && lines[start].trim() === '') start++;
  if (start < lines.length && DECORATION.test(lines[start].trim())) start++;
  const boxAt = find(META_BOX_TITLE, start);
  const similarAt = find(SIMILAR_POSTS, boxAt < 0 ? start : boxAt + 1);
  const lastLine = lastNonBlank(lines);

  let meta: MetaMap = new Map();
  const kept: KeptLine[] = [];
  if (boxAt >= 0) {
    const box = importMeta(lines, boxAt + 1, similarAt < 0 ? lines.length : similarAt);
    meta = box.meta;
    pushAll(kept, box.kept);
    pushAll(warnings, box.warnings);
    if (similarAt < 0) warnings.push({ line: lastLine + 1, message: `the export ends without \`${SIMILAR_POSTS}\` (truncated?): the meta box may be incomplete` });
  } else if (similarAt >= 0) {
    warnings.push({ line: similarAt + 1, message: `no \`${META_BOX_TITLE}\` box before \`${SIMILAR_POSTS}\`: the front matter is empty` });
  } else {
    warnings.push({ line: lastLine + 1, message: `the export ends without an \`${META_BOX_TITLE}\` box (truncated?): the front matter is empty` });
  }
  if (similarAt >= 0) {
    for (let i = similarAt + 1; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      kept.push({ line: i + 1, text: lines[i] });
      warnings.push({ line: i + 1, message: `text after \`${SIMILAR_POSTS}\` is not part of the post; kept as a comment in the front matter` });
    }
  }

  const bodyEnd = boxAt >= 0 ? boxAt : similarAt >= 0 ? similarAt : lines.length;
  const codeLanguage = meta.get('code_language');
  const body = importBody(lines, start, bodyEnd, {
    sections,
    codeLanguage: typeof codeLanguage === 'string' && codeLanguage.trim() !== '' ? codeLanguage.trim() : undefined,
    imageSources: imageSources(meta.get('image_sources')),
  });
  pushAll(warnings, body.warnings);

  const yaml = frontMatterYaml(meta, kept.sort((a, b) => a.line - b.line));
  const bodyText = body.markdown.length > 0 ? `\n${body.markdown.join('\n')}\n` : '';
  return { ok: true, source: `---\n${yaml}---\n${bodyText}`, warnings: warnings.sort((a, b) => a.line - b.line) };
}

/** Why `lines` are not a rendered export, or undefined when they look like one. */
function notAnExport(lines: readonly string[], sections: readonly string[]): string | undefined {
  const first = lines.find((line) => line.trim() !== '');
  if (first === undefined) return 'the file is empty: not a rendered export';
  if (lines.some((line) => line.includes('\u0000'))) return 'the file holds binary data: not a rendered export';
  if (first.trim() === '---') return 'this is a source post already (it opens with `---` front matter), not a rendered export';
  const known = new Set(sections.map((name) => name.toLowerCase()));
  const signs =
    DECORATION.test(first.trim()) ||
    lines.some((line) => {
      const trimmed = line.trim().toLowerCase();
      return trimmed === META_BOX_TITLE || trimmed === SIMILAR_POSTS.toLowerCase() || known.has(trimmed) || LIST_ITEM.test(line) || line.includes(IMAGE_SOURCE_JOIN);
    });
  if (signs) return undefined;
  return `not a rendered export: no \`${META_BOX_TITLE}\` box, no \`${SIMILAR_POSTS}\`, no section of the template and no \`  • \` list`;
}

function lastNonBlank(lines: readonly string[]): number {
  let i = lines.length - 1;
  while (i > 0 && lines[i].trim() === '') i--;
  return i;
}

/** The meta's image sources whose fields are all strings (the others cannot give a URL). */
function imageSources(value: unknown): ImageSource[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Map<string, unknown> => item instanceof Map)
    .map((item) => ({ source: item.get('source'), url: item.get('url'), caption: item.get('caption') }))
    .filter((entry): entry is ImageSource => typeof entry.source === 'string' && typeof entry.url === 'string' && typeof entry.caption === 'string');
}
