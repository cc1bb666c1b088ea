import request from 'supertest';
import { z } from 'zod';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const api = (path: string) => `/api/v1${path}`;

interface Operation {
  parameters?: Array<{ name: string; in: string; schema: Record<string, unknown>; description?: string }>;
  responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }>;
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  security?: unknown[];
}
interface Doc {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const openApi = async (): Promise<Doc> => (await request(t.rawApp).get(api('/openapi.json')).expect(200)).body as Doc;

/** The documented schema of a 2xx answer, its `$ref`s resolved, as a zod schema that parses the answer. */
function answerSchema(doc: Doc, path: string, method: string): z.ZodType {
  const op = doc.paths[path]![method]!;
  const ok = Object.keys(op.responses).find((s) => s.startsWith('2'))!;
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: string }).$ref;
    if (ref) return resolve(doc.components.schemas[ref.replace('#/components/schemas/', '')]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
  };
  return z.fromJSONSchema(resolve(op.responses[ok]!.content!['application/json'].schema) as Parameters<typeof z.fromJSONSchema>[0]);
}

describe('OpenAPI document: what it says', () => {
  it('names the newsroom once and says how writes are authorised, today', async () => {
    const doc = await openApi();
    expect(doc.info.title).toBe('Test Desk API');
    expect(doc.info.description).not.toMatch(/once accounts exist/);
    expect(doc.info.description).toContain('Authorization: Bearer');
    expect(doc.info.description).toContain('http://gainsay.test/desk/tokens');
  });

  it('documents 401 and 403 on every write, and a typed record (not a bare object) on every answer with a body', async () => {
    const doc = await openApi();
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method !== 'get' && !(op.responses['401'] && op.responses['403'])) problems.push(`${method} ${path}: no 401/403`);
        const ok = Object.entries(op.responses).find(([s]) => s.startsWith('2'))![1];
        if (!ok.content) continue;
        const data = (ok.content['application/json'].schema.properties as Record<string, Record<string, unknown>>).data!;
        const item = (data.items as Record<string, unknown> | undefined) ?? data;
        if (typeof item.$ref !== 'string') problems.push(`${method} ${path}: data is ${JSON.stringify(item)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(
      [
        'Citation',
        'Claim',
        'Claimant',
        'Dispute',
        'Error',
        'InboxItem',
        'Link',
        'Promise',
        'PromiseOutcome',
        'SimilarClaim',
        'Source',
        'Verdict',
      ].sort(),
    );
  });

  it('every answer matches the record schema the document gives it', async () => {
    const doc = await openApi();
    const claimant = (await request(t.app).post(api('/claimants')).send({ name: 'Jane Doe', kind: 'person' }).expect(201)).body;
    expect(answerSchema(doc, '/claimants', 'post').safeParse(claimant).error).toBeUndefined();
    const dispute = await t.db.selectFrom('dispute').select(['id', 'slug']).executeTakeFirstOrThrow();
    const citation = await t.db.selectFrom('citation').select(['id', 'claim_id']).executeTakeFirstOrThrow();
    const link = await t.db.selectFrom('claim_link').select('id').executeTakeFirstOrThrow();
    const source = await t.db.selectFrom('source').select('id').executeTakeFirstOrThrow();
    const reads: Array<[string, string]> = [
      ['/claims', '/claims?per_page=100'],
      ['/claims/{id}', `/claims/${citation.claim_id}`],
      ['/claims/{id}/citations', `/claims/${citation.claim_id}/citations`],
      ['/citations/{id}', `/citations/${citation.id}`],
      ['/claimants', '/claimants?per_page=100'],
      ['/claimants/{id}', `/claimants/${claimant.data.id}`],
      ['/sources', '/sources'],
      ['/sources/{id}', `/sources/${source.id}`],
      ['/links', '/links'],
      ['/links/{id}', `/links/${link.id}`],
      ['/disputes', '/disputes'],
      ['/disputes/{id}', `/disputes/${dispute.id}`],
      ['/disputes/by-slug/{slug}', `/disputes/by-slug/${dispute.slug}`],
      ['/verdicts', '/verdicts'],
    ];
    for (const [documented, path] of reads) {
      const body = (await request(t.app).get(api(path)).expect(200)).body;
      expect([path, answerSchema(doc, documented, 'get').safeParse(body).error?.issues]).toEqual([path, undefined]);
    }
    // The check can fail: a claim in a state the document does not list does not match.
    const one = (
      await request(t.app)
        .get(api(`/claims/${citation.claim_id}`))
        .expect(200)
    ).body;
    one.data.state = 'archived';
    expect(answerSchema(doc, '/claims/{id}', 'get').safeParse(one).success).toBe(false);
  });
});

describe('the verdict scale', () => {
  it('is served at /verdicts, and `verdict` in bodies and filters points there', async () => {
    const scale = (await request(t.rawApp).get(api('/verdicts')).expect(200)).body.data as Array<{ key: string; position: number }>;
    const stored = await t.db.selectFrom('verdict_rating').select('key').orderBy('position').execute();
    expect(scale.map((v) => v.key)).toEqual(stored.map((v) => v.key));
    expect(scale.map((v) => v.key)).toEqual(expect.arrayContaining(['false', 'unverified']));
    const doc = await openApi();
    const verdictOf = (path: string) =>
      (doc.paths[path]!.post!.requestBody!.content['application/json'].schema.properties as Record<string, { description?: string }>)
        .verdict!;
    expect(verdictOf('/claims').description).toContain('GET /verdicts');
    expect(doc.paths['/claims']!.get!.parameters!.find((p) => p.name === 'verdict')!.description).toContain('GET /verdicts');
  });
});

describe('name search on claimants and sources', () => {
  it('`?q=` narrows the list and its total; it is documented', async () => {
    const claimants = (await request(t.rawApp).get(api('/claimants?q=KREM')).expect(200)).body;
    expect(claimants.data.map((c: { slug: string }) => c.slug)).toEqual(['kremlin']);
    expect(claimants.total).toBe(1);
    const all = (await request(t.rawApp).get(api('/claimants')).expect(200)).body;
    expect(all.total).toBeGreaterThan(1);
    // LIKE's wildcards are taken literally.
    expect((await request(t.rawApp).get(api('/claimants?q=%25')).expect(200)).body.total).toBe(0);
    const outlet = await t.db.selectFrom('source').select(['id', 'outlet']).executeTakeFirstOrThrow();
    const sources = (
      await request(t.rawApp)
        .get(api(`/sources?q=${encodeURIComponent(outlet.outlet.slice(0, 4).toLowerCase())}`))
        .expect(200)
    ).body;
    expect(sources.data.map((s: { id: number }) => s.id)).toContain(outlet.id);
    expect((await request(t.rawApp).get(api('/sources?q=no-such-outlet-anywhere')).expect(200)).body).toMatchObject({ data: [], total: 0 });
    const doc = await openApi();
    for (const path of ['/claimants', '/sources']) expect(doc.paths[path]!.get!.parameters!.map((p) => p.name)).toContain('q');
  });
});

describe('a dispute by slug', () => {
  it('GET /disputes/by-slug/{slug} answers the dispute; a draft only to a journalist; an unknown slug is a 404', async () => {
    const dispute = await t.db.selectFrom('dispute').select(['id', 'slug']).executeTakeFirstOrThrow();
    const res = await request(t.rawApp)
      .get(api(`/disputes/by-slug/${dispute.slug}`))
      .expect(200);
    expect(res.body.data).toMatchObject({ id: dispute.id, slug: dispute.slug });
    await t.db.updateTable('dispute').set({ state: 'draft' }).where('id', '=', dispute.id).execute();
    await request(t.rawApp)
      .get(api(`/disputes/by-slug/${dispute.slug}`))
      .expect(404);
    await request(t.app)
      .get(api(`/disputes/by-slug/${dispute.slug}`))
      .expect(200);
    const missing = await request(t.rawApp).get(api('/disputes/by-slug/no-such-dispute')).expect(404);
    expect(missing.body.error.code).toBe('not_found');
    const doc = await openApi();
    expect(doc.paths['/disputes/by-slug/{slug}']!.get!.parameters![0]!.schema).toMatchObject({ type: 'string' });
  });
});
