import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app));

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

function csvRows(text: string): Array<Record<string, string>> {
  return parse(text, { columns: true, bom: true });
}

async function publishedCount(claimant?: string) {
  let q = t.db
    .selectFrom('claim as c')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.state', '<>', 'draft');
  if (claimant) q = q.where('p.slug', '=', claimant);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('CSV twin of /claims', () => {
  it('has a header row of the documented columns, CRLF lines and a filename', async () => {
    const res = await request(t.app).get('/claims.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="claims.csv"');
    expect(res.text.split('\r\n')[0]).toBe(
      'id,url,claimant,claimant_slug,claimant_kind,said_on,said_precision,said_where,kind,review_due_on,text,quote,quote_language,topics,verdict,verdict_label,verdict_rationale,state,disputes,sources,citations_json,links_json,disputes_json,created_at,updated_at',
    );
    expect(res.text.charCodeAt(0)).not.toBe(0xfeff);
    const rows = csvRows(res.text);
    expect(rows).toHaveLength(await publishedCount());
    expect(rows[0]!.url).toBe(`http://gainsay.test/claims/${rows[0]!.id}`);
  });

  it('adds a BOM with ?bom=1 so Excel reads UTF-8', async () => {
    const res = await request(t.app).get('/claims.csv?bom=1').buffer(true).parse(binary).expect(200);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes cells the RFC 4180 way', async () => {
    await t.db.updateTable('claim').set({ said_where: 'a "quoted", multi\nline place' }).where('id', '=', 1).execute();
    const res = await request(t.app).get('/claims.csv').expect(200);
    expect(res.text).toContain('"a ""quoted"", multi\nline place"');
    const row = csvRows(res.text).find((r) => r.id === '1')!;
    expect(row.said_where).toBe('a "quoted", multi\nline place');
  });

  it('neutralises cells that a spreadsheet would run as a formula', async () => {
    const evil = ['=HYPERLINK("http://evil")', '+1+2', '-3', '@SUM(A1)', '\tx', '\rx', "'=already"];
    for (const [i, text] of evil.entries()) {
      await t.db
        .updateTable('claim')
        .set({ said_where: text })
        .where('id', '=', i + 1)
        .execute();
    }
    const rows = csvRows((await request(t.app).get('/claims.csv').expect(200)).text);
    for (const [i, text] of evil.entries()) {
      expect(rows.find((r) => r.id === String(i + 1))!.said_where).toBe(`'${text}`);
    }
  });

  it('returns every row of the filtered view, not one page', async () => {
    const claimant = await t.db.selectFrom('claimant').select('id').where('slug', '=', 'kremlin').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await t.db
      .insertInto('claim')
      .values(
        Array.from({ length: 150 }, (_, i) => ({
          claimant_id: claimant.id,
          text: `Bulk claim ${i}`,
          state: 'published',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const rows = csvRows((await request(t.app).get('/claims.csv?claimant=kremlin').expect(200)).text);
    expect(rows.length).toBe(await publishedCount('kremlin'));
    expect(rows.length).toBeGreaterThan(150);
  });

  it('never exports drafts', async () => {
    await t.db.updateTable('claim').set({ state: 'draft' }).where('id', '=', 1).execute();
    await t.db.updateTable('dispute').set({ state: 'draft' }).execute();
    const res = await request(t.app).get('/claims.csv').expect(200);
    const rows = csvRows(res.text);
    expect(rows.map((r) => r.id)).not.toContain('1');
    expect(rows.every((r) => r.disputes === '' && r.disputes_json === '[]')).toBe(true);
    expect(csvRows((await request(t.app).get('/disputes.csv').expect(200)).text)).toEqual([]);
  });

  it('answers a bad filter with 400 naming it', async () => {
    const res = await request(t.app).get('/claims.json?from=yesterday').expect(400);
    expect(res.body.error).toMatchObject({ code: 'bad_filter', message: expect.stringContaining('The parameter “from” is not valid') });
    expect(res.body.error.fields).toHaveProperty('from');
    await request(t.app).get('/claims.csv?q=%22open').expect(400);
  });
});

describe('every format applies the same filters', () => {
  it('csv, json, md and xlsx hold the same rows for ?claimant=donald-trump', async () => {
    const expected = await publishedCount('donald-trump');
    expect(expected).toBeGreaterThan(0);
    const csv = csvRows((await request(t.app).get('/claims.csv?claimant=donald-trump').expect(200)).text);
    expect(csv.map((r) => r.claimant_slug)).toEqual(Array(expected).fill('donald-trump'));

    const json = (await request(t.app).get('/claims.json?claimant=donald-trump').expect(200)).body;
    expect(json.kind).toBe('claims');
    expect(json.filters).toEqual({ claimant: 'donald-trump' });
    expect(json.total).toBe(expected);
    expect(json.rows.map((r: { id: number }) => String(r.id))).toEqual(csv.map((r) => r.id));

    const md = (await request(t.app).get('/claims.md?claimant=donald-trump').expect(200)).text;
    expect(md.trim().split('\n')).toHaveLength(expected + 2);

    const xlsx = await request(t.app).get('/claims.xlsx?claimant=donald-trump').buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    expect(wb.worksheets[0]!.rowCount).toBe(expected + 1);
  });

  it('filters the dispute list too', async () => {
    const all = csvRows((await request(t.app).get('/disputes.csv').expect(200)).text);
    const trump = csvRows((await request(t.app).get('/disputes.csv?claimant=donald-trump').expect(200)).text);
    expect(trump.length).toBeGreaterThan(0);
    expect(trump.length).toBeLessThan(all.length);
    expect(trump.every((d) => d.claimant_a === 'Donald Trump' || d.claimant_b === 'Donald Trump')).toBe(true);
    const json = (await request(t.app).get('/disputes.json?claimant=donald-trump').expect(200)).body;
    expect(json.total).toBe(trump.length);
  });
});

describe('XLSX twin', () => {
  it('is a real workbook with a frozen header, date cells and hyperlinks', async () => {
    const res = await request(t.app).get('/claims.xlsx').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="claims.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const row = sheet.getRow(2);
    expect(row.getCell(col('said_on')).value).toBeInstanceOf(Date);
    expect(row.getCell(col('created_at')).value).toBeInstanceOf(Date);
    const url = row.getCell(col('url')).value as { hyperlink: string; text: string };
    expect(url.hyperlink).toMatch(/^http:\/\/gainsay\.test\/claims\/\d+$/);
  });

  it('keeps formula-like text as text: the CSV rule, read back from the workbook', async () => {
    const starts = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3+4', '@SUM(1,2)', '\t=1+1', '\r=1+1', "'=already"];
    const ids = (
      await t.db.selectFrom('claim').select('id').where('state', '<>', 'draft').orderBy('id').limit(starts.length).execute()
    ).map((r) => r.id);
    for (const [i, text] of starts.entries()) {
      await t.db
        .updateTable('claim')
        .set({ text, said_where: text, verdict_rationale: `${text} (rationale)` })
        .where('id', '=', ids[i]!)
        .execute();
    }
    const res = await request(t.app).get('/claims.xlsx').buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const csv = csvRows((await request(t.app).get('/claims.csv').expect(200)).text);
    let formulas = 0;
    sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
    for (const [i, text] of starts.entries()) {
      const row = sheet.getRow(csv.findIndex((r) => r.id === String(ids[i])) + 2);
      expect(row.getCell(col('id')).value).toBe(ids[i]);
      for (const name of ['text', 'said_where']) {
        const cell = row.getCell(col(name));
        // (XML reads a raw CR as a line feed: exceljs writes it unescaped.)
        expect([text, cell.type, cell.value]).toEqual([text, ExcelJS.ValueType.String, `'${text}`.replace('\r', '\n')]);
      }
      expect(row.getCell(col('verdict_rationale')).value).toBe(`'${text} (rationale)`.replace('\r', '\n'));
      // The same cells as the CSV export.
      expect(row.getCell(col('said_where')).value).toBe(csv.find((r) => r.id === String(ids[i]))!.said_where!.replace('\r', '\n'));
    }
    // Other text is left as it is.
    const plain = csv.find((r) => !ids.includes(Number(r.id)))!;
    expect(sheet.getRow(csv.indexOf(plain) + 2).getCell(col('text')).value).toBe(plain.text);
    expect(plain.text).not.toMatch(/^'/);
  });
});

describe('Markdown twin', () => {
  it('escapes pipes and newlines so the table holds', async () => {
    await t.db.updateTable('claim').set({ said_where: 'left | right\nnext line' }).where('id', '=', 1).execute();
    const md = (await request(t.app).get('/claims.md').expect(200)).text;
    expect(md).toContain('left \\| right<br>next line');
    const lines = md.trim().split('\n');
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    expect(lines.every((l) => cells(l) === cells(lines[0]!))).toBe(true);
  });

  it('makes hostile cells inert: no HTML, entity, link, image or code span of their own', async () => {
    const hostile = {
      said_where: 'MARK <script>alert(1)</script> <img src=x onerror=alert(1)> <https://evil.example> Q&A',
      text: '[official source](javascript:alert(1)) ![pixel](http://evil.example/p.png) [ref][1] `code | span`',
      verdict_rationale: 'back\\slash \\| &lt;b&gt; &#60;i&#62;\r\nnext <br> line',
    };
    await t.db.updateTable('claim').set(hostile).where('id', '=', 1).execute();
    const md = (await request(t.app).get('/claims.md').expect(200)).text;
    const lines = md.trim().split('\n');
    const row = lines.find((l) => l.includes('MARK'))!;
    // Every character a renderer acts on is escaped; the only tag is the line break the writer adds.
    const unescaped = row.replace(/\\./g, '');
    expect(unescaped).not.toMatch(/[[`]|&#?[a-z0-9]+;/i);
    expect(unescaped.replace(/<br>/g, '')).not.toContain('<');
    // The table holds: the hostile row has as many cells as the header.
    const cells = (line: string) => line.replace(/\\./g, '').split('|').length;
    expect(cells(row)).toBe(cells(lines[0]!));
    // And the cells still read as typed: undoing the escapes gives the text back.
    const unescape = (cell: string) => cell.replace(/\\(.)|<br>/g, (_, escaped?: string) => escaped ?? '\n');
    const parts = row.slice(2, -2).split(/ (?<!\\)\| /);
    const header = lines[0]!.slice(2, -2).split(' | ');
    const cell = (name: string) => unescape(parts[header.indexOf(name)]!);
    expect(cell('said_where')).toBe(hostile.said_where);
    expect(cell('text')).toBe(hostile.text);
    expect(cell('verdict_rationale')).toBe(hostile.verdict_rationale.replace('\r\n', '\n'));
  });
});

describe('single-record .json pages', () => {
  it('serve a claim with the same shape as the list rows', async () => {
    const list = (await request(t.app).get('/claims.json').expect(200)).body;
    const first = list.rows[0];
    const one = (await request(t.app).get(`/claims/${first.id}.json`).expect(200)).body;
    expect(one.claim).toEqual(first);
  });

  it('serve disputes, claimants, sources and topics, and 404 as JSON', async () => {
    const disputes = (await request(t.app).get('/disputes.json').expect(200)).body;
    const d = (await request(t.app).get(`/disputes/${disputes.rows[0].slug}.json`).expect(200)).body;
    expect(d.dispute).toEqual(disputes.rows[0]);
    const c = (await request(t.app).get('/claimants/kremlin.json').expect(200)).body;
    expect(c.claimant).toMatchObject({ slug: 'kremlin', url: 'http://gainsay.test/claimants/kremlin' });
    expect(c.claimant.claim_count).toBeGreaterThan(0);
    const topic = (await request(t.app).get('/topics/military-aid.json').expect(200)).body;
    expect(topic.topic.name).toBe('Military aid');
    const s = (await request(t.app).get('/sources/1.json').expect(200)).body;
    expect(s.source.citations.length).toBeGreaterThan(0);
    const missing = await request(t.app).get('/claims/99999.json').expect(404);
    expect(missing.body.error.code).toBe('not_found');
    await request(t.app).get('/claimants/nobody.json').expect(404);
    // The same ids as the HTML pages: no hexadecimal, exponent or padded spellings of an id.
    for (const id of ['0x1', '1e0', '01', '+1']) {
      await request(t.app).get(`/claims/${id}.json`).expect(404);
      await request(t.app).get(`/sources/${id}.json`).expect(404);
    }
  });

  it('hide drafts', async () => {
    await t.db.updateTable('claim').set({ state: 'draft' }).where('id', '=', 1).execute();
    await request(t.app).get('/claims/1.json').expect(404);
  });
});
