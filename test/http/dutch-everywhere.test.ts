import request from 'supertest';
import { messages, type MessageKey } from '../../src/messages';
import { paths } from '../../src/http/urls';
import { testApp, type TestApp } from '../helpers/app';
import { decode } from '../helpers/desk';
import { insertInboxItem } from '../../src/inbox/inbox.repository';

// Issue 10: "the Dutch UI shows no English interface text on any page or error". With the interface in
// Dutch, signed in as an admin (who sees every desk page) on the seeded database, this walks every page and sends every desk form
// with bad input; a page fails on a message key, an English message of the catalogue, or an English
// interface word. What people wrote (claims, names, titles: the seed's content) is taken out first.

let t: TestApp;
let editor: TestApp;
beforeAll(async () => {
  t = await testApp({ signedInAs: 'admin' });
  editor = await testApp({ signedInAs: 'editor' });
});
afterAll(async () => {
  expect([t.errors, editor.errors]).toEqual([[], []]);
  await t.db.destroy();
  await editor.db.destroy();
});

const DUTCH = 'lang=nl';
const get = (url: string) => request(t.app).get(url).set('Cookie', DUTCH);
const post = (url: string, body: Record<string, string | string[]>) =>
  request(t.app)
    .post(url)
    .set('Cookie', DUTCH)
    .type('form')
    .send(new URLSearchParams(flatten(body)).toString());

function flatten(body: Record<string, string | string[]>): [string, string][] {
  return Object.entries(body).flatMap(([name, value]) =>
    Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value]],
  );
}

// ---- what counts as English interface text -------------------------------------------------------

const keys = new Set(Object.keys(messages.en));
const { en, nl } = messages;
const wordCount = (s: string) => s.trim().split(/\s+/).length;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The English texts that Dutch says otherwise, as patterns: `{name}` and ICU plurals match anything.
const englishMessages = (Object.keys(en) as MessageKey[])
  .filter((key) => en[key] !== nl[key] && !/[{}]/.test(en[key].replace(/\{\w+\}/g, '')) && wordCount(en[key].replace(/\{\w+\}/g, '')) >= 2)
  .map((key) => ({
    key,
    pattern: new RegExp(
      en[key]
        .split(/\{\w+\}/)
        .map((part) => escapeRe(part.trim()))
        .filter(Boolean)
        .join('[\\s\\S]{0,200}?'),
    ),
  }));

// Words and phrases of the English interface that have no business on a Dutch page.
const ENGLISH_WORDS = [
  'Please',
  'must',
  'is required',
  'Not found',
  'No such',
  'There is no',
  'Nothing was saved',
  'Save',
  'Delete',
  'Choose',
  'Pick',
  'does not exist',
  'cannot be',
  'already',
  'at most',
  'Only editors',
  'Reporters',
  'Your role',
  'The request',
  'Try again',
  'Paste',
  'Sign in',
  'Something went wrong',
  'The',
  'This',
  'These',
  'There',
  'Your',
  'Reload',
  'again',
  'only',
  'should',
  'cannot',
].map((w) => ({ word: w, pattern: new RegExp(`(?<![\\w-])${escapeRe(w)}(?![\\w-])`) }));

let content: string[] = [];

/** What the seed's people wrote: removed from a page before looking for English. */
async function loadContent(): Promise<string[]> {
  const db = t.db;
  const texts = [
    ...(await db.selectFrom('claim').select(['text', 'quote', 'said_where', 'verdict_rationale']).execute()).flatMap((r) =>
      Object.values(r),
    ),
    ...(await db.selectFrom('claimant').select(['name', 'description']).execute()).flatMap((r) => Object.values(r)),
    ...(await db.selectFrom('source').select(['outlet', 'title']).execute()).flatMap((r) => Object.values(r)),
    ...(await db.selectFrom('citation').select(['excerpt']).execute()).map((r) => r.excerpt),
    ...(await db.selectFrom('dispute').select(['question', 'summary']).execute()).flatMap((r) => Object.values(r)),
    ...(await db.selectFrom('topic').select(['name']).execute()).map((r) => r.name),
    ...(await db.selectFrom('claim_link').select(['note']).execute()).map((r) => r.note),
    ...(await db.selectFrom('revision').select(['reason']).execute()).map((r) => r.reason),
    ...(await db.selectFrom('promise_outcome_revision').select(['rationale']).execute()).map((r) => r.rationale),
  ];
  return [...new Set(texts.filter((s): s is string => typeof s === 'string' && s.trim().length > 2))].sort((a, b) => b.length - a.length);
}

/** The interface text of a page: tags, scripts, typed values and other-language passages gone, content cut out. */
function interfaceText(html: string): string {
  let s = /<body[\s\S]*<\/body>/.exec(html)?.[0] ?? html;
  s = s
    .replace(/<(script|style|textarea|datalist|blockquote|q|cite|code|pre)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
    // Passages marked as another language: content, or the language switch's "English".
    .replace(/<(\w+)\b[^>]*\blang="(?!nl)[^"]*"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(\w+)\b[^>]*\bclass="[^"]*\bclaim-text\b[^"]*"[^>]*>[\s\S]*?<\/\1>/g, ' ');
  // Attributes people read (title, aria-label, placeholder, alt) stay; the rest of a tag goes.
  s = s.replace(/<[^>]*>/g, (tag) => {
    const said = [...tag.matchAll(/\b(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
    return ` ${said.join(' ')} `;
  });
  s = decode(s).replace(/\s+/g, ' ');
  for (const text of content) {
    const flat = text.replace(/\s+/g, ' ').trim();
    s = s.split(flat).join(' ¶ ');
    // Lists and pickers shorten long texts with "…".
    if (flat.length > 40) s = s.replace(new RegExp(`${escapeRe(flat.slice(0, 40))}[^…]*…`, 'g'), ' ¶ ');
  }
  return s;
}

// schema.org's ClaimReview rating names are English by definition: "ClaimReview rating: 5/6 (“Mostly true”)".
const ALLOWED = /ClaimReview[^“<]*“[^”]*”/g;

/** What is English on a page that should be all Dutch (empty when it is). */
function englishOn(html: string): string[] {
  const text = interfaceText(html).replace(ALLOWED, ' ');
  const found: string[] = [];
  for (const m of text.matchAll(/\b[a-z]+(?:\.[a-zA-Z]+)+\b/g)) if (keys.has(m[0])) found.push(`key ${m[0]}`);
  for (const { key, pattern } of englishMessages) if (pattern.test(text)) found.push(`message ${key}: ${en[key]}`);
  for (const { word, pattern } of ENGLISH_WORDS) {
    const m = pattern.exec(text);
    if (m) found.push(`word "${word}" in …${text.slice(Math.max(0, m.index - 60), m.index + 60)}…`);
  }
  return found;
}

async function expectDutch(label: string, res: { text: string; status: number }): Promise<void> {
  expect(res.status).toBeLessThan(500);
  expect([label, res.text]).toEqual([label, expect.stringContaining('<html lang="nl"')]);
  expect([label, englishOn(res.text)]).toEqual([label, []]);
}

// ---- the seed's records ---------------------------------------------------------------------------

interface Seeded {
  claim: number;
  disputeSide: number;
  claimant: { id: number; slug: string };
  source: number;
  dispute: { id: number; slug: string };
  topic: string;
  outlet: string;
  /** A reader's tip and error report in the inbox (written in Dutch, as a Dutch reader would). */
  inbox: { tip: number; report: number };
}
let seeded: Seeded;

beforeAll(async () => {
  content = await loadContent();
  const claim = await t.db
    .selectFrom('claim')
    .select(['id', 'claimant_id'])
    .where('state', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const dispute = await t.db
    .selectFrom('dispute')
    .select(['id', 'slug', 'claim_a_id'])
    .where('state', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const claimant = await t.db.selectFrom('claimant').select(['id', 'slug']).where('id', '=', claim.claimant_id).executeTakeFirstOrThrow();
  const citation = await t.db.selectFrom('citation').select('source_id').where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
  const topic = await t.db
    .selectFrom('topic')
    .innerJoin('claim_topic', 'claim_topic.topic_id', 'topic.id')
    .select('topic.slug')
    .executeTakeFirstOrThrow();
  seeded = {
    claim: claim.id,
    disputeSide: dispute.claim_a_id,
    claimant,
    source: citation.source_id,
    dispute: { id: dispute.id, slug: dispute.slug },
    topic: topic.slug,
    outlet: 'fox-news',
    inbox: {
      tip: await insertInboxItem(t.db, {
        kind: 'tip',
        text: 'De burgemeester zei dat de brug drie miljoen kostte.',
        url: 'https://example.org/a',
        claim_id: null,
        dispute_id: null,
        email: 'lezer@example.org',
      }),
      report: await insertInboxItem(t.db, {
        kind: 'error_report',
        text: 'De datum klopt niet.',
        url: null,
        claim_id: claim.id,
        dispute_id: null,
        email: null,
      }),
    },
  };
});

// ---- reading a form as a browser sends it --------------------------------------------------------

/** The fields of the first POST form on a page (or the one posting to `action`), as a browser would send them. */
function formFields(html: string, action?: string): Record<string, string | string[]> {
  const forms = [...html.matchAll(/<form\b[^>]*method="post"[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
  const form = forms.find((f) => action === undefined || f.includes(`action="${action}"`));
  if (!form) throw new Error(`No form${action ? ` posting to ${action}` : ''}`);
  const out: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const was = out[name];
    out[name] = was === undefined ? value : Array.isArray(was) ? [...was, value] : [was, value];
  };
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (!name) continue;
    const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag)) continue;
    if (type === 'submit') continue;
    add(decode(name), decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? ''));
  }
  for (const m of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(decode(m[1]!), decode(m[2]!));
  for (const m of form.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2]!) ?? /<option value="([^"]*)"/.exec(m[2]!);
    add(decode(m[1]!), decode(selected?.[1] ?? ''));
  }
  return out;
}

/** Every field emptied, hidden ones (the version) kept. */
function blanked(fields: Record<string, string | string[]>, keep: string[] = ['version', '_csrf']): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, keep.includes(name) ? value : Array.isArray(value) ? value.map(() => '') : '']),
  );
}

// ---- the walk ---------------------------------------------------------------------------------------

describe('the Dutch interface', () => {
  it('catches English: the check itself fails on an English page', () => {
    expect(englishOn('<html lang="nl"><body><p>The claim is required.</p></body></html>')).not.toEqual([]);
    expect(englishOn('<html lang="nl"><body><p>desk.flash.saved</p></body></html>')).toEqual(['key desk.flash.saved']);
    expect(englishOn('<html lang="nl"><body><p>De bewering is verplicht.</p></body></html>')).toEqual([]);
  });

  it('shows every reader page in Dutch', async () => {
    const pages = [
      paths.home(),
      paths.disputes(),
      paths.claims(),
      paths.claimsFiltered('verdict', 'false'),
      paths.dispute(seeded.dispute.slug),
      paths.claim(seeded.claim),
      paths.claimHistory(seeded.claim),
      paths.claimant(seeded.claimant.slug),
      paths.source(seeded.source),
      paths.outlet(seeded.outlet),
      paths.topic(seeded.topic),
      paths.methodology(),
      paths.corrections(),
      paths.promises(),
      paths.promisesFiltered('outcome', 'pending'),
      paths.openData(),
      paths.searchFor('aid'),
      paths.searchFor('"unclosed'),
      paths.searchFor('zzzzqqq'),
      paths.suggest(),
      paths.reportClaim(seeded.claim),
      paths.reportDispute(seeded.dispute.slug),
      paths.thanks('tip'),
      paths.thanks('error_report'),
    ];
    for (const url of pages) await expectDutch(url, await get(url));
  });

  it('shows reader errors in Dutch: 404s and a bad filter', async () => {
    for (const url of ['/no/such/page', paths.claim(99999999), paths.claimant('nobody'), paths.outlet('no-such-outlet')]) {
      const res = await get(url);
      expect([url, res.status]).toEqual([url, 404]);
      await expectDutch(url, res);
    }
    await expectDutch('bad page number', await get('/claims?page=abc'));
    await expectDutch('bad date', await get('/claims?from=yesterday'));
  });

  it('shows every desk page in Dutch', async () => {
    const promise = (await t.db.selectFrom('claim').select('id').where('kind', '=', 'promise').executeTakeFirstOrThrow()).id;
    const pages = [
      paths.desk(),
      paths.deskDue(),
      paths.deskClaim(promise),
      paths.deskClaimOutcome(promise),
      paths.deskClaims(),
      paths.deskNewClaim(),
      paths.deskClaim(seeded.claim),
      paths.deskClaimHistory(seeded.claim),
      paths.deskClaimants(),
      paths.deskNewClaimant(),
      paths.deskClaimant(seeded.claimant.id),
      paths.deskSources(),
      paths.deskNewSource(),
      paths.deskSource(seeded.source),
      paths.deskDisputes(),
      paths.deskNewDispute(),
      paths.deskDispute(seeded.dispute.id),
      paths.deskDisputeHistory(seeded.dispute.id),
      paths.deskImport(),
      paths.deskUsers(),
      paths.deskTokens(),
      paths.deskInbox(),
      paths.deskInboxItem(seeded.inbox.tip),
      paths.deskInboxItem(seeded.inbox.report),
    ];
    for (const url of pages) {
      const res = await get(url);
      expect([url, res.status]).toEqual([url, 200]);
      await expectDutch(url, res);
    }
    await expectDutch('login', await request(t.rawApp).get(paths.login()).set('Cookie', DUTCH));
    await expectDutch('desk 404', await get(paths.deskClaim(99999999)));
    await expectDutch('desk 404, not a number', await get('/desk/sources/abc'));
    const forbidden = await request(editor.app).get(paths.deskUsers()).set('Cookie', DUTCH);
    expect(forbidden.status).toBe(403);
    await expectDutch('403 for an editor', forbidden);
  });

  it('says what is wrong with every desk form in Dutch', async () => {
    const forms: Array<[string, string]> = [
      [paths.deskNewClaim(), paths.deskNewClaim()],
      [paths.deskClaim(seeded.claim), paths.deskClaim(seeded.claim)],
      [paths.deskNewClaimant(), paths.deskNewClaimant()],
      [paths.deskClaimant(seeded.claimant.id), paths.deskClaimant(seeded.claimant.id)],
      [paths.deskNewSource(), paths.deskNewSource()],
      [paths.deskSource(seeded.source), paths.deskSource(seeded.source)],
      [paths.deskNewDispute(), paths.deskNewDispute()],
      [paths.deskDispute(seeded.dispute.id), paths.deskDispute(seeded.dispute.id)],
      [paths.deskClaim(seeded.claim), paths.deskClaimLinks(seeded.claim)],
      [paths.deskUsers(), paths.deskUsers()],
      [paths.deskTokens(), paths.deskTokens()],
      [paths.deskImport(), paths.deskImport()],
      [paths.suggest(), paths.suggest()],
      [paths.reportClaim(seeded.claim), paths.report()],
      [paths.deskInboxItem(seeded.inbox.tip), paths.deskInboxAccept(seeded.inbox.tip)],
      [paths.deskInboxItem(seeded.inbox.tip), paths.deskInboxDecline(seeded.inbox.tip)],
      [paths.deskInboxItem(seeded.inbox.tip), paths.deskInboxDuplicate(seeded.inbox.tip)],
    ];
    for (const [page, action] of forms) {
      const fields = blanked(formFields((await get(page)).text, action));
      const res = await post(action, fields);
      expect([action, res.status]).toEqual([action, 422]);
      await expectDutch(`blank ${action}`, res);
    }
    const login = await request(t.rawApp).post(paths.login()).set('Cookie', DUTCH).type('form').send({ email: '', password: '' });
    await expectDutch('blank login', login);
  });

  it('says what is wrong with bad values and broken rules in Dutch', async () => {
    const claimForm = formFields((await get(paths.deskNewClaim())).text, paths.deskNewClaim());
    const bad = await post(paths.deskNewClaim(), {
      ...claimForm,
      claimant_id: '999999',
      new_claimant_name: 'Someone new',
      text: 'x'.repeat(5001),
      quote: '',
      quote_language: 'not a language',
      said_on: '2025-02-30',
      kind: 'statement',
      review_due_on: '2025-13-01',
      topics: 'x'.repeat(81),
      verdict: 'false',
      verdict_rationale: '',
      state: 'nonsense',
      link_to_claim: 'the one about aid',
    });
    expect(bad.status).toBe(422);
    await expectDutch('bad claim', bad);

    const rules = await post(paths.deskNewClaim(), {
      ...claimForm,
      claimant_id: '999999',
      text: 'A claim',
      kind: 'statement',
      review_due_on: '2025-12-01',
      quote_language: 'nl',
      verdict: 'unverified',
      state: 'draft',
    });
    await expectDutch('claim rules', rules);
    const gone = await post(paths.deskNewClaim(), { ...claimForm, claimant_id: '999999', text: 'A claim', state: 'draft' });
    await expectDutch('claimant gone', gone);

    const sourceForm = formFields((await get(paths.deskNewSource())).text, paths.deskNewSource());
    const badSource = await post(paths.deskNewSource(), {
      ...sourceForm,
      outlet: 'Outlet',
      title: 'Title',
      url: 'javascript:alert(1)',
      published_on: 'yesterday',
      language: '??',
    });
    expect(badSource.status).toBe(422);
    await expectDutch('bad source', badSource);

    const disputeForm = formFields((await get(paths.deskNewDispute())).text, paths.deskNewDispute());
    const sameSides = await post(paths.deskNewDispute(), {
      ...disputeForm,
      question: 'Same?',
      slug: 'Not A Slug!',
      claim_a: String(seeded.claim),
      claim_b: String(seeded.claim),
    });
    expect(sameSides.status).toBe(422);
    await expectDutch('dispute sides', sameSides);
    const takenSlug = await post(paths.deskNewDispute(), {
      ...disputeForm,
      question: 'Taken?',
      slug: seeded.dispute.slug,
      claim_a: String(seeded.claim),
      claim_b: String(seeded.disputeSide === seeded.claim ? seeded.claim + 1 : seeded.disputeSide),
    });
    await expectDutch('dispute slug taken', takenSlug);

    const selfLink = await post(paths.deskClaimLinks(seeded.claim), { type: 'contradicts', to_claim: String(seeded.claim), note: '' });
    expect(selfLink.status).toBe(422);
    await expectDutch('link to itself', selfLink);

    const user = await post(paths.deskUsers(), { email: 'not an address', display_name: 'X', role: 'boss', password: 'short' });
    expect(user.status).toBe(422);
    await expectDutch('bad user', user);
  });

  it('refuses deletes that would break the record graph in Dutch', async () => {
    const deletes = [
      paths.deskClaimantDelete(seeded.claimant.id),
      paths.deskSourceDelete(seeded.source),
      paths.deskClaimDelete(seeded.disputeSide),
    ];
    for (const url of deletes) {
      const res = await post(url, {});
      expect([url, res.status]).toEqual([url, 409]);
      await expectDutch(url, res);
    }
  });

  it('shows the version conflict page, a lost form and a refused form in Dutch', async () => {
    const fields = formFields((await get(paths.deskClaim(seeded.claim))).text, paths.deskClaim(seeded.claim));
    const stale = await post(paths.deskClaim(seeded.claim), { ...fields, version: String(Number(fields.version) + 7) });
    expect(stale.status).toBe(409);
    await expectDutch('version conflict', stale);

    const noVersion = await post(paths.deskClaim(seeded.claim), { ...fields, version: '' });
    expect(noVersion.status).toBe(422);
    await expectDutch('missing version', noVersion);

    const forged = await request(t.app)
      .post(paths.deskNewClaimant())
      .set('Cookie', DUTCH)
      .set('X-CSRF-Token', 'forged')
      .type('form')
      .send({ name: 'X', kind: 'person' });
    expect(forged.status).toBe(403);
    await expectDutch('csrf', forged);

    const json = await request(t.app).post(paths.deskNewClaimant()).set('Cookie', DUTCH).send({ name: 'X' });
    expect(json.status).toBe(415);
    await expectDutch('json to the desk', json);
  });

  it('answers the API in Dutch when asked: field messages and rule violations', async () => {
    const invalid = await request(t.app)
      .post('/api/v1/claims')
      .set('Accept-Language', 'nl')
      .send({ text: '', verdict: 'false', review_due_on: 'soon', citations: [{ source_id: 'x', role: 'quoted' }] });
    expect(invalid.status).toBe(422);
    const fields = invalid.body.error.fields as Record<string, string>;
    expect(fields.text).toBe('De bewering is verplicht.');
    expect(fields.claimant_id).toBe('Kies wie het zei, of typ de naam van een nieuwe bron van de bewering.');
    for (const [name, message] of Object.entries(fields))
      expect([name, englishOn(`<html lang="nl"><body>${message}</body></html>`)]).toEqual([name, []]);

    const english = await request(t.app).post('/api/v1/claims').send({ text: '' }).expect(422);
    expect(english.body.error.fields.text).toBe('The claim is required.');

    const sides = await request(t.app)
      .post('/api/v1/disputes')
      .set('Cookie', DUTCH)
      .send({ question: 'Q?', claim_a: seeded.claim, claim_b: 99999999 });
    expect(sides.status).toBe(422);
    expect(sides.body.error.fields.claim_b).toBe('Deze bewering bestaat niet.');
  });
});
