import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { apiRouter } from '../../src/api/api';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const api = (path: string) => `/api/v1${path}`;

describe('JSON API', () => {
  it('creates, reads, updates, lists and deletes a claimant', async () => {
    const created = await request(t.app).post(api('/claimants')).send({ name: 'Jane Doe', kind: 'person' }).expect(201);
    const id = created.body.data.id;
    expect(created.body.data.slug).toBe('jane-doe');
    await request(t.app)
      .get(api(`/claimants/${id}`))
      .expect(200);
    const updated = await request(t.app)
      .put(api(`/claimants/${id}`))
      .send({ name: 'Jane Q. Doe', kind: 'person' })
      .expect(200);
    expect(updated.body.data.name).toBe('Jane Q. Doe');
    const list = await request(t.app).get(api('/claimants?per_page=2&page=1')).expect(200);
    expect(list.body).toMatchObject({ page: 1, per_page: 2 });
    expect(list.body.data).toHaveLength(2);
    expect(list.body.total).toBeGreaterThan(2);
    await request(t.app)
      .delete(api(`/claimants/${id}`))
      .expect(204);
    await request(t.app)
      .get(api(`/claimants/${id}`))
      .expect(404);
  });

  it('creates a claim with citations, updates it with its version, and detects conflicts', async () => {
    const source = (await request(t.app).post(api('/sources')).send({ outlet: 'Fox News', title: 'Interview' }).expect(201)).body.data;
    const claimant = (await request(t.app).get(api('/claimants')).expect(200)).body.data[0];
    const body = {
      claimant_id: claimant.id,
      text: 'Military aid was not discussed.',
      said_on: '2025-03',
      citations: [{ source_id: source.id, role: 'made_in' }],
      topics: ['Military aid'],
    };
    const claim = (await request(t.app).post(api('/claims')).send(body).expect(201)).body.data;
    expect(claim).toMatchObject({ state: 'draft', said_on: '2025-03-01', said_precision: 'month' });
    expect(claim.citations[0].source.outlet).toBe('Fox News');
    const citations = (
      await request(t.app)
        .get(api(`/claims/${claim.id}/citations`))
        .expect(200)
    ).body.data;
    expect(citations).toHaveLength(1);
    const v = (await t.db.selectFrom('claim').select('version').where('id', '=', claim.id).executeTakeFirstOrThrow()).version;
    await request(t.app)
      .put(api(`/claims/${claim.id}`))
      .send({ ...body, verdict: 'false', verdict_rationale: 'It was.', version: v })
      .expect(200);
    const conflict = await request(t.app)
      .put(api(`/claims/${claim.id}`))
      .send({ ...body, version: v })
      .expect(409);
    expect(conflict.body.error.code).toBe('version_conflict');
    // The body holds the record as stored now, with the version to merge against.
    expect(conflict.body.current).toMatchObject({ id: claim.id, verdict: { key: 'false', rationale: 'It was.' }, version: v + 1 });
    expect(
      (
        await request(t.app)
          .get(api(`/claims/${claim.id}`))
          .expect(200)
      ).body.data.version,
    ).toBe(v + 1);
    expect(await t.db.selectFrom('claim').select('verdict').where('id', '=', claim.id).executeTakeFirstOrThrow()).toEqual({
      verdict: 'false',
    });
    await request(t.app)
      .delete(api(`/claims/${claim.id}`))
      .expect(204);
  });

  it('links claims, frames a dispute, and manages citations', async () => {
    const claims = (await request(t.app).get(api('/claims?per_page=3')).expect(200)).body.data;
    expect(claims).toHaveLength(3);
    const link = (
      await request(t.app).post(api('/links')).send({ from_claim: claims[0].id, to_claim: claims[2].id, type: 'repeats' }).expect(201)
    ).body.data;
    await request(t.app)
      .put(api(`/links/${link.id}`))
      .send({ type: 'supports', note: 'n' })
      .expect(200);
    await request(t.app).post(api('/links')).send({ from_claim: claims[0].id, to_claim: claims[2].id, type: 'supports' }).expect(409);
    await request(t.app)
      .delete(api(`/links/${link.id}`))
      .expect(204);
    const dispute = (
      await request(t.app)
        .post(api('/disputes'))
        .send({ question: 'Who is right?', claim_a: claims[0].id, claim_b: claims[1].id })
        .expect(201)
    ).body.data;
    await request(t.app)
      .put(api(`/disputes/${dispute.id}`))
      .send({ question: 'Who is right, really?', claim_a: claims[0].id, claim_b: claims[1].id, version: dispute.version })
      .expect(200);
    const list = (await request(t.app).get(api('/disputes?claimant=kremlin')).expect(200)).body;
    expect(list.total).toBeGreaterThan(0);
    await request(t.app)
      .delete(api(`/disputes/${dispute.id}`))
      .expect(204);
    const source = (await request(t.app).get(api('/sources')).expect(200)).body.data[0];
    const citation = (
      await request(t.app)
        .post(api(`/claims/${claims[0].id}/citations`))
        .send({ source_id: source.id, role: 'evidence_against' })
        .expect(201)
    ).body.data;
    await request(t.app)
      .put(api(`/citations/${citation.id}`))
      .send({ source_id: source.id, role: 'evidence_for', excerpt: 'x' })
      .expect(200);
    await request(t.app)
      .get(api(`/citations/${citation.id}`))
      .expect(200);
    await request(t.app)
      .delete(api(`/citations/${citation.id}`))
      .expect(204);
  });

  it('answers bad input with { error: { code, message, fields } } and the right status', async () => {
    const invalid = await request(t.app).post(api('/claims')).send({ text: '' }).expect(422);
    expect(invalid.body.error).toMatchObject({ code: 'invalid', message: expect.any(String) });
    expect(Object.keys(invalid.body.error.fields)).toEqual(expect.arrayContaining(['claimant_id', 'text']));
    const ref = await request(t.app).post(api('/claims')).send({ claimant_id: 99999, text: 'x' }).expect(422);
    expect(ref.body.error.fields).toHaveProperty('claimant_id');
    const badJson = await request(t.app).post(api('/claimants')).set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(badJson.body.error).toHaveProperty('fields');
    const inUse = await request(t.app).delete(api('/claimants/1')).expect(409);
    expect(inUse.body.error.code).toBe('conflict');
    await request(t.app).get(api('/claims/abc')).expect(404);
    const nothing = await request(t.app).get(api('/nothing')).expect(404);
    expect(nothing.body.error.code).toBe('not_found');
    await request(t.app).get(api('/claims?page=0')).expect(422);
    await request(t.app).get(api('/claims?from=never')).expect(400);
  });
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const script = `import('@seriousme/openapi-schema-validator').then(async ({ Validator }) => {
      const v = new Validator(); let s = ''; for await (const c of process.stdin) s += c;
      const r = await v.validate(JSON.parse(s)); console.log(JSON.stringify(r)); })`;
    const out = execFileSync(process.execPath, ['-e', script], { input: JSON.stringify(doc), cwd: process.cwd() }).toString();
    expect(JSON.parse(out)).toEqual({ valid: true });
  });

  it('describes the desk schemas truthfully: optional fields are optional, formats are shown', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    const body = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema;
    expect(body('/sources').required).toEqual(['outlet', 'title']);
    expect(body('/sources').properties.url.anyOf[0]).toMatchObject({ format: 'uri' });
    // A day, a month or a year (issue 13): the partial-date pattern that claims' said_on has.
    expect(body('/sources').properties.published_on.anyOf[0]).toMatchObject({ pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$' });
    expect(body('/claims').required).toEqual(['text']);
    expect(body('/claims').description).toContain('needs verdict_rationale');
    expect(body('/disputes').required).toEqual(['question', 'claim_a', 'claim_b']);
    expect(body('/links').required.sort()).toEqual(['from_claim', 'to_claim']);
  });

  it('documents every route registered on the API router', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    const { router } = apiRouter({ db: t.db, config: t.config });
    const registered = (router.stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>)
      .filter((l) => l.route && l.route.path !== '/openapi.json')
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`));
    expect(registered.length).toBeGreaterThan(25);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(registered.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((d) => !registered.includes(d))).toEqual([]);
  });
});
