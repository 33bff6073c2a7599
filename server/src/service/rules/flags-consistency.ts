import { replaceValue } from '../assist/yamlEdits';
import type { Problem, Rule } from './types';
import { fixOf } from './util';

export const flagsConsistency: Rule = {
  id: 'flags-consistency',
  description: '`flags.has_images` is 1 exactly when `image_sources` is non-empty, and `flags.image_heavy` is 1 only with `has_images: 1`.',
  defaultSeverity: 'error',
  fixable: true,
  example: 'flags:\n  has_images: 1        # 1, but the post has no image_sources\n  image_heavy: 0',
  check({ meta, post }) {
    const problems: Problem[] = [];
    const sources = meta.get(['image_sources']);
    if (sources !== undefined && !Array.isArray(sources)) return [];
    const count = Array.isArray(sources) ? sources.length : 0;
    const hasImages = meta.get(['flags', 'has_images']);
    const expected = count > 0 ? 1 : 0;
    // Without image_sources but with images in the body, the sources are what is missing
    // (image-sources reports each image): a fix never turns the flags against the body.
    const bodyShowsImages = post.body.images.length > 0;
    const fixable = expected === 1 || !bodyShowsImages;
    if ((hasImages === 0 || hasImages === 1) && hasImages !== expected) {
      problems.push({
        range: meta.rangeNear(['flags', 'has_images']),
        message: count > 0
          ? `flags.has_images is 0 but image_sources lists ${count} image(s): it must be 1.`
          : bodyShowsImages
            ? `flags.has_images is 1 but the post has no image_sources, while the body shows ${post.body.images.length} image(s): list them in image_sources.`
            : 'flags.has_images is 1 but the post has no image_sources: it must be 0.',
        data: { path: ['flags', 'has_images'], expected },
        fixes: fixable ? fixOf(replaceValue(post, ['flags', 'has_images'], expected), `Set flags.has_images to ${expected}`) : undefined,
      });
    }
    const heavy = meta.get(['flags', 'image_heavy']);
    if (heavy === 1 && expected === 0) {
      problems.push({
        range: meta.rangeNear(['flags', 'image_heavy']),
        message: bodyShowsImages
          ? 'flags.image_heavy is 1 but the post has no image_sources for the images its body shows: list them in image_sources.'
          : 'flags.image_heavy is 1 but the post has no images (has_images must be 1 for an image-heavy post).',
        data: { path: ['flags', 'image_heavy'], expected: 0 },
        fixes: fixable ? fixOf(replaceValue(post, ['flags', 'image_heavy'], 0), 'Set flags.image_heavy to 0') : undefined,
      });
    }
    return problems;
  },
};
