import { Lexer, type Token, type Tokens } from 'marked';
import { parseHtml } from './parse-html';
import { paragraph, type TextBlock } from './text-block';

/** The visible text of inline tokens: emphasis, links and code keep their words, lose their marks. */
function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((token) => {
      if (token.type === 'html')
        return parseHtml(token.raw)
          .map((block) => block.text)
          .join(' ');
      if (token.type === 'br') return '\n';
      const nested = (token as { tokens?: Token[] }).tokens;
      return nested ? inlineText(nested, '') : ((token as { text?: string }).text ?? '');
    })
    .join('');
}

function blocksOf(token: Token): TextBlock[] {
  switch (token.type) {
    case 'heading': {
      const heading = token as Tokens.Heading;
      const text = inlineText(heading.tokens, heading.text).trim();
      return text ? [{ kind: 'heading', level: heading.depth, text }] : [];
    }
    case 'paragraph':
    case 'text':
      return paragraph(inlineText((token as Tokens.Paragraph).tokens, (token as Tokens.Paragraph).text));
    case 'code':
      return paragraph((token as Tokens.Code).text);
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap(blocksOf);
    case 'list':
      return (token as Tokens.List).items.flatMap((item) => item.tokens.flatMap(blocksOf));
    case 'table': {
      const table = token as Tokens.Table;
      const rows = [table.header, ...table.rows].map((cells) =>
        cells.map((cell) => inlineText(cell.tokens, cell.text)).join(' | '),
      );
      return paragraph(rows.join('\n'));
    }
    case 'html':
      return parseHtml((token as Tokens.HTML).text);
    default:
      return [];
  }
}

/** Markdown through marked's lexer: ATX and setext headings become headings, the rest plain paragraphs. */
export const parseMarkdown = (markdown: string): TextBlock[] =>
  new Lexer({ gfm: true }).lex(markdown).flatMap(blocksOf);
