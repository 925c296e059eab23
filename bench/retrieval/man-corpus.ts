/**
 * The retrieval benchmark's corpus: manual pages installed on this machine, rendered with
 * `man` and turned into Markdown (section titles become headings, each paragraph one line).
 * Nothing of it is committed; a page that is not installed is simply absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import type { CorpusDocument } from './corpus-document';

const MAN_ROOT = '/usr/share/man';
/** Wide lines and no hyphenation, so a phrase is never split by the renderer. */
const RENDER_ENV = { ...process.env, MANWIDTH: '200', LANG: 'C', LC_ALL: 'C', MAN_KEEP_FORMATTING: '' };

/** A character then a backspace: how `man` prints bold and underline to a terminal. */
const OVERSTRIKE = new RegExp(`.${String.fromCharCode(8)}`, 'g');

/** Markdown's inline syntax is escaped: a manual page is text, not markup. */
const escapeMarkdown = (line: string): string => line.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`);
const escapeLeading = (line: string): string => line.replace(/^([-+=]|\d+[.)])/, '\\$1');

/** Renders one page to plain text, or null when `man` cannot (not installed, or an alias of nothing). */
function render(page: string, section: string): string | null {
  try {
    const raw = execFileSync('man', ['--nh', '--nj', '-E', 'ascii', '-P', 'cat', section, page], {
      env: RENDER_ENV,
      maxBuffer: 32 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString('latin1');
    // Overstrike sequences (bold, underline) that `col -b` would remove.
    return raw.replace(OVERSTRIKE, '');
  } catch {
    return null;
  }
}

/** Rendered manual text to Markdown: column-0 lines are sections, 3-space lines subsections. */
export function manToMarkdown(page: string, text: string): string {
  const lines = text.split('\n').slice(1, -2); // drop the running header and footer
  const out: string[] = [`# ${page}`];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push('', escapeLeading(escapeMarkdown(paragraph.join(' '))));
    paragraph = [];
  };
  for (const line of lines) {
    if (!line.trim()) {
      flush();
    } else if (/^\S/.test(line)) {
      flush();
      out.push('', `## ${escapeMarkdown(line.trim())}`);
    } else if (/^ {3}\S/.test(line) && line.trim().length < 80) {
      flush();
      out.push('', `### ${escapeMarkdown(line.trim())}`);
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return `${out.join('\n')}\n`;
}

/** Pages of section 1 and 8 installed here, sorted: the pool the filler documents come from. */
export function installedPages(): Array<{ page: string; section: string }> {
  const pages: Array<{ page: string; section: string }> = [];
  for (const section of ['1', '8']) {
    const directory = `${MAN_ROOT}/man${section}`;
    if (!existsSync(directory)) continue;
    const files = readdirSync(directory);
    for (const file of files) {
      const match = /^([A-Za-z0-9][\w.+-]*)\.\d\w*(\.gz)?$/.exec(file);
      if (match) pages.push({ page: match[1], section });
    }
  }
  return pages.sort((a, b) => a.page.localeCompare(b.page));
}

/**
 * The corpus: every page a question names, then filler pages spread evenly over what is
 * installed until `size` documents, so the answers hide among unrelated manuals.
 */
export function buildCorpus(questionPages: string[], size: number): { documents: CorpusDocument[]; missing: string[] } {
  const documents: CorpusDocument[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const seenText = new Set<string>();
  const add = (page: string, section: string): boolean => {
    if (seen.has(page)) return true;
    const text = render(page, section);
    if (!text || text.length < 500 || seenText.has(text)) return false;
    seen.add(page);
    seenText.add(text);
    // The page's name, e.g. `tar`, is the document's title.
    documents.push({ key: page, title: page, filename: `${page}.md`, content: Buffer.from(manToMarkdown(page, text)) });
    return true;
  };
  for (const page of questionPages) if (!add(page, '1') && !add(page, '8')) missing.push(page);
  const pool = installedPages();
  const step = Math.max(1, Math.floor(pool.length / size));
  for (let i = 0; i < pool.length && documents.length < size; i += step) add(pool[i].page, pool[i].section);
  return { documents, missing };
}
