import { MAX_REPHRASINGS, searchQueriesOf } from './query-rephraser';

describe('searchQueriesOf', () => {
  it('takes one query a line, without list marks or quotes, and leaves out blanks and the question', () => {
    const answer = '1. "reinstall missing fonts"\n\n- Why is my lettering gone?\n* font manager\n';
    expect(searchQueriesOf(answer, 'why is my lettering gone?')).toEqual(['reinstall missing fonts', 'font manager']);
  });

  it(`keeps at most ${MAX_REPHRASINGS} distinct queries of bounded length`, () => {
    const answer = ['a b', 'A B', 'c d', 'e f', 'x'.repeat(500)].join('\n');
    expect(searchQueriesOf(answer, 'q')).toEqual(['a b', 'c d'].slice(0, MAX_REPHRASINGS));
    expect(searchQueriesOf('x'.repeat(500), 'q')[0]).toHaveLength(200);
  });
});
