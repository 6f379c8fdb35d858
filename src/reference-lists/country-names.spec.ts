import { countryName } from './country-names';

describe('countryName (CLDR through Intl.DisplayNames)', () => {
  it('names a country in the language asked', () => {
    expect(countryName('SE', 'sv')).toBe('Sverige');
    expect(countryName('DE', 'fi')).toBe('Saksa');
    expect(countryName('FI', 'de')).toBe('Finnland');
  });

  it('gives no name for a code CLDR does not know, rather than echoing the code', () => {
    expect(countryName('QQ', 'sv')).toBeUndefined();
  });
});
