/**
 * Hidden characters: bidi controls and invisible format characters that make the text a
 * reader sees differ from the text in the file ("Trojan Source"). The `hidden-characters`
 * rule reports them and the meta box renderer shows them as visible markers, so both use
 * this one scanner.
 *
 * Flagged: the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
 * the invisible characters of `ALWAYS` below. Context decides for three kinds that have
 * legitimate uses:
 * - U+200D ZERO WIDTH JOINER is fine between two emoji (👩‍💻, 🏳️‍🌈) and, like U+200C ZERO
 *   WIDTH NON-JOINER, between letters of a script that shapes with joiners (Persian
 *   "می‌خواهم", Devanagari half forms), or after a sign at a word's end there (ന്‍).
 * - Tag characters (U+E0000–U+E007F) are fine only as an emoji flag's tag sequence:
 *   U+1F3F4 WAVING BLACK FLAG, 3–7 tag digits or lower-case letters, U+E007F CANCEL TAG
 *   (🏴󠁧󠁢󠁳󠁣󠁴󠁿). Anywhere else they spell ASCII text nobody sees.
 * Never flagged: the directional marks U+200E, U+200F and U+061C (right-to-left text needs
 * them and they reorder nothing by themselves) and variation selectors (emoji, CJK).
 */

export type HiddenKind = 'bidi' | 'tag' | 'invisible';

/** One run of adjacent hidden characters: UTF-16 offsets and its code points in order. */
export interface HiddenRun {
  start: number;
  end: number;
  codePoints: number[];
}

const BIDI: Record<number, string> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** Invisible in every context they can appear in a post. */
const ALWAYS: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x206a: 'INHIBIT SYMMETRIC SWAPPING',
  0x206b: 'ACTIVATE SYMMETRIC SWAPPING',
  0x206c: 'INHIBIT ARABIC FORM SHAPING',
  0x206d: 'ACTIVATE ARABIC FORM SHAPING',
  0x206e: 'NATIONAL DIGIT SHAPES',
  0x206f: 'NOMINAL DIGIT SHAPES',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR',
  0xfffa: 'INTERLINEAR ANNOTATION SEPARATOR',
  0xfffb: 'INTERLINEAR ANNOTATION TERMINATOR',
  0x1d173: 'MUSICAL SYMBOL BEGIN BEAM',
  0x1d174: 'MUSICAL SYMBOL END BEAM',
  0x1d175: 'MUSICAL SYMBOL BEGIN TIE',
  0x1d176: 'MUSICAL SYMBOL END TIE',
  0x1d177: 'MUSICAL SYMBOL BEGIN SLUR',
  0x1d178: 'MUSICAL SYMBOL END SLUR',
  0x1d179: 'MUSICAL SYMBOL BEGIN PHRASE',
  0x1d17a: 'MUSICAL SYMBOL END PHRASE',
};

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const JOINERS: Record<number, string> = { [ZWNJ]: 'ZERO WIDTH NON-JOINER', [ZWJ]: 'ZERO WIDTH JOINER' };

const TAG_FIRST = 0xe0000;
const TAG_LAST = 0xe007f;
const CANCEL_TAG = 0xe007f;
const BLACK_FLAG = 0x1f3f4;

/**
 * Runs of candidates, as UTF-16 code units (no `u` flag: offsets stay code unit offsets).
 * `\uD834[\uDD73-\uDD7A]` is U+1D173–U+1D17A, `\uDB40[\uDC00-\uDC7F]` the tag block. One
 * match per run, not per character: a run of a million zero width spaces is one match.
 */
const CANDIDATES = /(?:[\u00AD\u180E\u200B-\u200D\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\uD834[\uDD73-\uDD7A]|\uDB40[\uDC00-\uDC7F])+/g;

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
/** What may sit between an emoji and the joiner after it: presentation selectors and skin tones. */
const EMOJI_TRAILER = /^(?:\uFE0E|\uFE0F|\uD83C[\uDFFB-\uDFFF])$/;
const MARK = /^\p{M}$/u;
/** Scripts whose words legitimately hold ZWJ/ZWNJ (cursive joining, conjuncts, half forms). */
const JOINING_LETTER =
  /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}]$/u;
/** How far back the context check looks past marks and emoji trailers: bounded, so the scan stays linear. */
const MAX_LOOKBACK = 16;

export function hiddenKind(codePoint: number): HiddenKind | undefined {
  if (BIDI[codePoint]) return 'bidi';
  if (isTag(codePoint)) return 'tag';
  if (ALWAYS[codePoint] || JOINERS[codePoint]) return 'invisible';
  return undefined;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`. */
export function characterLabel(codePoint: number): string {
  return `${codePointId(codePoint)} ${characterName(codePoint)}`;
}

/** `U+202E`. */
export function codePointId(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function characterName(codePoint: number): string {
  const known = BIDI[codePoint] ?? ALWAYS[codePoint] ?? JOINERS[codePoint];
  if (known) return known;
  if (codePoint === 0xe0001) return 'LANGUAGE TAG';
  if (codePoint === CANCEL_TAG) return 'CANCEL TAG';
  if (codePoint >= 0xe0020 && codePoint <= 0xe007e) return `TAG ${asciiName(codePoint - TAG_FIRST)}`;
  return isTag(codePoint) ? 'TAG (unassigned)' : 'UNKNOWN';
}

/** The ASCII text a run of tag characters spells (U+E0061 → `a`); empty when it spells nothing. */
export function tagText(codePoints: readonly number[]): string {
  return codePoints
    .filter((codePoint) => codePoint >= 0xe0020 && codePoint <= 0xe007e)
    .map((codePoint) => String.fromCharCode(codePoint - TAG_FIRST))
    .join('');
}

/**
 * The hidden runs of `text`, in order; linear in its length. Callers pass a slice (a line,
 * the front matter) rather than offsets: a search from an offset would run to the end.
 */
export function findHiddenRuns(text: string): HiddenRun[] {
  const runs: HiddenRun[] = [];
  const add = (start: number, end: number, codePoints: number[]) => {
    const last = runs[runs.length - 1];
    if (last && last.end === start) {
      last.end = end;
      for (const codePoint of codePoints) last.codePoints.push(codePoint);
    } else {
      runs.push({ start, end, codePoints });
    }
  };
  const addOne = (start: number, end: number, codePoint: number) => {
    const last = runs[runs.length - 1];
    if (last && last.end === start) {
      last.end = end;
      last.codePoints.push(codePoint);
    } else {
      runs.push({ start, end, codePoints: [codePoint] });
    }
  };
  // Synchronous and not reentrant, so the one global regex is safe to reuse.
  CANDIDATES.lastIndex = 0;
  for (let match = CANDIDATES.exec(text); match; match = CANDIDATES.exec(text)) {
    const end = match.index + match[0].length;
    let at = match.index;
    while (at < end) {
      const codePoint = text.codePointAt(at)!;
      if (isTag(codePoint)) {
        // A whole run of tags is judged at once: a flag's tag sequence is fine only as a whole.
        const codePoints: number[] = [];
        let stop = at;
        while (stop < end && isTag(text.codePointAt(stop)!)) {
          codePoints.push(text.codePointAt(stop)!);
          stop += 2;
        }
        if (!isFlagTagSequence(text, at, codePoints)) add(at, stop, codePoints);
        at = stop;
        continue;
      }
      const size = codePoint > 0xffff ? 2 : 1;
      if (!((codePoint === ZWJ || codePoint === ZWNJ) && legitimateJoiner(text, at, codePoint))) addOne(at, at + size, codePoint);
      at += size;
    }
  }
  return runs;
}

function isTag(codePoint: number): boolean {
  return codePoint >= TAG_FIRST && codePoint <= TAG_LAST;
}

/** 🏴 + tag letters/digits + CANCEL TAG: the emoji flags of subdivisions (🏴󠁧󠁢󠁳󠁣󠁴󠁿). */
function isFlagTagSequence(text: string, at: number, codePoints: readonly number[]): boolean {
  if (at < 2 || text.codePointAt(at - 2) !== BLACK_FLAG) return false;
  const spec = codePoints.slice(0, -1);
  if (codePoints[codePoints.length - 1] !== CANCEL_TAG || spec.length < 3 || spec.length > 7) return false;
  return spec.every((codePoint) => (codePoint >= 0xe0030 && codePoint <= 0xe0039) || (codePoint >= 0xe0061 && codePoint <= 0xe007a));
}

function legitimateJoiner(text: string, at: number, joiner: number): boolean {
  const next = codePointAfter(text, at + 1);
  // The end of the text (of a line, for the rule) ends the word too.
  const nextChar = next === undefined ? '' : String.fromCodePoint(next);
  // The emoji before the joiner, past its presentation selector or skin tone.
  if (joiner === ZWJ && PICTOGRAPHIC.test(nextChar)) {
    const before = baseBefore(text, at, EMOJI_TRAILER);
    if (before !== undefined && PICTOGRAPHIC.test(String.fromCodePoint(before))) return true;
  }
  // The letter before the joiner, past its combining marks (vowel signs, viramas, harakat).
  const before = baseBefore(text, at, MARK);
  if (before === undefined || !JOINING_LETTER.test(String.fromCodePoint(before))) return false;
  // Inside a word; or at its end right after a sign (a virama: Malayalam chillu ന്‍, an explicit virama).
  return JOINING_LETTER.test(nextChar) || MARK.test(nextChar) || (at > 0 && MARK.test(String.fromCodePoint(codePointBefore(text, at))));
}

/** The code point before offset `at`, skipping (a bounded number of) those `skip` matches. */
function baseBefore(text: string, at: number, skip: RegExp): number | undefined {
  let offset = at;
  for (let steps = 0; steps <= MAX_LOOKBACK && offset > 0; steps++) {
    const codePoint = codePointBefore(text, offset);
    if (!skip.test(String.fromCodePoint(codePoint))) return codePoint;
    offset -= codePoint > 0xffff ? 2 : 1;
  }
  return undefined;
}

function codePointBefore(text: string, offset: number): number {
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(offset - 2)!;
  }
  return low;
}

function codePointAfter(text: string, offset: number): number | undefined {
  return offset < text.length ? text.codePointAt(offset) : undefined;
}

const ASCII_NAMES: Record<string, string> = {
  ' ': 'SPACE', '!': 'EXCLAMATION MARK', '"': 'QUOTATION MARK', '#': 'NUMBER SIGN', $: 'DOLLAR SIGN', '%': 'PERCENT SIGN',
  '&': 'AMPERSAND', "'": 'APOSTROPHE', '(': 'LEFT PARENTHESIS', ')': 'RIGHT PARENTHESIS', '*': 'ASTERISK', '+': 'PLUS SIGN',
  ',': 'COMMA', '-': 'HYPHEN-MINUS', '.': 'FULL STOP', '/': 'SOLIDUS', ':': 'COLON', ';': 'SEMICOLON', '<': 'LESS-THAN SIGN',
  '=': 'EQUALS SIGN', '>': 'GREATER-THAN SIGN', '?': 'QUESTION MARK', '@': 'COMMERCIAL AT', '[': 'LEFT SQUARE BRACKET',
  '\\': 'REVERSE SOLIDUS', ']': 'RIGHT SQUARE BRACKET', '^': 'CIRCUMFLEX ACCENT', _: 'LOW LINE', '`': 'GRAVE ACCENT',
  '{': 'LEFT CURLY BRACKET', '|': 'VERTICAL LINE', '}': 'RIGHT CURLY BRACKET', '~': 'TILDE',
};
const DIGITS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];

/** The Unicode name of a printable ASCII character (tags are named after them). */
function asciiName(code: number): string {
  const ch = String.fromCharCode(code);
  if (ch >= 'A' && ch <= 'Z') return `LATIN CAPITAL LETTER ${ch}`;
  if (ch >= 'a' && ch <= 'z') return `LATIN SMALL LETTER ${ch.toUpperCase()}`;
  if (ch >= '0' && ch <= '9') return `DIGIT ${DIGITS[code - 48]}`;
  return ASCII_NAMES[ch] ?? 'UNKNOWN';
}
