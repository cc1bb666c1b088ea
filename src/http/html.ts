// The one place text is escaped for markup written by hand (Handlebars escapes its own output).
import { MARK_END, MARK_START } from '../domain/highlight';

/** Text made safe for HTML content and attribute values: & < > " ' become numeric character references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text made safe for an XML document (the Atom feed): named entities, and the characters XML 1.0 forbids dropped. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!)
      // Characters XML 1.0 forbids would make the whole document unreadable.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  );
}

/** Escapes a highlighted text, then turns its marks into <mark> elements. */
export function snippetHtml(marked: string): string {
  return escapeHtml(marked).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
