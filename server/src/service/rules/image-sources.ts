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
  check({ meta, post }) {
    const value = meta.get(['image_sources']);
    if (value !== undefined && !Array.isArray(value)) return [];
    const sources = (value ?? []) as Source[];
    const images = post.body.images;
    const problems: Problem[] = [];
    sources.forEach((source, i) => {
      if (typeof source !== 'object' || source === null) return;
      if (images.some((image) => image.caption === source.caption && image.url === source.url)) return;
      const sameCaption = images.find((image) => image.caption === source.caption);
      problems.push({
        range: meta.rangeNear(['image_sources', i, sameCaption ? 'url' : 'caption']),
        message: sameCaption
          ? `image_sources[${i}] has url ${JSON.stringify(source.url)} but the body image with this caption points at ${JSON.stringify(sameCaption.url)}.`
          : `image_sources[${i}] has no body image: add ![${String(source.caption)}](${String(source.url)}) to the body, or remove this source.`,
      });
    });
    for (const image of images) {
      if (sources.some((source) => source && source.caption === image.caption && source.url === image.url)) continue;
      if (sources.some((source) => source && source.caption === image.caption)) continue; // reported on the source's url above
      problems.push({
        range: image.range,
        message: `The image ${JSON.stringify(image.caption)} has no entry in image_sources (source, url and caption).`,
      });
    }
    return problems;
  },
};
