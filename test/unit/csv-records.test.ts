import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { csvRecordBatches, CsvSyntaxError } from '../../src/imports/csv-records';
import { prng } from '../helpers/random';

// The import's CSV reader must read files as csv-parse did with the import's old options; this holds it
// to csv-parse on hand-picked and generated texts, read whole and in chunks cut anywhere (inside a
// quote, between \r and \n, inside a multi-byte character).

const random = prng(4180);

type Outcome = { records: string[][] } | { error: true };

function csvParse(text: string): Outcome {
  try {
    return { records: parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) };
  } catch {
    return { error: true };
  }
}

async function ours(input: string | Buffer[]): Promise<Outcome & { before?: string[][] }> {
  const records: string[][] = [];
  try {
    for await (const batch of csvRecordBatches(typeof input === 'string' ? input : Readable.from(input))) records.push(...batch);
    return { records };
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { error: true, before: records };
  }
}

function cuts(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(random() * 6);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function expectSame(text: string) {
  const expected = csvParse(text);
  const whole = await ours(text);
  const chunked = await ours(cuts(text));
  if ('error' in expected) {
    expect({ text, error: 'error' in whole }).toEqual({ text, error: true });
    expect({ text, error: 'error' in chunked }).toEqual({ text, error: true });
  } else {
    expect({ text, ...whole }).toEqual({ text, ...expected });
    expect({ text, ...chunked }).toEqual({ text, ...expected });
  }
}

const CASES = [
  '',
  'a',
  'a,b',
  'a,b\n',
  'a,b\r\n',
  'a,b\r',
  'a,\n',
  ',',
  ',,\n,',
  '\n\na,b\n\n\nc,d\n\n',
  'a,b\r\nc,d\r\n',
  'a,b\r\nc\nd,e\r\n',
  'a,b\nc\rd,e\n',
  'a,b\rc,d\r',
  'a\r\n\r\nb',
  '"a","b"\n',
  '"a,b","c\nd"\r\n"e""f",g',
  '""',
  '""\n""',
  '"",""',
  'a,""\n',
  '"a""',
  '"a"b',
  'a"b',
  '"a" ,b',
  '"unclosed',
  'x,"unclosed\n',
  '"a"\r\n',
  '"a"\rb',
  '"a"\nb',
  'a,"b"\r\nc',
  '\ufeffid,text\n1,é',
  'é,ü\n"ß,""x""",€\n',
  '"a\r\nb"\n',
  'a,b,c\nd\ne,f,g,h\n',
  '" "," a "',
  ' a , b ',
];

describe('csvRecordBatches', () => {
  it('reads hand-picked texts as csv-parse does', async () => {
    for (const text of CASES) await expectSame(text);
  });

  it('reads generated texts as csv-parse does, whole and in chunks', async () => {
    const alphabet = ['a', 'b', 'é', '€', ',', ',', '"', '""', '\n', '\r\n', '\r', ' ', '\ufeff'];
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(random() * 24);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      await expectSame(text);
    }
  });

  it('reads well-formed generated files as csv-parse does, in chunks cut anywhere', async () => {
    const cell = () => {
      const parts = ['x', 'é', ',', '"', '\n', '\r\n', ' ', '€'];
      let v = '';
      for (let i = Math.floor(random() * 6); i > 0; i--) v += parts[Math.floor(random() * parts.length)];
      return /[",\r\n]/.test(v) || random() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v;
    };
    for (let n = 0; n < 300; n++) {
      const eol = ['\n', '\r\n', '\r'][n % 3]!;
      const lines = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 4) }, cell).join(','),
      );
      await expectSame(lines.join(eol) + (random() < 0.5 ? eol : ''));
    }
  });

  it('names the record where the text stops being CSV, after yielding the records before it', async () => {
    const result = await ours('a,b\nc,d\ne,"f\n');
    expect(result).toMatchObject({
      error: true,
      before: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    });
    await expect(async () => {
      for await (const _ of csvRecordBatches('a,b\nc,d"\n')) void _;
    }).rejects.toMatchObject({ row: 2, message: expect.stringContaining('quote') });
  });

  it('reads a UTF-16 file that starts with its byte-order mark', async () => {
    const text = '\ufeffclaimant,text\r\nKremlin,"Pause, then talks"\r\n';
    const records = await ours([Buffer.from(text, 'utf16le')]);
    expect(records).toEqual({
      records: [
        ['claimant', 'text'],
        ['Kremlin', 'Pause, then talks'],
      ],
    });
  });
});
