import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvSyntaxError, readCsv } from './csv.read';

type Read = { records: [string[], number][]; error: { message: string; line: number } | null };

/** Every record with its line, and the error that ended the reading if any. */
function read(text: string): Read {
  const records: [string[], number][] = [];
  try {
    readCsv(text, (cells, line) => records.push([[...cells], line]));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { records, error: { message: error.message, line: error.line } };
  }
  return { records, error: null };
}

/** The oracle: csv-parse with the options the import used before this reader. */
function csvParse(text: string): Read {
  const records: [string[], number][] = [];
  const onRecord = (record: string[], context: { lines: number }) => {
    records.push([record, context.lines]);
    return null;
  };
  try {
    parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, on_record: onRecord });
  } catch (error) {
    const { message, lines } = error as { message: string; lines: number };
    return { records, error: { message, line: lines } };
  }
  return { records, error: null };
}

const ok = (...records: [string[], number][]): Read => ({ records, error: null });

describe('readCsv', () => {
  describe('given well-formed CSV', () => {
    it('given LF lines, then each record comes with the line it ends on', () => {
      expect(read('a,b\n1,2\n3,4\n')).toEqual(ok([['a', 'b'], 1], [['1', '2'], 2], [['3', '4'], 3]));
    });

    it('given CRLF lines, then the CR is no part of the last cell', () => {
      expect(read('a,b\r\n1,2\r\n')).toEqual(ok([['a', 'b'], 1], [['1', '2'], 2]));
    });

    it('given no line break after the last record, then it is read all the same', () => {
      expect(read('a,b\n1,2')).toEqual(ok([['a', 'b'], 1], [['1', '2'], 2]));
    });

    it('given a BOM, then it is no part of the first cell', () => {
      expect(read('\ufeffpatient_id,x\nP1,y\n')).toEqual(ok([['patient_id', 'x'], 1], [['P1', 'y'], 2]));
    });

    it('given quoted cells with commas, doubled quotes and line breaks, then they are the cells, the record ending on its last line', () => {
      expect(read('a,b\n"x, y","say ""hi"""\n"one\ntwo",z\nlast,1\n')).toEqual(
        ok([['a', 'b'], 1], [['x, y', 'say "hi"'], 2], [['one\ntwo', 'z'], 4], [['last', '1'], 5]),
      );
    });

    it('given empty cells, quoted empty cells and a trailing comma, then each is an empty string', () => {
      expect(read('a,,b\n"",x,\n,')).toEqual(ok([['a', '', 'b'], 1], [['', 'x', ''], 2], [['', ''], 3]));
    });

    it('given empty lines, then they are skipped but counted; a line of "" is a record of one empty cell', () => {
      expect(read('a\n\n\nb\n')).toEqual(ok([['a'], 1], [['b'], 4]));
      expect(read('a\r\n\r\n""\r\n')).toEqual(ok([['a'], 1], [[''], 3]));
    });

    it('given records of different lengths, then each keeps its own cells (the caller judges them)', () => {
      expect(read('a,b\n1\n1,2,3\n')).toEqual(ok([['a', 'b'], 1], [['1'], 2], [['1', '2', '3'], 3]));
    });

    it('given nothing, or a BOM and line breaks only, then there is no record', () => {
      expect(read('')).toEqual(ok());
      expect(read('\ufeff\n\n')).toEqual(ok());
    });
  });

  describe('given the line breaks csv-parse treats its own way', () => {
    it('given a CRLF inside quotes, then it counts as two lines (as csv-parse counted)', () => {
      expect(read('a\r\n"x\r\ny"\r\nb\r\n')).toEqual(ok([['a'], 1], [['x\r\ny'], 4], [['b'], 5]));
    });

    it('given a file whose first break is LF, then a CR outside quotes is a character of its cell', () => {
      expect(read('a\nb\r\nc\n')).toEqual(ok([['a'], 1], [['b\r'], 3], [['c'], 4]));
    });

    it('given a file whose first break is CRLF, then a lone LF outside quotes is a character of its cell', () => {
      expect(read('a\r\nb\nc\r\n')).toEqual(ok([['a'], 1], [['b\nc'], 3]));
    });

    it('given a file whose first break is a lone CR, then CR ends records and LF is a character', () => {
      expect(read('a\rb\r\nc\r')).toEqual(ok([['a'], 1], [['b'], 2], [['\nc'], 4]));
    });
  });

  describe('given text that is not CSV', () => {
    it('given a quote never closed, then the error names the last line, after the records before it', () => {
      expect(read('a,b\n1,2\n3,"4\n')).toEqual({
        records: [[['a', 'b'], 1], [['1', '2'], 2]],
        error: { message: 'Quote Not Closed: the parsing is finished with an opening quote at line 3', line: 3 },
      });
    });

    it('given a quote inside an unquoted cell, then it is an invalid opening quote on that field and line', () => {
      expect(read('a,b\n1,x"y\n')).toEqual({
        records: [[['a', 'b'], 1]],
        error: { message: 'Invalid Opening Quote: a quote is found on field 1 at line 2, value is "x"', line: 2 },
      });
    });

    it('given text after a closing quote, then it is an invalid closing quote naming that character', () => {
      expect(read('a\n"x"y\n')).toEqual({
        records: [[['a'], 1]],
        error: {
          message: 'Invalid Closing Quote: got "y" at line 2 instead of delimiter, record delimiter, trimable character (if activated) or comment',
          line: 2,
        },
      });
    });

    it('given a character outside ASCII after a closing quote, then it is named by its first UTF-8 byte, as csv-parse did', () => {
      expect(read('"x"é').error).toEqual({
        message: 'Invalid Closing Quote: got "\u00c3" at line 1 instead of delimiter, record delimiter, trimable character (if activated) or comment',
        line: 1,
      });
    });

    it('given a second BOM before a quote, then the opening quote error says so', () => {
      expect(read('\ufeff\ufeff"x"').error).toEqual({ message: 'Invalid Opening Quote: a quote is found on field 0 at line 1, value is "\ufeff" (utf8 bom)', line: 1 });
    });
  });

  describe('against csv-parse as an oracle', () => {
    // Texts made of the characters that matter to CSV, and a few that do not, so that every state of
    // the reader meets every character: quotes, commas, each kind of break, BOMs, non-ASCII.
    const pieces = ['a', 'b', 'é', '😀', ' ', ',', ',', '"', '"', '""', '\n', '\n', '\r\n', '\r', '\ufeff'];
    const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));
    // Well-formed CSV of random cells, quoted when needed or at random, joined by one kind of break.
    const cell = fc.array(fc.constantFrom('x', 'y', ',', '"', '\n', '\r\n', ' ', 'é', ''), { maxLength: 5 }).map((parts) => parts.join(''));
    const wellFormed = fc
      .tuple(fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 4 }), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
      .map(([rows, eol, bom, finalBreak]) => {
        const quote = (text: string, always: boolean) => (always || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
        const body = rows.map((row) => row.map(([text, always]) => quote(text, always)).join(',')).join(eol);
        return `${bom ? '\ufeff' : ''}${body}${finalBreak ? eol : ''}`;
      });

    it('given any text of CSV characters, then records, lines and errors are those of csv-parse', () => {
      fc.assert(fc.property(texts, (text) => expect(read(text)).toEqual(csvParse(text))), { numRuns: 5000 });
    });

    it('given well-formed CSV, then it reads without error exactly what csv-parse reads', () => {
      fc.assert(
        fc.property(wellFormed, (text) => {
          const result = read(text);
          expect(result.error).toBeNull();
          expect(result).toEqual(csvParse(text));
        }),
        { numRuns: 2000 },
      );
    });
  });
});
