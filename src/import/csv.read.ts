/**
 * A CSV reader (RFC 4180: comma, double quotes, doubled quotes inside quotes) made for the import:
 * it hands over each record with the line it ends on and keeps nothing else, so reading a
 * bundle's two million records costs a pass over the text and one array of cells a record.
 * It replaces csv-parse there, which built an info object a record (`on_record`'s context) and
 * spent a third of the import's check doing so; csv-parse stays the reader of everything else.
 *
 * It reads what csv-parse 7 read for the import (`bom`, `relax_column_count`, `skip_empty_lines`,
 * quotes not relaxed), record for record, line for line and error for error (csv.read.spec.ts checks
 * it against csv-parse over generated texts), quirks included, so that no bundle reads differently:
 * - a leading BOM is dropped;
 * - the first line break outside quotes (CRLF, LF or CR) is the record delimiter from then on; another
 *   kind of break outside quotes is a character of its cell;
 * - lines are counted per CR and per LF, except the LF of a CRLF record delimiter: a CRLF inside
 *   quotes counts as two;
 * - a line with nothing on it is skipped (a line `""` is a record of one empty cell); records may have
 *   any number of cells (the caller compares them with its header).
 * Pure: text in, records out.
 */

/** A text that is not CSV, at the line csv-parse would have named, with csv-parse's message. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** The record delimiter, once the first line break outside quotes has shown it. */
const enum Delimiter {
  Unknown,
  Lf,
  CrLf,
  Cr,
}

/**
 * Calls `onRecord` with each record's cells and the (1-based) line the record ends on, in order.
 * Throws CsvSyntaxError at the first text that is not CSV, after the records before it.
 * O(length of the text).
 */
export function readCsv(text: string, onRecord: (cells: string[], line: number) => void): void {
  const end = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let delimiter = Delimiter.Unknown;
  // CR and LF characters passed so far: the line of a position is 1 + breaks
  let breaks = 0;
  let cells: string[] = [];

  /** The length of the record delimiter at `at` (0: none there); the first break outside quotes decides which it is. */
  const delimiterAt = (at: number): number => {
    const c = text.charCodeAt(at);
    if (c !== CR && c !== LF) return 0;
    if (delimiter === Delimiter.Unknown) delimiter = c === LF ? Delimiter.Lf : text.charCodeAt(at + 1) === LF ? Delimiter.CrLf : Delimiter.Cr;
    if (delimiter === Delimiter.Lf) return c === LF ? 1 : 0;
    if (delimiter === Delimiter.Cr) return c === CR ? 1 : 0;
    return c === CR && text.charCodeAt(at + 1) === LF ? 2 : 0;
  };
  // At the end of the text csv-parse has not yet counted a break that is its last character.
  const lineAtEnd = () => 1 + breaks - (end > 0 && isBreak(text.charCodeAt(end - 1)) ? 1 : 0);

  while (pos < end) {
    let cell: string;
    let quoted = false;
    if (text.charCodeAt(pos) === QUOTE) {
      quoted = true;
      cell = '';
      let from = ++pos;
      for (;;) {
        if (pos >= end) throw new CsvSyntaxError(`Quote Not Closed: the parsing is finished with an opening quote at line ${lineAtEnd()}`, lineAtEnd());
        const c = text.charCodeAt(pos);
        if (c === QUOTE) {
          if (text.charCodeAt(pos + 1) === QUOTE) {
            // a doubled quote is one quote of the cell
            cell += text.slice(from, pos + 1);
            pos += 2;
            from = pos;
            continue;
          }
          const next = pos + 1;
          if (next < end && text.charCodeAt(next) !== COMMA && delimiterAt(next) === 0) {
            throw new CsvSyntaxError(
              `Invalid Closing Quote: got "${byteShown(text, next)}" at line ${1 + breaks} instead of delimiter, record delimiter, trimable character (if activated) or comment`,
              1 + breaks,
            );
          }
          cell += text.slice(from, pos);
          pos = next;
          break;
        }
        if (c === CR || c === LF) breaks += 1;
        pos += 1;
      }
    } else {
      const from = pos;
      for (; pos < end; pos++) {
        const c = text.charCodeAt(pos);
        if (c === COMMA) break;
        if (c === QUOTE) {
          const value = text.slice(from, pos);
          const bom = value === '\ufeff' ? ' (utf8 bom)' : '';
          throw new CsvSyntaxError(`Invalid Opening Quote: a quote is found on field ${cells.length} at line ${1 + breaks}, value is ${JSON.stringify(value)}${bom}`, 1 + breaks);
        }
        if (c === CR || c === LF) {
          if (delimiterAt(pos) !== 0) break;
          breaks += 1; // a break of the other kind: a character of the cell
        }
      }
      cell = text.slice(from, pos);
    }
    // the cell ends at a comma, a record delimiter or the end of the text
    if (pos >= end) {
      cells.push(cell);
      onRecord(cells, lineAtEnd());
      return;
    }
    if (text.charCodeAt(pos) === COMMA) {
      cells.push(cell);
      pos += 1;
      if (pos === end) {
        // a trailing comma: the record ends with an empty cell
        cells.push('');
        onRecord(cells, lineAtEnd());
        return;
      }
      continue;
    }
    const length = delimiterAt(pos);
    if (cells.length > 0 || cell !== '' || quoted) {
      cells.push(cell);
      onRecord(cells, 1 + breaks);
      cells = [];
    }
    breaks += 1;
    pos += length;
  }
}

const isBreak = (c: number) => c === CR || c === LF;

/**
 * The character at `at` as csv-parse names it: it reads bytes, so a character outside ASCII shows as
 * the first byte of its UTF-8 form (é as Ã); kept so that the message is the one it gave.
 */
function byteShown(text: string, at: number): string {
  const code = text.codePointAt(at)!;
  if (code < 0x80) return String.fromCharCode(code);
  if (code < 0x800) return String.fromCharCode(0xc0 | (code >> 6));
  if (code < 0x10000) return String.fromCharCode(0xe0 | (code >> 12));
  return String.fromCharCode(0xf0 | (code >> 18));
}
