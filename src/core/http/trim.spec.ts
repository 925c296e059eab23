import { plainToInstance } from 'class-transformer';
import { Trim, TrimLowercase } from './trim';

class Sample {
  @Trim() name: unknown;
  @TrimLowercase() email: unknown;
}

describe('Trim and TrimLowercase', () => {
  it('trim strings (and lower-case them) before validation', () => {
    const sample = plainToInstance(Sample, { name: '  Ada Lovelace \n', email: ' Ada@Example.COM ' });
    expect(sample).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('leave anything else for the validators to refuse', () => {
    const sample = plainToInstance(Sample, { name: 42, email: ['A@B.C'] });
    expect(sample).toEqual({ name: 42, email: ['A@B.C'] });
  });
});
