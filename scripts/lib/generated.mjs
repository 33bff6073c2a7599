// Writes a generated file, or with `--check` fails when the committed copy differs (CI drift check).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

export function writeOrCheck(target, text, { regenerate, summary }) {
  const name = relative(process.cwd(), fileURLToPath(target));
  if (!process.argv.includes('--check')) {
    writeFileSync(target, text);
    console.log(`${name}: ${summary}`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    console.error(`${name} is out of date: run \`${regenerate}\` and commit it.`);
    process.exit(1);
  }
  console.log(`${name} is up to date.`);
}
