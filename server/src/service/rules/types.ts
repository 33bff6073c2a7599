import type { Command, Range, TextEdit } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import type { MetaAccess } from '../model/meta';
import type { Severity, Template } from '../workspace/template';

/** A quick fix: edits of the current text that solve one problem, or a client command that does (e.g. a snippet insertion). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Run instead of (after) the edits; fix-all skips fixes that need a command. */
  command?: Command;
  /** The obvious fix, applied by "fix all" and offered first. */
  preferred?: boolean;
}

/** What a rule found: the smallest range that explains it and a message saying what was expected. */
export interface Problem {
  range: Range;
  message: string;
  /** Facts about the problem for clients (`Diagnostic.data`). */
  data?: unknown;
  /** Ready-made fixes against the text the rule saw; hosts recompute them per document version. */
  fixes?: Fix[];
}

export interface RuleContext {
  post: PostDocument;
  /** Typed, range-aware access to the post meta. */
  meta: MetaAccess;
  template: Template;
  /** `YYYY-MM-DD`; dates after it are in the future. */
  today: string;
  /** True when the file matched the `files` globs (as opposed to being a post by its source id). */
  matchedByFiles: boolean;
  /** Who a fix names as a rollback note's owner (the host's owner chain); undefined: none known. */
  owner?: string;
}

export interface Rule {
  /** Stable id (spec §6): the diagnostic code, the CLI's `rule`, the template's `rules` key. */
  id: string;
  /** One sentence for the docs and hovers: what the rule checks. */
  description: string;
  /** More for docs/rules.md (Markdown, after the description): exact scope, lists of what counts. */
  details?: string;
  defaultSeverity: Severity;
  /** Whether a quick fix exists for (some of) its problems; the `data` of a problem carries what the fix needs. */
  fixable: boolean;
  /** A short excerpt of a post that the rule reports (Markdown, front matter lines included), for docs/rules.md. */
  example?: string;
  check(context: RuleContext): Problem[];
}
