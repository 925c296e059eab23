import { IsInt, IsString, validate } from 'class-validator';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

/** `property:rule` of each failure. */
const failures = async (value: object): Promise<string[]> =>
  (await validate(value, { whitelist: true, forbidNonWhitelisted: true }))
    .flatMap((error) => Object.keys(error.constraints ?? {}).map((rule) => `${error.property}:${rule}`))
    .sort();

describe('cacheValidationMetadataLookups', () => {
  it('validates as class-validator does, inherited rules included, and sees a rule registered after a lookup', async () => {
    class Base {
      @IsInt() count: unknown = 'x';
    }
    class Derived extends Base {
      @IsString() name: unknown = 1;
    }
    cacheValidationMetadataLookups();
    expect(await failures(new Derived())).toEqual(['count:isInt', 'name:isString']);
    expect(await failures(Object.assign(new Derived(), { count: 2, name: 'n', extra: 1 }))).toEqual([
      'extra:whitelistValidation',
    ]);

    // A rule added once the class has been looked up (a class loaded late) applies at once.
    IsString()(Base.prototype, 'late');
    expect(await failures(Object.assign(new Derived(), { count: 2, name: 'n', late: 3 }))).toEqual(['late:isString']);
  });
});
