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
 * HTML through a real, forgiving parser: scripts, styles and other hidden content are dropped,
 * h1-h6 become headings, block elements separate paragraphs, entities are decoded.
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
      onopentag(name) {
        if (HIDDEN.has(name)) hiddenDepth++;
        if (hiddenDepth > 0) return;
        const heading = HEADING.exec(name);
        if (heading || BLOCK.has(name)) flush();
        if (heading) headingLevel = Number(heading[1]);
      },
      ontext(text) {
        if (hiddenDepth === 0) buffer += text;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hiddenDepth = Math.max(0, hiddenDepth - 1);
          return;
        }
        if (hiddenDepth > 0) return;
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
