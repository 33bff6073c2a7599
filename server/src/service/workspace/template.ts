/**
 * The team template (`.alphanode.yaml`, spec §5). This module holds its shape and the
 * defaults from the spec; loading and validating a workspace's file comes with the
 * team-template feature and produces the same `Template` value.
 */
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Template {
  files: string[];
  rules: Record<string, SeveritySetting>;
  sections: {
    known: string[];
    required: string[];
    /** These sections keep this order, at the end of the post. */
    order: string[];
  };
  values: {
    difficulty: string[];
    status: string[];
    entity_type: string[];
    /** Empty: any stack allowed. */
    stack: string[];
    /** Empty: any tool allowed. */
    tools: string[];
  };
  checklists: Record<string, string[]>;
  /** The team's own meta fields (top-level keys of the post meta), by name. */
  fields: Record<string, FieldSpec>;
  /** Review freshness: `max_age_days` makes `review-stale` report posts reviewed longer ago. */
  review: { max_age_days?: number };
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'list';
export const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'boolean', 'date', 'list'];

/**
 * One team field (`fields.<name>` of the template). `enum` and `pattern` apply to the value
 * (to each item of a list); `min`/`max` bound a number, or a list's item count.
 */
export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  enum?: Array<string | number | boolean>;
  pattern?: string;
  min?: number;
  max?: number;
  description?: string;
}

export const CHECKLIST_SECTION = 'implementation checklist';
export const FINAL_SECTION = 'final notes';

export const DEFAULT_TEMPLATE: Template = Object.freeze({
  // Only files named as posts: folder globs (`posts/**`, `runbooks/**`) would claim other
  // teams' Markdown; a team opts in to them with `files` (README "What is a post").
  files: ['**/*.post.md'],
  rules: {},
  sections: {
    known: ['why this matters', 'production checks', 'security and maintenance notes', 'the practical approach', CHECKLIST_SECTION, FINAL_SECTION],
    required: [CHECKLIST_SECTION, FINAL_SECTION],
    order: [CHECKLIST_SECTION, FINAL_SECTION],
  },
  values: {
    difficulty: ['beginner', 'intermediate', 'advanced'],
    status: ['drafted', 'expanded', 'reviewed', 'published'],
    entity_type: ['stack', 'area', 'problem', 'tool'],
    stack: [],
    tools: [],
  },
  checklists: {
    migration: ['review query plans', 'add indexes carefully', 'test with realistic data', 'compare before and after metrics', 'document the migration'],
    release: ['run linting', 'run unit tests', 'run one integration check', 'verify staging config', 'tag the release'],
    change: ['capture the current behavior', 'create a safe backup', 'test the smallest change', 'watch logs after release', 'write the final note'],
  },
  fields: {},
  review: {},
}) as Template;
