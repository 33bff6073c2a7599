import { DEFAULT_POST_GLOBS } from '../model/isPost';
import { messageHtml } from './metaBoxHtml';

/**
 * What the meta box preview shows for Markdown that is not a post (README "What is a post"):
 * a neutral panel saying why and how to make it one. No status badge: "no problems" would
 * claim the file was checked.
 */
export function renderNotAPost(globs: readonly string[] = DEFAULT_POST_GLOBS): string {
  const shown = globs.slice(0, 3).map((glob) => `\`${glob}\``).join(', ') + (globs.length > 3 ? `, … and ${globs.length - 3} more` : '');
  const paragraphs = [
    'Alphanode checks only runbook posts, and leaves other Markdown alone: this file gets no diagnostics and no meta box.',
    `It is not a post because its path matches none of the post globs (${shown}) and its front matter does not identify a post.`,
  ];
  const ways = [
    'name it `*.post.md`,',
    'or opt its folder in with `files` in `.alphanode.yaml` (e.g. `files: ["runbooks/**/*.md"]`) or the `alphanode.files` setting,',
    'or give it post meta that identifies it: `payload.source_id: alphanode-NNNNNN`, or `ai_outline` with `payload` or `checklist`.',
  ];
  return (
    '<article class="anp-box anp-not-post">\n' +
    '<header class="box-head"><h1 class="box-title">This file is not a post</h1></header>\n' +
    '<section class="field">' +
    paragraphs.map((text) => `<p class="prose">${messageHtml(text)}</p>`).join('') +
    '<h2 class="label">to make it a post</h2>' +
    `<ul class="not-post-ways">${ways.map((text) => `<li>${messageHtml(text)}</li>`).join('')}</ul>` +
    '</section>\n</article>\n'
  );
}
