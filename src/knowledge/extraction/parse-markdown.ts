import MarkdownIt, { type Token } from 'markdown-it';
import { parseHtml } from './parse-html';
import { paragraph, type TextBlock } from './text-block';

/**
 * markdown-it rather than marked: its parser follows CommonMark's delimiter algorithm and grows
 * linearly on the shapes that made marked quadratic (100 KB of unclosed `**a` took marked 5 s
 * and markdown-it 0.4 s; a 1 MB file held a parser slot until its time limit) or overflow its
 * stack (deeply nested `> `). Raw HTML is read as HTML, for its text.
 */
const markdown = new MarkdownIt({ html: true });

/** The visible text of an inline token: emphasis, links and code keep their words, lose their marks. */
function inlineText(children: Token[] | null): string {
  return (children ?? [])
    .map((child) => {
      switch (child.type) {
        case 'text':
        case 'code_inline':
          return child.content;
        case 'softbreak':
        case 'hardbreak':
          return '\n';
        case 'image':
          return inlineText(child.children);
        case 'html_inline':
          return parseHtml(child.content)
            .map((block) => block.text)
            .join(' ');
        default:
          return '';
      }
    })
    .join('');
}

/** Markdown's headings (ATX and setext) become headings; paragraphs, list items, code and table rows paragraphs. */
export function parseMarkdown(source: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let headingLevel = 0;
  let tableRows: string[][] | null = null;
  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case 'heading_open':
        headingLevel = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        headingLevel = 0;
        break;
      case 'table_open':
        tableRows = [];
        break;
      case 'tr_open':
        tableRows?.push([]);
        break;
      case 'table_close':
        blocks.push(...paragraph((tableRows ?? []).map((cells) => cells.join(' | ')).join('\n')));
        tableRows = null;
        break;
      case 'inline': {
        const text = inlineText(token.children);
        if (tableRows) tableRows.at(-1)?.push(text.trim());
        else if (headingLevel > 0 && text.trim())
          blocks.push({ kind: 'heading', level: headingLevel, text: text.trim() });
        else if (headingLevel === 0) blocks.push(...paragraph(text));
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push(...paragraph(token.content));
        break;
      case 'html_block':
        blocks.push(...parseHtml(token.content));
        break;
    }
  }
  return blocks;
}
