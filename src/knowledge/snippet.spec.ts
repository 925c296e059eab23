import { escapeHtml, MATCH_END, MATCH_START, renderSnippet } from './snippet';

/** A small seeded generator: the same inputs every run, many of them. */
function* generatedTexts(seed: number, count: number): Generator<string> {
  const alphabet = [
    '<',
    '>',
    '&',
    '"',
    "'",
    '/',
    '=',
    ' ',
    'a',
    'mark',
    'script',
    MATCH_START,
    MATCH_END,
    '&lt;',
    'é',
    '\n',
  ];
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  for (let i = 0; i < count; i++) {
    yield Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
  }
}

const unescape = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('renderSnippet', () => {
  it('escapes what a hostile document wrote and marks only what the database marked', () => {
    expect(renderSnippet(`<img src=x onerror=alert(document.cookie)> ${MATCH_START}quokkaprinter${MATCH_END}`)).toBe(
      '&lt;img src=x onerror=alert(document.cookie)&gt; <mark>quokkaprinter</mark>',
    );
    expect(renderSnippet(`<mark>forged</mark> ${MATCH_START}real${MATCH_END}`)).toBe(
      '&lt;mark&gt;forged&lt;/mark&gt; <mark>real</mark>',
    );
    expect(renderSnippet('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(
      '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;',
    );
  });

  it('for any text: the only tags are balanced <mark> pairs, and the text comes back whole', () => {
    for (const text of generatedTexts(13, 5_000)) {
      const html = renderSnippet(text);
      const withoutMarks = html.replace(/<\/?mark>/g, '');
      expect(withoutMarks).not.toMatch(/[<>"']/);
      expect(withoutMarks).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
      expect(unescape(withoutMarks)).toBe(text.split(MATCH_START).join('').split(MATCH_END).join(''));
      const tags = html.match(/<\/?mark>/g) ?? [];
      tags.forEach((tag, i) => expect(tag).toBe(i % 2 === 0 ? '<mark>' : '</mark>'));
      expect(tags.length % 2).toBe(0);
    }
  });

  it('escapeHtml leaves no character that HTML reads as markup', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
