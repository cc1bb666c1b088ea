import { escapeHtml, escapeXml } from '../../src/http/html';

describe('escaping text for markup', () => {
  it('turns the five markup characters into numeric references for HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>Q&A</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;Q&#38;A&#60;/a&#62;');
    expect(escapeHtml('plain text')).toBe('plain text');
  });

  it('uses named entities for XML and drops the characters XML 1.0 forbids', () => {
    expect(escapeXml(`<b>"Tom's" & co</b>`)).toBe('&lt;b&gt;&quot;Tom&apos;s&quot; &amp; co&lt;/b&gt;');
    expect(escapeXml('bell\u0007 tab\t newline\n form\u000C end\uFFFF')).toBe('bell tab\t newline\n form end');
  });
});
