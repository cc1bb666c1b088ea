import request from 'supertest';
import { importClaimsCsv } from '../../src/imports/csv-import';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { controlTag, decode, fieldError, postForm, shownValue } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const claimantId = async (slug: string) =>
  (await t.db.selectFrom('claimant').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const aliasesOf = async (id: number) =>
  (await t.db.selectFrom('claimant_alias').select('name').where('claimant_id', '=', id).orderBy('id').execute()).map((r) => r.name);
const claimantCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('claimant')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('claimant aliases on the desk', () => {
  it('shows and edits "Also known as", one per line, dropping repeats and the own name', async () => {
    const id = await claimantId('volodymyr-zelensky');
    const page = (await request(t.app).get(`/desk/claimants/${id}`).expect(200)).text;
    expect(controlTag(page, 'f-aliases')).toMatch(/^<textarea/);
    expect(shownValue(page, 'f-aliases')).toContain('Zelenskyj');
    await postForm(t.app, `/desk/claimants/${id}`, {
      name: 'Volodymyr Zelensky',
      kind: 'person',
      slug: 'volodymyr-zelensky',
      description: 'President of Ukraine.',
      aliases: 'Zelenskyj\nzelenskyj\n\nVolodymyr Zelensky\nЗеленський',
    }).expect(303);
    expect(await aliasesOf(id)).toEqual(['Zelenskyj', 'Зеленський']);
  });

  it("refuses an alias that names another claimant, naming them, in the user's language; nothing saved", async () => {
    const id = await claimantId('donald-trump');
    const res = await postForm(t.app, `/desk/claimants/${id}?lang=nl`, {
      name: 'Donald Trump',
      kind: 'person',
      slug: 'donald-trump',
      description: '',
      aliases: 'Trump\nPoetin',
    }).expect(422);
    expect(decode(fieldError(res.text, 'f-aliases') ?? '')).toBe(
      '‘Poetin’ is al een naam van Vladimir Putin: een naam kan maar naar één bron van beweringen wijzen.',
    );
    expect(await aliasesOf(id)).toEqual(['Trump', 'Donald J. Trump', 'Donald John Trump']);
    // Another claimant's own name is refused as well.
    const named = await postForm(t.app, `/desk/claimants/${id}`, { name: 'Donald Trump', kind: 'person', aliases: 'kremlin' }).expect(422);
    expect(decode(fieldError(named.text, 'f-aliases') ?? '')).toContain('“kremlin” already names Kremlin');
  });

  it('finds the claimant by an alias instead of making a twin: new claimant typed on the claim form, a new claimant', async () => {
    const before = await claimantCount();
    const res = await postForm(t.app, '/desk/claims/new', {
      new_claimant_name: 'Zelenskyj',
      new_claimant_kind: 'person',
      text: 'A claim by an alias.',
      kind: 'statement',
      verdict: 'unverified',
      state: 'draft',
    }).expect(303);
    const id = Number(/\/desk\/claims\/(\d+)/.exec(res.headers.location!)![1]);
    const claim = await t.db.selectFrom('claim').select('claimant_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect(claim.claimant_id).toBe(await claimantId('volodymyr-zelensky'));
    expect(await claimantCount()).toBe(before);
    const twin = await postForm(t.app, '/desk/claimants/new', { name: 'Poetin', kind: 'person' }).expect(422);
    expect(decode(fieldError(twin.text, 'f-name') ?? '')).toContain('Vladimir Putin');
  });

  it('puts aliases in the desk pickers: the claimant select and the claim picker', async () => {
    const page = decode((await request(t.app).get('/desk/claims/new').expect(200)).text);
    expect(page).toMatch(/<option value="\d+"[^>]*>Volodymyr Zelensky \(also: Zelensky, Zelenskyy, Volodymyr Zelenskyy, Zelenskyj/);
    const disputeForm = decode((await request(t.app).get('/desk/disputes/new').expect(200)).text);
    expect(disputeForm).toMatch(
      /<option value="#\d+ — Volodymyr Zelensky: [^"]*" label="#\d+ — Volodymyr Zelensky: [^"]* \(also: Zelensky, [^"]*Zelenskyj/,
    );
  });
});

describe('claimant aliases in the API and the importer', () => {
  it('reads and writes aliases, and ?q= finds a claimant by an alias, accents ignored', async () => {
    const created = await request(t.app)
      .post('/api/v1/claimants')
      .send({ name: 'Emmanuel Macron', kind: 'person', aliases: ['Macron', 'Président Macron'] })
      .expect(201);
    expect(created.body.data.aliases).toEqual(['Macron', 'Président Macron']);
    const read = await request(t.app).get(`/api/v1/claimants/${created.body.data.id}`).expect(200);
    expect(read.body.data.aliases).toEqual(['Macron', 'Président Macron']);
    const found = await request(t.app).get('/api/v1/claimants').query({ q: 'zelenskyj' }).expect(200);
    expect(found.body.data.map((c: { slug: string }) => c.slug)).toEqual(['volodymyr-zelensky']);
    expect((await request(t.app).get('/api/v1/claimants').query({ q: 'president macron' }).expect(200)).body.data).toHaveLength(1);
    const taken = await request(t.app)
      .post('/api/v1/claimants')
      .send({ name: 'Someone', kind: 'person', aliases: ['Poetin'] })
      .expect(409);
    expect(Object.keys(taken.body.error.fields)).toEqual(['aliases']);
    // A claim whose new claimant is an alias goes to that claimant.
    const claim = await request(t.app)
      .post('/api/v1/claims')
      .send({ new_claimant_name: 'Poetin', text: 'Said through the API.' })
      .expect(201);
    expect(claim.body.data.claimant.slug ?? claim.body.data.claimant_id).toBeDefined();
    const row = await t.db.selectFrom('claim').select('claimant_id').where('id', '=', claim.body.data.id).executeTakeFirstOrThrow();
    expect(row.claimant_id).toBe(await claimantId('vladimir-putin'));
  });

  it('the importer matches claimants by alias and makes no twin', async () => {
    const before = await claimantCount();
    const csv = [
      'claimant,claimant_kind,said_on,text,verdict,verdict_rationale,state,topics',
      'Zelenskyj,person,2025-03-19,Imported by alias,unverified,,draft,Staakt-het-vuren',
    ].join('\n');
    const report = await importClaimsCsv(t.db, csv, { baseUrl: 'http://gainsay.test' });
    expect(report.errors).toEqual([]);
    expect(await claimantCount()).toBe(before);
    const claim = await t.db
      .selectFrom('claim')
      .select(['id', 'claimant_id'])
      .where('text', '=', 'Imported by alias')
      .executeTakeFirstOrThrow();
    expect(claim.claimant_id).toBe(await claimantId('volodymyr-zelensky'));
  });
});

describe('"Also known as" for readers, and topic aliases on the desk', () => {
  it('shows a claimant’s aliases on their page and in its .json twin', async () => {
    const page = (await request(t.app).get('/claimants/volodymyr-zelensky').expect(200)).text;
    expect(page).toMatch(/<p class="aka">Also known as: Zelensky, Zelenskyy, [^<]*Zelenskyj/);
    const nl = (await request(t.app).get('/claimants/volodymyr-zelensky?lang=nl').expect(200)).text;
    expect(nl).toContain('Ook bekend als: Zelensky');
    const json = await request(t.app).get('/claimants/volodymyr-zelensky.json').expect(200);
    expect(json.body.claimant.aliases).toContain('Zelenskyj');
    const topic = (await request(t.app).get('/topics/ceasefire').expect(200)).text;
    expect(topic).toContain('Also known as: Staakt-het-vuren');
  });

  it('edits a topic’s aliases; a claim typed with a topic alias gets that topic, not a twin', async () => {
    const ceasefire = await t.db.selectFrom('topic').selectAll().where('slug', '=', 'ceasefire').executeTakeFirstOrThrow();
    const list = (await request(t.app).get('/desk/topics').expect(200)).text;
    expect(list).toContain(`<a href="/desk/topics/${ceasefire.id}">Ceasefire</a>`);
    await postForm(t.app, `/desk/topics/${ceasefire.id}`, { aliases: 'Staakt-het-vuren\nBestand' }).expect(303);
    const form = (await request(t.app).get(`/desk/topics/${ceasefire.id}`).expect(200)).text;
    expect(shownValue(form, 'f-aliases')).toBe('Staakt-het-vuren\nBestand');
    const refused = await postForm(t.app, `/desk/topics/${ceasefire.id}`, { aliases: 'Vredesbesprekingen' }).expect(422);
    expect(decode(fieldError(refused.text, 'f-aliases') ?? '')).toContain('Peace talks');
    const topics = await t.db.selectFrom('topic').select('id').execute();
    const claim = await addClaim(t.db, 'kremlin', { topics: ['bestand', 'Ceasefire'] });
    expect(await t.db.selectFrom('topic').select('id').execute()).toHaveLength(topics.length);
    expect(await t.db.selectFrom('claim_topic').select('topic_id').where('claim_id', '=', claim.id).execute()).toEqual([
      { topic_id: ceasefire.id },
    ]);
  });
});
