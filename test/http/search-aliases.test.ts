import request from 'supertest';
import { insertClaimant } from '../../src/claimants/claimant.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { decode } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app));

const search = async (q: string, lang = 'en') => (await request(t.app).get('/search').query({ q, lang }).expect(200)).text;
const namedBlock = (html: string) => {
  const start = html.indexOf('class="named"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};
const didYouMean = (html: string) => /<p class="did-you-mean">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
const suggested = (html: string) => [...didYouMean(html).matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => decode(m[2]!));

describe('search forgives spelling: aliases', () => {
  it('finds a claimant by an alias — the usual Dutch spelling — and shows their claims', async () => {
    const html = await search('zelenskyj');
    const named = namedBlock(html);
    expect(named).toContain('<a href="/claimants/volodymyr-zelensky">Volodymyr Zelensky</a>');
    expect(named).toContain('Also known as Zelenskyj');
    const zelensky = await t.db
      .selectFrom('claim')
      .innerJoin('claimant', 'claimant.id', 'claim.claimant_id')
      .select('claim.id')
      .where('claimant.slug', '=', 'volodymyr-zelensky')
      .execute();
    for (const c of zelensky) expect(named).toContain(`href="/claims/${c.id}"`);
    expect(html).not.toContain('Nothing found');
    // The other names are searched too: claims whose text says "Zelensky" are results.
    expect(html).toMatch(/<ol class="search-results">[\s\S]*Zelensky/);
  });

  it('ignores accents and case in aliases, and knows Poetin is Putin and Staakt-het-vuren is Ceasefire', async () => {
    expect(namedBlock(await search('ZELÉNSKYJ'))).toContain('/claimants/volodymyr-zelensky');
    expect(namedBlock(await search('Poetin'))).toContain('<a href="/claimants/vladimir-putin">Vladimir Putin</a>');
    const ceasefire = namedBlock(await search('staakt-het-vuren', 'nl'));
    expect(ceasefire).toContain('<a href="/topics/ceasefire">Ceasefire</a>');
    expect(ceasefire).toContain('Ook bekend als Staakt-het-vuren');
  });

  it('suggests close names, aliases and topics when nothing is found ("Did you mean …")', async () => {
    const html = await search('zelenkyj');
    expect(html).toContain('Nothing found for “zelenkyj”');
    const names = suggested(html);
    expect(names).toContain('Zelenskyj');
    expect(decode(didYouMean(html))).toContain(`href="/search?q=Zelenskyj"`);
    expect(suggested(await search('Poetn'))).toContain('Poetin');
    expect(suggested(await search('ceasfire'))).toContain('Ceasefire');
    expect(suggested(await search('witkof'))).toContain('Witkoff');
    const nl = await search('zelenkyj', 'nl');
    expect(nl).toContain('Bedoelde je');
    // Nothing close: no suggestion line at all.
    expect(didYouMean(await search('xylophone'))).toBe('');
  });

  it('never names or suggests a claimant whose claims are all drafts, and shows aliases as text', async () => {
    const hidden = await insertClaimant(t.db, { name: 'Secret Source', kind: 'person', aliases: ['Hushhush <b>Person</b>'] });
    await t.db
      .insertInto('claim')
      .values({
        claimant_id: hidden.id,
        text: 'Draft only',
        kind: 'statement',
        verdict: 'unverified',
        state: 'draft',
        version: 1,
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    expect(namedBlock(await search('hushhush'))).toBe('');
    expect(suggested(await search('hushhosh'))).toEqual([]);
    await addClaim(t.db, 'kremlin'); // unrelated
    await t.db.updateTable('claim').set({ state: 'published' }).where('claimant_id', '=', hidden.id).execute();
    const shown = namedBlock(await search('hushhush'));
    expect(shown).toContain('Also known as Hushhush &lt;b&gt;Person&lt;/b&gt;');
  });
});
