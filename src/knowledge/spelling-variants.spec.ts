import { spellingVariants } from './spelling-variants';

describe('spellingVariants', () => {
  it('gives the American spelling of a British word and the other way round', () => {
    expect(spellingVariants('recognise').split(' ')).toContain('recognize');
    expect(spellingVariants('organization').split(' ')).toContain('organisation');
    expect(spellingVariants('colours').split(' ')).toContain('colors');
    expect(spellingVariants('analyze').split(' ')).toContain('analyse');
    expect(spellingVariants('centre').split(' ')).toContain('center');
    expect(spellingVariants('licence').split(' ')).toContain('license');
    expect(spellingVariants('catalogue').split(' ')).toContain('catalog');
    expect(spellingVariants('grey').split(' ')).toContain('gray');
  });

  it("leaves out the text's own words and short words", () => {
    expect(spellingVariants('colour color')).toBe('');
    expect(spellingVariants('use a tar file')).toBe('');
  });
});
