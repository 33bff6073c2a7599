import { elide } from '../model/messages';
import type { Command } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import type { Template } from '../workspace/template';
import type { Fix, Rule } from './types';

/** The client commands that insert a note as a snippet (the owner is the host's to resolve). */
export const INSERT_ROLLBACK_NOTE = 'alphanode.insertRollbackNote';
export const INSERT_ROLLBACK_NOTE_FOR_SECTION = 'alphanode.insertRollbackNoteForSection';

export const rollbackMissing: Rule = {
  id: 'rollback-missing',
  description: 'The post has at least one ```` ```rollback ```` note keeping a change\'s owner, expected result and rollback together.',
  defaultSeverity: 'warning',
  fixable: true,
  example: '# keeping staging close to production in python services\n\n<!-- …and no ```rollback note anywhere in the post -->',
  check({ post, meta, template }) {
    if (!post.frontMatter || post.rollbackNotes.length > 0) return [];
    const range = post.body.titles[0]?.textRange ?? meta.openRange;
    return [{ range, message: 'This post has no rollback note: add a code block tagged "rollback" with owner, expected_result and rollback.', fixes: insertFixes(post, template) }];
  },
};

/**
 * Two command fixes (a snippet needs the editor): at the end of the section where a note
 * belongs (the last section before the template's closing ones, like the seeds), and at the
 * cursor. The core knows no URI: `null` tells the command to use the active editor, and a
 * `null` position its cursor.
 */
function insertFixes(post: PostDocument, template: Template): Fix[] {
  const section = noteSection(post, template);
  const line = Math.min(section?.heading!.line ?? post.body.startLine, post.index.lineCount - 1);
  const where = section ? `the end of "${elide(section.name)}"` : 'the end of the intro';
  const command = (title: string, id: string, position: unknown): Command => ({ title, command: id, arguments: [null, position] });
  const sectionTitle = `Insert a rollback note at ${where}`;
  const cursorTitle = 'Insert a rollback note at the cursor';
  return [
    { title: sectionTitle, edits: [], command: command(sectionTitle, INSERT_ROLLBACK_NOTE_FOR_SECTION, { line, character: 0 }), preferred: true },
    { title: cursorTitle, edits: [], command: command(cursorTitle, INSERT_ROLLBACK_NOTE, null) },
  ];
}

/** The last `## ` section before the template's ordered closing sections (checklist, final notes). */
function noteSection(post: PostDocument, template: Template) {
  const closing = new Set(template.sections.order);
  const firstClosing = post.body.sections.findIndex((section) => closing.has(section.name));
  const before = firstClosing < 0 ? post.body.sections : post.body.sections.slice(0, firstClosing);
  return [...before].reverse().find((section) => !closing.has(section.name));
}
