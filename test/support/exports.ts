/**
 * The rendered exports of the five seeds (test/fixtures/exports, byte copies of the
 * spec's seeds/*.txt) and checks shared by the import/render tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FIXTURES } from './fixtures';

export const EXPORTS_DIR = join(FIXTURES, 'exports');

export function exportNames(): string[] {
  return readdirSync(EXPORTS_DIR).filter((name) => name.endsWith('.txt')).sort();
}

/** The export of seed `000` … `004` (by prefix) or by file name. */
export function loadExport(name = '000'): string {
  const file = exportNames().find((candidate) => candidate.startsWith(name));
  if (!file) throw new Error(`no export fixture ${name}`);
  return readFileSync(join(EXPORTS_DIR, file), 'utf8');
}

/** The text without its first line (the `|` / `| |` page decoration). */
export function withoutFirstLine(text: string): string {
  return text.slice(text.indexOf('\n') + 1);
}

/** Letters and digits only, lower-cased: what must survive whatever markup an import adds or removes. */
function words(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The non-empty input lines whose words do not appear in `output`. A line's words are
 * its letters and digits (`reading time7` ↔ `reading_time: 7`, `  • x` ↔ `- x`); an image's
 * second line counts as its caption and its source; the page decoration, the box title and
 * `Similar Posts` are layout, not text.
 */
export function lostLines(input: string, output: string): string[] {
  const haystack = words(output);
  // YAML writes a tab in a quoted string as `\t` and a backslash as `\\`: the same text, not a lost one.
  const unescaped = words(output.replace(/\\(u[0-9a-fA-F]{4}|[0abtnvfre\\])/g, (_, code: string) => (code.length > 1 ? String.fromCharCode(parseInt(code.slice(1), 16)) : code === '\\' ? '\\' : ' ')));
  return input.split(/\r\n|\r|\n/).filter((line) => {
    const trimmed = line.trim();
    if (/^\|[| ]*$/.test(trimmed) || trimmed === 'alphanode post meta' || trimmed === 'Similar Posts') return false;
    return line.split('. image source: ').some((part) => words(part) !== '' && !haystack.includes(words(part)) && !unescaped.includes(words(part)));
  });
}

/** A source post's meta (parsed, key order kept by JSON) and its body text. */
export function splitPost(text: string): { meta: string; body: string } {
  const close = text.indexOf('\n---\n', 3);
  if (!text.startsWith('---\n') || close < 0) throw new Error('splitPost: no front matter');
  return { meta: JSON.stringify(parseYaml(text.slice(4, close + 1))), body: text.slice(close + 5) };
}
