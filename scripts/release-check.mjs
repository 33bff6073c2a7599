// `npm run release:check` (after a build): what the npm package and the VSIX would ship.
// Lists both without writing them (`npm pack --dry-run --json`, `vsce ls`), and fails when
// either holds something that must not ship (tests, fixtures, sources, source maps, node_modules…),
// lacks a file it needs, or the npm tarball reaches 1 MB; the VSIX's icon must be a 128 × 128 PNG
// and every image of the README must be in the VSIX. Prints the sizes and file counts.
// `--root DIR` checks a copy of the package there instead (test/cli/package.test.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ROOT = resolve(parseArgs({ options: { root: { type: 'string', default: REPO } } }).values.root);
const TARBALL_LIMIT = 1_000_000;

/** Never shipped, in either package. */
const FORBIDDEN = [
  [/(^|\/)test\//, 'a test'],
  [/(^|\/)fixtures\//, 'a fixture'],
  [/\.map$/, 'a source map'],
  [/\.(ts|tsx|mts|cts)$/, 'a TypeScript source'],
  [/^(server|client|bench|scripts|samples|out|node_modules)\//, 'not part of a build'],
  [/\.vsix$|\.tgz$/, 'a package'],
  [/(^|\/)\./, 'a dot file'],
];

/** The npm package: exactly these (the CLI, its docs and schema). */
const NPM_FILES = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli-main.js', 'dist/cli.js', 'docs/rules.md', 'package.json', 'schemas/alphanode-template.schema.json'];

/** The VSIX needs at least these; the rest must match VSIX_ALLOWED. */
const VSIX_REQUIRED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/client.js', 'dist/server.js', 'dist/web/client.js', 'dist/web/server.js', 'media/icon.png', 'media/preview.js', 'schemas/alphanode-template.schema.json'];
const VSIX_ALLOWED = [/^dist\/(web\/)?(client|server)\.js$/, /^syntaxes\/[\w.-]+\.tmLanguage\.json$/, /^snippets\/[\w.-]+\.code-snippets$/, /^media\/[\w.-]+\.(js|png)$/, /^media\/screenshots\/[\w.-]+\.png$/, /^schemas\/[\w.-]+\.json$/, /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/];

const problems = [];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
    process.exit(1);
  }
  return result.stdout;
}

function forbidden(where, files) {
  for (const file of files) {
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(file)) problems.push(`${where}: ${file} is ${what}`);
  }
}

// The npm package. --ignore-scripts: `prepare` would rebuild; this checks the build there is.
const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']));
const npmFiles = pack.files.map((file) => file.path).sort();
forbidden('npm', npmFiles);
for (const file of npmFiles) if (!NPM_FILES.includes(file)) problems.push(`npm: ${file} should not ship (the package is the CLI: ${NPM_FILES.join(', ')})`);
for (const file of NPM_FILES) if (!npmFiles.includes(file)) problems.push(`npm: ${file} is missing`);
if (pack.size >= TARBALL_LIMIT) problems.push(`npm: the tarball is ${pack.size} bytes, not under ${TARBALL_LIMIT}`);
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
if (manifest.dependencies && Object.keys(manifest.dependencies).length > 0) problems.push(`npm: runtime dependencies ${Object.keys(manifest.dependencies).join(', ')}: every bundle is self-contained, they belong in devDependencies`);

// The VSIX (vsce's own listing, as `npm run package` would pack it).
const vsixFiles = run(join(REPO, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies']).split('\n').filter(Boolean).sort();
forbidden('vsix', vsixFiles);
for (const file of vsixFiles) if (!VSIX_ALLOWED.some((pattern) => pattern.test(file))) problems.push(`vsix: ${file} should not ship`);
for (const file of VSIX_REQUIRED) if (!vsixFiles.includes(file)) problems.push(`vsix: ${file} is missing`);
const vsixBytes = vsixFiles.reduce((sum, file) => sum + statSync(join(ROOT, file)).size, 0);

// What the Marketplace shows: the icon, and the README's images from inside the VSIX.
const icon = readFileSync(join(ROOT, manifest.icon));
if (icon.toString('latin1', 1, 4) !== 'PNG' || icon.readUInt32BE(16) !== 128 || icon.readUInt32BE(20) !== 128) problems.push(`vsix: ${manifest.icon} is not a 128 × 128 PNG`);
if (!vsixFiles.includes(manifest.icon)) problems.push(`vsix: the icon ${manifest.icon} is not in the VSIX`);
for (const [, image] of readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) {
  if (/^[a-z]+:/i.test(image)) problems.push(`README: ${image} is not a relative path (the VSIX carries its images)`);
  else if (!vsixFiles.includes(image.replace(/^\.\//, ''))) problems.push(`README: the image ${image} is not in the VSIX`);
}
const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
if (!changelog.includes(`## [${manifest.version}]`)) problems.push(`CHANGELOG.md has no "## [${manifest.version}]" entry for the package's version`);

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`npm:  ${pack.filename}, ${kb(pack.size)} packed (${kb(pack.unpackedSize)} unpacked), ${npmFiles.length} files`);
console.log(`vsix: ${vsixFiles.length} files, ${kb(vsixBytes)} unpacked`);
if (problems.length > 0) {
  console.error(`\nrelease check failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log('release check passed');
