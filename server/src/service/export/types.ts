/** Something the importer could not classify or had to guess; `line` is 1-based, as editors and compilers print it. */
export interface ImportWarning {
  line: number;
  message: string;
}

/** A line of the export the importer could not place; it is kept as a comment, never dropped. */
export interface KeptLine {
  line: number;
  text: string;
}

export type ImportResult =
  | { ok: true; source: string; warnings: ImportWarning[] }
  /** The input is not a rendered export at all (empty, binary, a source post, other text). */
  | { ok: false; error: string };
