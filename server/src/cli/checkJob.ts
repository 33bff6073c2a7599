/**
 * What `alphanode check` hands a worker thread (workers.ts) and what check.ts runs: its own
 * module so that neither of the two imports the other for it.
 */

export interface CheckOptions {
  /** Apply every preferred fix and write the file back before reporting what is left. */
  fix?: boolean;
  /** The rollback note owner `--fix` writes (`--owner`, else git's user.name, else the OS user). */
  owner?: string;
  /** `--config FILE`: this template for every post instead of the nearest `.alphanode.yaml`. */
  config?: string;
  /** Told about files a folder's walk skipped (FIFOs, devices…): the CLI prints these on stderr. */
  onNote?: (message: string) => void;
}

/** One file to check: as shown to the user, where it is, and whether it was named (then it is a post whatever its path). */
export interface CheckJob {
  shown: string;
  absolute: string;
  named: boolean;
}
