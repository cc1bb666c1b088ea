// Private-use characters mark highlights in search snippets (src/db/sqlite-fts.ts puts them in), so user
// text can be escaped before <mark> is added (snippetHtml in src/http/html.ts).
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
