import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app));

// Editor's notes that must never reach a reader: "(outlet not named in seed)", "(title not given in seed)".
const PLACEHOLDER = /\bseed\b|\([^)<]*\bnot (given|named|known)\b[^)<]*\)/i;

/** The visible text of a page: no markup, scripts or styles. */
const visible = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the seed dataset reads as published work', () => {
  it('names the Dutch report as a newsroom would print it on the Kremlin–Trump dispute', async () => {
    const page = await request(t.app).get('/disputes/did-putin-ask-trump-to-stop-military-aid-to-kyiv').expect(200);
    expect(visible(page.text)).not.toMatch(PLACEHOLDER);
    expect(page.text).toMatch(
      /<a href="\/sources\/\d+">Dutch press — <cite lang="nl">News report on Trump’s calls with Putin and Zelensky, with commentary by foreign editor Matthijs van Schie<\/cite><\/a>/,
    );
  });

  it('shows the outlet facet of /disputes and /claims with the outlet’s name, not a note', async () => {
    for (const path of ['/disputes', '/claims']) {
      const page = await request(t.app).get(path).expect(200);
      expect(visible(page.text)).not.toMatch(PLACEHOLDER);
      const outlets = [...page.text.matchAll(/data-facet="outlet" data-value="([^"]*)">([^<]*)<\/a> <span class="count">(\d+)<\/span>/g)];
      expect(outlets.map((m) => m[2])).toEqual(['Dutch press', 'Fox News']);
    }
    const outlet = await request(t.app).get('/outlets/dutch-press').expect(200);
    expect(outlet.text).toContain('<h1>Outlet: Dutch press</h1>');
    expect(visible(outlet.text)).not.toMatch(PLACEHOLDER);
  });
});
