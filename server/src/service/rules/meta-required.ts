import type { Rule } from './types';
import { pathLabel } from './util';

export const metaRequired: Rule = {
  id: 'meta-required',
  description: 'Every key of the post meta is present (all but `notes` and `image_sources`), including the keys of its nested maps.',
  defaultSeverity: 'error',
  fixable: false,
  check({ meta }) {
    return meta
      .schemaIssues()
      .filter((issue) => issue.code === 'invalid_type' && !meta.has(issue.path as (string | number)[]))
      .map((issue) => {
        const path = issue.path as (string | number)[];
        const parent = path.slice(0, -1);
        const where = parent.length ? ` in ${pathLabel(parent)}` : '';
        return {
          range: parent.length ? meta.rangeNear(parent) : meta.openRange,
          message: `Missing required key \`${String(path[path.length - 1])}\`${where}.`,
          data: { path },
        };
      });
  },
};
