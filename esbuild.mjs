// Bundles the shipped entry points. Type-checking is `tsc -b`'s job; this only ships.
// `--watch` rebuilds on change; `--analyze` prints what makes up the web bundles.
//   desktop (Node): dist/client.js, dist/server.js, dist/cli.js (the bin) and dist/cli-main.js (the CLI it loads)
//   web (vscode.dev, github.dev): dist/web/client.js (the extension host loads it as CommonJS),
//   dist/web/server.js (the language server's web worker, a self-contained script)
import * as esbuild from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
// `node esbuild.mjs --analyze`: what makes up each web bundle (esbuild's metafile analysis).
const analyze = process.argv.includes('--analyze');
const production = !watch;

/**
 * One copy of vscode-languageserver-types: the service imports the top-level one, and
 * vscode-languageserver(-protocol) nests its own (a patch version apart); both bundles carried both.
 */
const oneLspTypes = {
  name: 'one-lsp-types',
  setup(build) {
    const root = process.cwd();
    build.onResolve({ filter: /^vscode-languageserver-types$/ }, (args) => {
      if (args.pluginData === 'one-lsp-types' || args.resolveDir === root) return undefined;
      return build.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: 'one-lsp-types' });
    });
  },
};

/**
 * markdown-it imports two decoders from `entities`; its encoders (23 KB minified) stayed in every
 * bundle because lib/esm/package.json hides the package's `"sideEffects": false` from esbuild.
 */
const entitiesWithoutSideEffects = {
  name: 'entities-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'entities' || !(args.path === 'entities' || /[\\/]node_modules[\\/]entities[\\/]/.test(args.importer))) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'entities' });
      return resolved.errors.length > 0 ? undefined : { ...resolved, sideEffects: false };
    });
  },
};

/** The web bundles must not need Node: any import of a Node built-in fails the build (no polyfills, no externals). */
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[a-z0-9:_/]+$/ }, (args) => {
      if (!NODE_BUILTINS.has(args.path) && !args.path.startsWith('node:')) return undefined;
      return { errors: [{ text: `"${args.path}" is a Node built-in, imported by ${args.importer}: the web bundles run in the browser (see client/src/common.ts)` }] };
    });
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  // `vscode` is provided by the extension host at run time.
  external: ['vscode'],
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
  // Prefer the ESM builds of dependencies: esbuild can drop what is not used.
  mainFields: ['module', 'main'],
  plugins: [oneLspTypes, entitiesWithoutSideEffects],
};

/** @type {esbuild.BuildOptions} */
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  define: { __VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  plugins: [noNodeBuiltins, oneLspTypes, entitiesWithoutSideEffects],
  // Non-ASCII as UTF-8, not `\uXXXX` (6 bytes each): markdown-it's entity table (entities'
  // decode-data-html) is a string with 6,600 such characters; this saves 20 KB of the worker.
  // Browsers decode worker scripts and the web extension host its scripts as UTF-8.
  charset: 'utf8',
  metafile: analyze,
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/node.ts'], outfile: 'dist/server.js' },
  // The bin is a small entry that loads the CLI's bundle through V8's code cache (server/src/cli/compileCache.ts).
  { entryPoints: ['server/src/cliEntry.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js' },
  { ...web, entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/client.js', format: 'cjs' },
  { ...web, entryPoints: ['server/src/browser.ts'], outfile: 'dist/web/server.js', format: 'iife', external: [] },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('esbuild: watching the client, server and CLI bundles (desktop and web)');
} else {
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (analyze) {
    for (const result of results.filter((candidate) => candidate.metafile)) console.log(await esbuild.analyzeMetafile(result.metafile, { verbose: false }));
  }
  // The web bundles' sizes: the worker's decides how fast the extension starts on vscode.dev.
  const sizes = entries.filter((entry) => entry.outfile.startsWith('dist/web/')).map(({ outfile }) => {
    const bytes = statSync(outfile).size;
    return `${outfile} ${(bytes / 1024).toFixed(0)} KB (${(gzipSync(readFileSync(outfile)).length / 1024).toFixed(0)} KB gzipped)`;
  });
  console.log(`esbuild: ${sizes.join(', ')}`);
}
