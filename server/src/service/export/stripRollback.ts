import { parsePost } from '../model/document';

/**
 * The post without its ```` ```rollback ```` notes, each with the blank line that
 * separated it from the next block: what an export of the post can give back, since the
 * export never carries rollback notes.
 */
export function stripRollbackNotes(text: string): string {
  const post = parsePost(text);
  const { index } = post;
  let out = '';
  let from = 0;
  for (const note of post.rollbackNotes) {
    let end = note.fence.endLine;
    if (end < index.lineCount && index.lineText(end).trim() === '') end++;
    out += post.text.slice(from, index.lineStartOffset(note.fence.line));
    from = end < index.lineCount ? index.lineStartOffset(end) : post.text.length;
  }
  return (post.hadBom ? '\uFEFF' : '') + out + post.text.slice(from);
}
