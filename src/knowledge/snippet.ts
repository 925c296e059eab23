/**
 * Snippets are HTML that is safe by construction: the passage's text is escaped whole, then the
 * matched words are wrapped in <mark></mark>. The database marks matches with two control
 * characters it first removes from the passage, so a document cannot forge a highlight, and
 * its own `<mark>` or `<script>` arrives as text.
 */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char]);

/** Text whose matches are delimited by MATCH_START/MATCH_END, as escaped HTML with <mark> tags. */
export function renderSnippet(marked: string): string {
  let html = '';
  let open = false;
  let from = 0;
  for (let at = 0; at <= marked.length; at++) {
    const char = marked[at];
    if (at < marked.length && char !== MATCH_START && char !== MATCH_END) continue;
    html += escapeHtml(marked.slice(from, at));
    from = at + 1;
    if (char === MATCH_START && !open) html += '<mark>';
    if (char === MATCH_END && open) html += '</mark>';
    if (char === MATCH_START) open = true;
    if (char === MATCH_END) open = false;
  }
  return open ? `${html}</mark>` : html;
}
