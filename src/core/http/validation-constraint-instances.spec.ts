import { Validate, validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { keepConstraintInstancesInAMap } from './validation-constraint-instances';

let constructed = 0;

@ValidatorConstraint({ name: 'isEven' })
class IsEven implements ValidatorConstraintInterface {
  constructor() {
    constructed += 1;
  }
  validate(value: unknown): boolean {
    return typeof value === 'number' && value % 2 === 0;
  }
}

class Counted {
  @Validate(IsEven) count: unknown;
}

const failures = async (count: unknown): Promise<string[]> =>
  (await validate(Object.assign(new Counted(), { count }))).flatMap((e) => Object.keys(e.constraints ?? {}));

describe('keepConstraintInstancesInAMap', () => {
  it("applies a constraint class's rule with one instance of it for every validation", async () => {
    keepConstraintInstancesInAMap();
    expect(await failures(3)).toEqual(['isEven']);
    expect(await failures(4)).toEqual([]);
    expect(await failures('x')).toEqual(['isEven']);
    expect(constructed).toBe(1);
  });
});
