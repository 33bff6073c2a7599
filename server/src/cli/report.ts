import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { classifyPost, DUE_SOON_DAYS, groupByOwner, MAX_POST_LENGTH, parsePost, StaleEntry, staleEntry, StaleGroup } from '../service';
import { planCheck } from './check';
import { configFor } from './config';
import { formatText } from './format';

export interface ReportStaleOptions {
  format: 'text' | 'json' | 'markdown';
  failOnStale: boolean;
  /** `YYYY-MM-DD`: the day the ages are counted to. */
  today: string;
  paths: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `alphanode report stale`: the posts past their template's `review.max_age_days`, or
 * within 30 days of it, oldest review first, grouped by the owners of their rollback notes.
 * The posts are found as `check` finds them (named files, posts inside folders, the nearest
 * template of each). Exit 0, or 1 with --fail-on-stale when a post is past its policy; 2
 * for a path that cannot be read.
 */
export function reportStaleCommand(options: ReportStaleOptions): number {
  const cwd = process.cwd();
  const config = configFor(cwd, undefined);
  const entries: StaleEntry[] = [];
  let unreadable = false;
  const files: string[] = [];
  for (const job of planCheck(options.paths, cwd, config, (note) => process.stderr.write(`alphanode: ${note}\n`))) {
    if (!('absolute' in job)) {
      process.stderr.write(`alphanode: ${job.path}: ${job.error}\n`);
      unreadable = true;
      continue;
    }
    files.push(job.absolute);
    const text = readPost(job.absolute);
    if (text === undefined) continue;
    const post = parsePost(text);
    const applied = config.apply(job.absolute, job.shown);
    if (!job.named && !classifyPost(applied.globPath, post, applied.files).isPost) continue;
    const entry = staleEntry(job.shown.split('\\').join('/'), post, applied.template, options.today);
    if (entry) entries.push(entry);
  }
  // A broken template's posts are checked against the defaults, which have no policy: say so.
  const broken = config.templateReports(files);
  if (broken.length > 0) process.stderr.write(formatText(broken));
  const groups = groupByOwner(entries);
  process.stdout.write(options.format === 'json' ? formatJson(groups, entries, options.today) : options.format === 'markdown' ? formatMarkdown(groups, entries, options.today) : formatPlain(groups, entries, options.today));
  if (unreadable) return 2;
  return options.failOnStale && entries.some((entry) => entry.stale) ? 1 : 0;
}

/** A regular file's text, undefined when it cannot be read, is no UTF-8 or is too large to be a post we check. */
function readPost(absolute: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    if (fstatSync(fd).size > MAX_POST_LENGTH) return undefined;
    return utf8.decode(readFileSync(fd));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function state(entry: StaleEntry): string {
  return entry.stale ? `stale by ${entry.ageDays - entry.policyDays} day(s)` : `due in ${entry.policyDays - entry.ageDays} day(s)`;
}

function totals(entries: readonly StaleEntry[]): string {
  const stale = entries.filter((entry) => entry.stale).length;
  return `${stale} post(s) past the review policy, ${entries.length - stale} within ${DUE_SOON_DAYS} days of it.`;
}

function formatPlain(groups: StaleGroup[], entries: StaleEntry[], today: string): string {
  if (entries.length === 0) return `No post is past its review policy or within ${DUE_SOON_DAYS} days of it (today is ${today}).\n`;
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(group.owner ?? 'no owner');
    for (const entry of group.posts) lines.push(`  ${entry.path}  last reviewed ${entry.lastReviewed}, ${entry.ageDays} days ago (policy ${entry.policyDays}): ${state(entry)}`);
    lines.push('');
  }
  lines.push(totals(entries));
  return `${lines.join('\n')}\n`;
}

function formatMarkdown(groups: StaleGroup[], entries: StaleEntry[], today: string): string {
  const lines = [`# Stale runbooks (${today})`, ''];
  if (entries.length === 0) return `${lines.join('\n')}No post is past its review policy or within ${DUE_SOON_DAYS} days of it.\n`;
  const cell = (text: string) => text.replace(/[|\\`*_[\]<>]/g, '\\$&');
  for (const group of groups) {
    lines.push(`## ${group.owner === null ? 'no owner' : cell(group.owner)}`, '', '| post | last reviewed | age (days) | policy (days) | state |', '| --- | --- | ---: | ---: | --- |');
    for (const entry of group.posts) lines.push(`| ${cell(entry.path)} | ${entry.lastReviewed} | ${entry.ageDays} | ${entry.policyDays} | ${state(entry)} |`);
    lines.push('');
  }
  lines.push(totals(entries));
  return `${lines.join('\n')}\n`;
}

function formatJson(groups: StaleGroup[], entries: StaleEntry[], today: string): string {
  const post = (entry: StaleEntry) => ({ path: entry.path, lastReviewed: entry.lastReviewed, ageDays: entry.ageDays, policyDays: entry.policyDays, stale: entry.stale, owners: entry.owners });
  const stale = entries.filter((entry) => entry.stale).length;
  return `${JSON.stringify({ today, groups: groups.map((group) => ({ owner: group.owner, posts: group.posts.map(post) })), summary: { stale, dueSoon: entries.length - stale } }, null, 2)}\n`;
}

/** Whether `path` (relative to `cwd`) is a folder. */
export function isFolder(path: string, cwd: string): boolean {
  try {
    return statSync(isAbsolute(path) ? path : join(cwd, path)).isDirectory();
  } catch {
    return false;
  }
}
