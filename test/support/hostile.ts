/**
 * The hostile corpus: posts an attacker, a broken exporter or a bad merge could put in a
 * repository. Every part of the product (core, CLI, server) must read each of them without
 * a crash, a hang or a range outside the text. Built in memory (the deep and large ones
 * would be megabytes on disk); `writeHostileCorpus` lays them out as files for the CLI.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSeed } from './fixtures';
import { billionLaughs, pseudoRandomBytes, toCr, toCrlf, withBom } from './mutate';

export interface HostilePost {
  /** File name (all end in `.post.md`, so every one of them is a post by its name). */
  name: string;
  text: string;
}

const DEPTH = 3_000;

/** A clean seed post with its front matter replaced by `yaml` (the body stays). */
function withMeta(yaml: string): string {
  const seed = loadSeed('001');
  const close = seed.indexOf('\n---\n', 4);
  return `---\n${yaml}${seed.slice(close + 1)}`;
}

export function hostileCorpus(): HostilePost[] {
  const seed = loadSeed('001');
  const garbage = pseudoRandomBytes(8_192, 7).toString('latin1');
  const manyKeys = Array.from({ length: 5_000 }, (_, i) => `key_${i}: ${i}\n`).join('');
  return [
    { name: 'deep-block-sequence-one-line.post.md', text: withMeta(`${'- '.repeat(DEPTH)}x\n`) },
    { name: 'deep-block-sequence-indented.post.md', text: withMeta(`x:\n${Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(i + 1)}-\n`).join('')}`) },
    { name: 'deep-flow-sequence.post.md', text: withMeta(`x: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`) },
    { name: 'deep-flow-unclosed.post.md', text: withMeta(`x: ${'['.repeat(DEPTH)}\n`) },
    { name: 'deep-flow-map.post.md', text: withMeta(`x: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`) },
    { name: 'deep-block-maps.post.md', text: withMeta(Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(i)}k:\n`).join('')) },
    { name: 'alias-bomb.post.md', text: withMeta(billionLaughs()) },
    { name: 'binary-garbage.post.md', text: garbage },
    { name: 'binary-in-meta.post.md', text: withMeta(`topic: ${garbage.replace(/[\r\n]/g, ' ')}\n`) },
    { name: 'nul-bytes.post.md', text: seed.replace('python services', 'python\u0000services') },
    { name: 'lone-surrogates.post.md', text: seed.replace('python services', 'python \ud800 services \udfff') },
    { name: 'bidi-controls.post.md', text: seed.replace('python services', 'python \u202eservices\u202c').replace('## final notes', '## final \u2066notes\u2069') },
    { name: 'crlf-bom-emoji.post.md', text: withBom(toCrlf(seed.replace('python services', 'python 👩‍💻 services'))) },
    { name: 'lone-cr.post.md', text: toCr(seed) },
    { name: 'unclosed-front-matter.post.md', text: `---\ntopic: x\n${'line\n'.repeat(2_000)}` },
    { name: 'only-fence.post.md', text: '---' },
    { name: 'empty.post.md', text: '' },
    { name: 'many-keys.post.md', text: withMeta(manyKeys) },
    { name: 'long-line.post.md', text: `${seed}\n${'x'.repeat(1_000_000)}` },
    { name: 'long-heading.post.md', text: seed.replace('## final notes', `## ${'h'.repeat(200_000)}\n\n## final notes`) },
    { name: 'rollback-garbage.post.md', text: seed.replace('## final notes', `\`\`\`rollback\n${'- '.repeat(DEPTH)}x\nowner: [\n\`\`\`\n\n## final notes`) },
  ];
}

/** Writes the corpus into `folder` (created); returns the file names. */
export function writeHostileCorpus(folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  return hostileCorpus().map(({ name, text }) => {
    writeFileSync(join(folder, name), text);
    return name;
  });
}
