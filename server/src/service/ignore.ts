/** Moved to workspace/ignore.ts (the resolver's folder); kept for existing imports. */
export { IGNORE_FILE, isIgnored, parseIgnore } from './workspace/ignore';
export type { IgnoreRules } from './workspace/ignore';
