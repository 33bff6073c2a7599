import { quoted } from '../model/messages';
import type { Problem, Rule } from './types';

interface Source {
  caption: unknown;
  url: unknown;
}

export const imageSources: Rule = {
  id: 'image-sources',
  description: 'Every `image_sources` entry has a body image `![caption](url)` with the same caption and URL, and every body image has a source.',
  defaultSeverity: 'error',
  fixable: false,
  example: 'image_sources:\n  - source: picsum.photos\n    url: https://picsum.photos/seed/a/800/400\n    caption: staging dashboard\n# …and the body has no ![staging dashboard](https://picsum.photos/seed/a/800/400)',
  check({ meta, post }) {
    // Without a readable meta there is nothing to pair the images with.
    if (!meta.object) return [];
    const value = meta.get(['image_sources']);
    if (value !== undefined && !Array.isArray(value)) return [];
    // Sources missing their caption or url are meta-required's / meta-invalid's to report.
    const rawSources = (value ?? []) as Source[];
    const sources = rawSources.flatMap((source, index) => (isComplete(source) ? [{ source, index }] : []));
    const images = post.body.images;
    const problems: Problem[] = [];
    const mismatchedCaptions = new Set<string>();
    for (const { source, index } of sources) {
      if (images.some((image) => image.caption === source.caption && image.url === source.url)) continue;
      const sameCaption = images.find((image) => image.caption === source.caption);
      if (sameCaption) mismatchedCaptions.add(source.caption);
      problems.push({
        range: meta.rangeNear(['image_sources', index, sameCaption ? 'url' : 'caption']),
        message: sameCaption
          ? `image_sources[${index}] has url ${quoted(source.url)} but the body image with this caption points at ${quoted(sameCaption.url)}.`
          : `image_sources[${index}] has no body image: add ![${source.caption}](${source.url}) to the body, or remove this source.`,
      });
    }
    for (const image of images) {
      if (sources.some(({ source }) => source.caption === image.caption && source.url === image.url)) continue;
      // A source with this caption but another url was reported above, on the source.
      if (mismatchedCaptions.has(image.caption)) continue;
      // An incomplete source naming this image is meta-required's to report, not a missing one.
      if (rawSources.some((source) => !isComplete(source) && source && (source.caption === image.caption || source.url === image.url))) continue;
      problems.push({
        range: image.range,
        message: `The image ${quoted(image.caption)} has no entry in image_sources (source, url and caption).`,
      });
    }
    return problems;
  },
};

function isComplete(source: unknown): source is { caption: string; url: string } {
  const candidate = source as Source | null;
  // An empty caption or url is a placeholder (meta-invalid reports it), not a value to pair images by.
  return typeof candidate === 'object' && candidate !== null && filled(candidate.caption) && filled(candidate.url);
}

function filled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
