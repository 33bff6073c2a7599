/**
 * The post model: the text (line index, UTF-16 positions), the front matter with its one YAML
 * parse and limits, the meta and its schema, the body's sections, checklist and rollback
 * notes, the values derived from them, and which files are posts.
 */
export { parsePost, metaObject, oversizedPost, MAX_POST_LENGTH } from './document';
export type { PostDocument } from './document';
export { classifyPost, matchesFiles, DEFAULT_POST_GLOBS, SOURCE_ID_PREFIX } from './isPost';
export type { PostClassification } from './isPost';
export { isoToday, isRealIsoDate, daysBetween } from './dates';
export { LineIndex } from './text';
export { createMetaSchema, metaSchemaFor, knownKeys } from './schema';
export { MAX_ALIAS_COUNT, MAX_YAML_DEPTH } from './yamlParse';
export { elide, quoted, listValues, capMessage, MAX_MESSAGE } from './messages';
