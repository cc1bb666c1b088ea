import { StringDecoder } from 'node:string_decoder';

// Reads RFC 4180 CSV into records (arrays of cells), chunk by chunk and synchronously within a chunk.
// The import used csv-parse with `columns: true`, which made an object per record and passed each one
// through an async iterator: ~45 µs a row, more than the rest of the import together. This reads the
// same files the same way — the options the import used: a byte-order mark is skipped, the record
// delimiter is the first of \r\n, \n or \r found outside quotes, empty lines are skipped, records may
// have more or fewer cells than the header, nothing is trimmed, a quote only opens a cell, `""` inside
// quotes is one quote — and yields the records of each chunk as one batch.

/** The file is not valid CSV; `row` counts records as a spreadsheet does (the header is row 1). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
/** Strings are read in slices of this many characters, so a big pasted file is not held twice as records. */
const STRING_SLICE = 1 << 18;

type Delimiter = '\r\n' | '\n' | '\r';
const NEED_MORE = -1;

class RecordReader {
  private delimiter: Delimiter | undefined;
  private rest = '';
  /** Records read so far, the header included. */
  private records = 0;

  /** The whole records in `text` (after what was left over last time); the unfinished one waits for more. */
  read(text: string, final: boolean): string[][] {
    const s = this.rest + text;
    const out: string[][] = [];
    let pos = 0;
    for (;;) {
      const next = this.record(s, pos, final, out);
      if (next === NEED_MORE) break;
      pos = next;
      if (pos >= s.length) break;
    }
    // NEED_MORE leaves pos at the start of the unfinished record.
    this.rest = s.slice(pos);
    return out;
  }

  /** 0: no delimiter at i; n: a delimiter of n characters; NEED_MORE: cannot tell before the next chunk. */
  private delimiterAt(s: string, i: number, final: boolean): number {
    const c = s.charCodeAt(i);
    if (c !== CR && c !== LF) return 0;
    if (this.delimiter === undefined) {
      if (c === LF) this.delimiter = '\n';
      else if (i + 1 >= s.length && !final) return NEED_MORE;
      else this.delimiter = s.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
    }
    switch (this.delimiter) {
      case '\n':
        return c === LF ? 1 : 0;
      case '\r':
        return c === CR ? 1 : 0;
      default:
        if (c !== CR) return 0;
        if (i + 1 >= s.length) return final ? 0 : NEED_MORE;
        return s.charCodeAt(i + 1) === LF ? 2 : 0;
    }
  }

  /** Reads one record starting at `start` into `out`; returns where the next begins, or NEED_MORE. */
  private record(s: string, start: number, final: boolean, out: string[][]): number {
    const length = s.length;
    let pos = start;
    // Empty lines are skipped.
    for (;;) {
      if (pos >= length) return final ? pos : NEED_MORE;
      const d = this.delimiterAt(s, pos, final);
      if (d === NEED_MORE) return NEED_MORE;
      if (d === 0) break;
      pos += d;
    }
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (s.charCodeAt(pos) === QUOTE) {
        // A quoted cell: up to the quote that is not doubled; it must be followed by a comma, a delimiter or the end.
        let from = pos + 1;
        cell = '';
        for (;;) {
          const q = s.indexOf('"', from);
          if (q === -1) {
            if (!final) return NEED_MORE;
            throw new CsvSyntaxError(this.records + 1, 'a quoted cell is not closed before the end of the file.');
          }
          if (q + 1 >= length && !final) return NEED_MORE;
          if (s.charCodeAt(q + 1) === QUOTE) {
            cell += s.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          cell += s.slice(from, q);
          pos = q + 1;
          break;
        }
        if (pos < length && s.charCodeAt(pos) !== COMMA) {
          const d = this.delimiterAt(s, pos, final);
          if (d === NEED_MORE) return NEED_MORE;
          if (d === 0) {
            throw new CsvSyntaxError(
              this.records + 1,
              `cell ${cells.length + 1} has ${JSON.stringify(s[pos])} after its closing quote instead of a comma or the end of the line.`,
            );
          }
        }
      } else {
        const from = pos;
        for (; pos < length; pos++) {
          const c = s.charCodeAt(pos);
          if (c === COMMA) break;
          if (c === CR || c === LF) {
            const d = this.delimiterAt(s, pos, final);
            if (d === NEED_MORE) return NEED_MORE;
            if (d !== 0) break;
          } else if (c === QUOTE) {
            throw new CsvSyntaxError(
              this.records + 1,
              `cell ${cells.length + 1} has a quote inside; a cell with quotes must be quoted as a whole ("like ""this""").`,
            );
          }
        }
        if (pos >= length && !final) return NEED_MORE;
        cell = s.slice(from, pos);
      }
      cells.push(cell);
      if (pos >= length) break;
      if (s.charCodeAt(pos) === COMMA) {
        pos++;
        if (pos >= length) {
          if (!final) return NEED_MORE;
          cells.push('');
          break;
        }
        continue;
      }
      pos += this.delimiterAt(s, pos, final);
      break;
    }
    this.records++;
    out.push(cells);
    return pos;
  }
}

async function* chunksOf(input: AsyncIterable<Buffer | string> | string): AsyncGenerator<string> {
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i += STRING_SLICE) yield input.slice(i, i + STRING_SLICE);
    return;
  }
  let decoder: StringDecoder | undefined;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    // A UTF-16 file (Excel's "Unicode text") says so with its byte-order mark; anything else is UTF-8.
    decoder ??= new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
    yield decoder.write(chunk);
  }
  if (decoder) yield decoder.end();
}

/**
 * The records of a CSV file or text, a batch per chunk read (the header is the first record).
 * Throws CsvSyntaxError where the text stops being CSV, after yielding the records before it.
 */
export async function* csvRecordBatches(input: AsyncIterable<Buffer | string> | string): AsyncGenerator<string[][]> {
  const reader = new RecordReader();
  let first = true;
  for await (let text of chunksOf(input)) {
    if (first && text.length) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const records = reader.read(text, false);
    if (records.length) yield records;
  }
  const records = reader.read('', true);
  if (records.length) yield records;
}
