/**
 * Text into HTML strings. React escapes what it renders, but a few places build markup as a string
 * (ECharts tooltip formatters render their result as HTML): every user text that reaches such a string
 * goes through escapeHtml first. Numbers formatted by us need no escaping; names, titles and any free
 * text always do.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The text with & < > " ' written as entities: safe inside element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
