import { fuseRankings, RRF_K } from './fuse-rankings';

describe('fuseRankings', () => {
  it('ranks an id found by both lists above ids found by one', () => {
    const fused = fuseRankings([
      ['a', 'both'],
      ['both', 'b'],
    ]);
    expect(fused[0].id).toBe('both');
    expect(fused.map((hit) => hit.id).sort()).toEqual(['a', 'b', 'both']);
  });

  it('scores each id by the sum of 1 / (k + rank) over the lists holding it', () => {
    const fused = fuseRankings([['x', 'y'], ['y']]);
    expect(fused.find((hit) => hit.id === 'y')?.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
    expect(fused.find((hit) => hit.id === 'x')?.score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it('keeps one list as it is, and gives every id once, over generated lists', () => {
    for (let run = 0; run < 50; run++) {
      const ids = Array.from({ length: 1 + (run % 17) }, (_, index) => `id-${(index * 7 + run) % 40}`);
      const unique = [...new Set(ids)];
      expect(fuseRankings([unique]).map((hit) => hit.id)).toEqual(unique);
      const other = [...unique].reverse();
      const fused = fuseRankings([unique, other]);
      expect(new Set(fused.map((hit) => hit.id)).size).toBe(fused.length);
      expect(fused).toHaveLength(unique.length);
    }
  });
});
