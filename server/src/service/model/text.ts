import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Maps string offsets to LSP positions. JavaScript strings are UTF-16, so an offset is
 * already a UTF-16 code unit index: that is exactly the LSP default position encoding.
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as in LSP.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    // indexOf searches natively, several times faster than reading every character here: the
    // index is built for each version of the post, and a large post has a megabyte of them.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        const crlf = lf === cr + 1;
        const next = crlf ? lf + 1 : cr + 1;
        this.lineStarts.push(next);
        if (crlf) lf = text.indexOf('\n', next);
        cr = text.indexOf('\r', next);
      } else {
        this.lineStarts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    // Never point between the \r and \n of a CRLF.
    const lineEnd = this.lineEndOffset(low);
    return { line: low, character: Math.min(clamped, lineEnd) - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEndOffset(position.line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineStartOffset(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just before the line break of `line` (or the end of the text). */
  lineEndOffset(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStartOffset(line), this.lineEndOffset(line));
  }

  /** The range of a whole line without its line break. */
  lineRange(line: number): Range {
    return this.range(this.lineStartOffset(line), this.lineEndOffset(line));
  }

  /** The line's text range with leading and trailing white space left out. */
  trimmedLineRange(line: number): Range {
    const text = this.lineText(line);
    const start = this.lineStartOffset(line);
    const lead = text.length - text.trimStart().length;
    const trimmedLength = text.trim().length;
    return trimmedLength === 0 ? this.lineRange(line) : this.range(start + lead, start + lead + trimmedLength);
  }
}
