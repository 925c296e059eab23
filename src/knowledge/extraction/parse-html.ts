import { Parser } from 'htmlparser2';
import { paragraph, tidy, type TextBlock } from './text-block';

/** Content of these elements is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object']);
/** Elements that end the paragraph before them. */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'nav',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'hr',
  'br',
  'form',
]);
const HEADING = /^h([1-6])$/;
/**
 * Class or id words of a page's navigation: a table of contents (DocBook's `toc`, pandoc's `TOC`,
 * MediaWiki's `toc`, Hugo's `TableOfContents`), DocBook's `navheader` / `navfooter`, breadcrumbs. A
 * table of contents names every section of a chapter, so it would outrank the section that
 * answers; the others repeat the neighbouring pages' titles on every page.
 */
const NAVIGATION_NAMES = /^(toc|table-?of-?contents|navheader|navfooter|navigation|breadcrumbs?)$/i;

/** `<nav>`, `role="navigation"`, or an element named as navigation: links around the text, not the text. */
function isNavigation(name: string, attributes: Record<string, string>): boolean {
  if (name === 'nav' || attributes.role === 'navigation') return true;
  const names = `${attributes.class ?? ''} ${attributes.id ?? ''}`.split(/\s+/);
  return names.some((word) => NAVIGATION_NAMES.test(word));
}

/**
 * HTML through a real, forgiving parser: scripts, styles and other hidden content are dropped, and
 * so is navigation (isNavigation); h1-h6 become headings, block elements separate paragraphs,
 * entities are decoded.
 */
export function parseHtml(html: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let hiddenDepth = 0;
  let buffer = '';
  let headingLevel: number | null = null;

  const flush = (): void => {
    if (headingLevel !== null) {
      const text = tidy(buffer.replace(/\s+/g, ' '));
      if (text) blocks.push({ kind: 'heading', level: headingLevel, text });
    } else {
      blocks.push(...paragraph(buffer.replace(/\s+/g, ' ')));
    }
    buffer = '';
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // Inside what is dropped every element counts, so the one that began it is the one that ends it.
        if (hiddenDepth > 0 || HIDDEN.has(name) || isNavigation(name, attributes)) {
          hiddenDepth++;
          return;
        }
        const heading = HEADING.exec(name);
        if (heading || BLOCK.has(name)) flush();
        if (heading) headingLevel = Number(heading[1]);
      },
      ontext(text) {
        if (hiddenDepth === 0) buffer += text;
      },
      onclosetag(name) {
        if (hiddenDepth > 0) {
          hiddenDepth--;
          return;
        }
        if (HEADING.test(name)) {
          flush();
          headingLevel = null;
        } else if (BLOCK.has(name)) {
          flush();
        } else {
          buffer += ' ';
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}
