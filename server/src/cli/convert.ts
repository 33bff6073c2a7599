import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { importExport, parsePost, renderText } from '../service';

/**
 * `alphanode import` and `alphanode render --format text`: file handling around the
 * core's importExport and renderText. Exit codes follow `check`: 0 done, 1 the input is
 * not what the command converts, 2 bad usage or a file that cannot be read or written.
 */
export interface ImportOptions {
  file: string;
  out: string | undefined;
  force: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function importCommand({ file, out, force }: ImportOptions): number {
  // Refuse before doing any work: an existing file is someone's edits.
  if (out !== undefined && !force && existsSync(out)) {
    process.stderr.write(`alphanode: ${out} already exists; pass --force to overwrite it.\n`);
    return 2;
  }
  const input = readText(file);
  if ('error' in input) {
    process.stderr.write(`${file}: error: cannot read: ${input.error}\n`);
    return 2;
  }
  const result = importExport(input.text);
  if (!result.ok) {
    process.stderr.write(`${file}: error: ${result.error}\n`);
    return 1;
  }
  for (const warning of result.warnings) process.stderr.write(`${file}:${warning.line}: warning: ${warning.message}\n`);
  if (out === undefined) {
    process.stdout.write(result.source);
    return 0;
  }
  try {
    // `wx` fails if the file appeared since the check above; never clobber it.
    writeFileSync(out, result.source, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    process.stderr.write(`${out}: error: cannot write: ${describe(error)}\n`);
    return 2;
  }
  return 0;
}

export function renderCommand(file: string): number {
  const input = readText(file);
  if ('error' in input) {
    process.stderr.write(`${file}: error: cannot read: ${input.error}\n`);
    return 2;
  }
  // Exactly the export's text: no line break after `Similar Posts`, as on the site.
  process.stdout.write(renderText(parsePost(input.text)));
  return 0;
}

/** The file as UTF-8 text (`-` is standard input). */
function readText(file: string): { text: string } | { error: string } {
  try {
    return { text: utf8.decode(readFileSync(file === '-' ? 0 : file)) };
  } catch (error) {
    return { error: error instanceof TypeError ? 'not valid UTF-8 text' : describe(error) };
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EEXIST') return 'already exists; pass --force to overwrite it';
  return error instanceof Error ? error.message : String(error);
}
