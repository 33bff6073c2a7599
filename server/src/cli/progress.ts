import { performance } from 'node:perf_hooks';

/** How often the line is redrawn at most (and how long a run goes before it shows at all). */
const REDRAW_MS = 100;

/**
 * `check`'s progress line: files done out of the total and the time so far, redrawn in
 * place on stderr. Only on a terminal: in CI (stderr a pipe or a file) it stays silent, and
 * it never touches stdout, where the report goes. Runs shorter than REDRAW_MS show nothing.
 */
export class ProgressLine {
  private readonly start = performance.now();
  private lastDraw = this.start;
  private shown = false;

  private constructor(private readonly stream: NodeJS.WriteStream) {}

  /** A progress line on `stream`, or undefined when `stream` is not a terminal. */
  static on(stream: NodeJS.WriteStream): ProgressLine | undefined {
    return stream.isTTY ? new ProgressLine(stream) : undefined;
  }

  update(done: number, total: number): void {
    const now = performance.now();
    if (now - this.lastDraw < REDRAW_MS && done < total) return;
    if (!this.shown && done >= total) return; // finished before it was worth showing
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r\x1b[Kalphanode: ${done}/${total} files, ${((now - this.start) / 1000).toFixed(1)} s`);
  }

  /** Erases the line (before any other stderr output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
