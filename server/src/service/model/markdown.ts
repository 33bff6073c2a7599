import MarkdownIt from 'markdown-it';

/** A markdown-it token. */
export type Token = ReturnType<MarkdownIt['parse']>[number];

let parser: MarkdownIt | undefined;

/**
 * The service's one CommonMark parser (markdown-it keeps no state between parses, so the
 * body model, the text export and the page share it). Made on first use: a run that never
 * reads a body, such as a `check --cache` that finds every file unchanged, never builds it.
 */
export function commonmark(): MarkdownIt {
  return (parser ??= new MarkdownIt('commonmark'));
}
