import type { Range } from 'vscode-languageserver-types';
import type { z } from 'zod/mini';
import { metaObject, PostDocument } from './document';
import type { MetaPath } from './frontMatter';
import { entryAt, MetaNode, nodeAt, spanOf } from './metaTree';
import { metaSchemaFor } from './schema';
import type { Template } from '../workspace/template';

/**
 * Typed, range-aware reads of the post meta, shared by all rules. Typed getters return
 * undefined when the value has the wrong type: the schema rules report that, and the
 * consistency rules then stay quiet instead of piling on.
 */
export class MetaAccess {
  readonly object: Record<string, unknown> | undefined;
  private issues: z.core.$ZodIssue[] | undefined;

  constructor(
    private readonly post: PostDocument,
    private readonly template: Template,
    private readonly today: string,
  ) {
    this.object = metaObject(post);
  }

  get(path: MetaPath): unknown {
    let value: unknown = this.object;
    for (const segment of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string | number, unknown>)[segment];
    }
    return value;
  }

  has(path: MetaPath): boolean {
    return this.get(path) !== undefined;
  }

  string(path: MetaPath): string | undefined {
    const value = this.get(path);
    return typeof value === 'string' ? value : undefined;
  }

  integer(path: MetaPath): number | undefined {
    const value = this.get(path);
    return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
  }

  /** The list when every item is a string. */
  stringList(path: MetaPath): string[] | undefined {
    const value = this.get(path);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  }

  list(path: MetaPath): unknown[] | undefined {
    const value = this.get(path);
    return Array.isArray(value) ? value : undefined;
  }

  /** The range of the value at `path` (a map value or a list item). */
  valueRange(path: MetaPath): Range | undefined {
    return this.nodeRange(nodeAt(this.post.frontMatter?.tree, path));
  }

  /** The range of the key of `path`'s map entry. */
  keyRange(path: MetaPath): Range | undefined {
    return this.nodeRange(entryAt(this.post.frontMatter?.tree, path)?.key);
  }

  /**
   * The value's range, else the key of the nearest entry that exists on the way there,
   * else the opening `---`: a problem always has a place to point at.
   */
  rangeNear(path: MetaPath): Range {
    const exact = this.valueRange(path);
    if (exact) return exact;
    for (let length = path.length; length > 0; length--) {
      const prefix = path.slice(0, length);
      const range = typeof prefix[length - 1] === 'string' ? this.keyRange(prefix) : this.valueRange(prefix);
      if (range) return range;
    }
    return this.openRange;
  }

  /** The opening `---` line. */
  get openRange(): Range {
    return this.post.index.lineRange(this.post.frontMatter?.openLine ?? 0);
  }

  /** Zod issues of the meta against the schema, computed once per document. */
  schemaIssues(): z.core.$ZodIssue[] {
    if (this.issues === undefined) {
      const result = this.object ? metaSchemaFor(this.template, this.today).safeParse(this.object) : undefined;
      this.issues = result && !result.success ? result.error.issues : [];
    }
    return this.issues;
  }

  private nodeRange(node: MetaNode | undefined): Range | undefined {
    const span = spanOf(this.post.text, node);
    // An empty value (`difficulty:`) has no text to point at: callers fall back to the key.
    return span && span[1] > span[0] ? this.post.index.range(span[0], span[1]) : undefined;
  }
}
