import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** Everything the authoring commands need from the extension. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  /** The running language client, if started. */
  client: () => BaseLanguageClient | undefined;
  output: vscode.LogOutputChannel;
  /** The owner a new rollback note is filled in with (the setting, else the entry's fallback), or undefined: a tab stop. */
  owner: (uri: vscode.Uri | undefined) => Promise<string | undefined>;
  /** Where a post's text at a git revision comes from; undefined where there is no git (VS Code for the web). */
  revisions?: RevisionSource;
}

/** A revision to compare with, as the picker offers it. */
export interface Revision {
  label: string;
  description: string;
  /** What git is given: `HEAD`, a branch name, a commit hash. */
  ref: string;
}

export interface RevisionSource {
  /** HEAD, the last commit that touched the file, and the branches; rejects when the file is not in a git repository. */
  choices(uri: vscode.Uri): Promise<Revision[]>;
  /** The file's text at `ref`, undefined when that revision has no such file; rejects on a git error. */
  read(uri: vscode.Uri, ref: string): Promise<string | undefined>;
}
