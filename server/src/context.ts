import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { Finding, PostDocument } from './service';
import type { Settings } from './settings';
import type { TemplateStore } from './templates';

/** What a feature module gets from the server: documents, the cached parse and findings, settings. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The parse of the document's current version (one parse per version, shared). */
  postOf(document: TextDocument): PostDocument;
  /** The findings of the current version: empty for Markdown that is not a post. */
  findingsOf(document: TextDocument): Promise<Finding[]>;
  /** Whether the document is a post (spec §1: the `files` globs or an alphanode source id). */
  isPostDocument(document: TextDocument): Promise<boolean>;
  /** True while `findings` still belong to the document's current version and settings. */
  isCurrent(uri: string, findings: Promise<Finding[]>): boolean;
  settingsFor(uri: string): Promise<Settings>;
  /** The rollback note owner fixes write for the document: its `alphanode.owner` setting, else the client's fallback. */
  ownerFor(uri: string): Promise<string | undefined>;
  /** The team templates by folder; findings use the one that applies to each document. */
  templates: TemplateStore;
  /** Drops every cached result and validates the open documents again (settings or templates changed). */
  revalidateAll(): void;
}

/** A language feature: the capabilities it announces and the handlers it registers. */
export interface Feature {
  capabilities: ServerCapabilities;
  register(context: ServerContext): void;
}
