import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { analyzePost, DEFAULT_TEMPLATE, isoToday, metaBoxDocument, parsePost, renderMetaBox, renderPage } from '../service';
import { configFor } from './config';

/**
 * `alphanode render --format html FILE.md`: the meta box as the preview shows it, as a
 * complete standalone page on stdout (strict CSP of its own, no scripts, stylesheet
 * inline). The named file is a post (as with `check`): its problems are marked in the box.
 * `--format page`: the whole post as the post preview shows it (the site's page, with the
 * problems and rollback notes a reviewer sees), in the same standalone document.
 */
export interface RenderHtmlOptions {
  file: string;
  allowRemoteImages: boolean;
  /** `html`: the meta box (default); `page`: the whole post. */
  format?: 'html' | 'page';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function renderHtmlCommand({ file, allowRemoteImages, format = 'html' }: RenderHtmlOptions): number {
  let text: string;
  try {
    text = utf8.decode(readFileSync(file === '-' ? 0 : file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    const reason = error instanceof TypeError ? 'not valid UTF-8 text' : code === 'ENOENT' ? 'no such file or folder' : code === 'EISDIR' ? 'is a folder' : error instanceof Error ? error.message : String(error);
    process.stderr.write(`${file}: error: cannot read: ${reason}\n`);
    return 2;
  }
  const today = isoToday();
  const post = parsePost(text);
  // The post's team template, as `check` finds it: its problems and its difficulty/status values.
  const template = file === '-' ? DEFAULT_TEMPLATE : configFor(process.cwd(), undefined).apply(resolve(file), file).template;
  const diagnostics = analyzePost(post, { today, template }).map((finding) => finding.diagnostic);
  const box = format === 'page' ? renderPage(post, diagnostics, { allowRemoteImages }) : renderMetaBox(post, diagnostics, { today, allowRemoteImages, template });
  const hash = createHash('sha256').update(box.css, 'utf8').digest('base64');
  const title = `${file === '-' ? 'post' : basename(file)}: ${format === 'page' ? 'post preview' : 'alphanode post meta'}`;
  process.stdout.write(metaBoxDocument(box, { title, styleSource: `'sha256-${hash}'`, allowRemoteImages }));
  return 0;
}
