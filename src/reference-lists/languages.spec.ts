import { chooseLanguage } from './languages';

describe('chooseLanguage (API.md §3)', () => {
  it('honours Accept-Language quality values', () => {
    expect(chooseLanguage({ 'accept-language': 'fi;q=0.5, sv' })).toBe('sv');
    expect(chooseLanguage({ 'accept-language': 'da;q=0.2, de;q=0.9' })).toBe('de');
  });

  it('matches a regional tag to its language and ignores case', () => {
    expect(chooseLanguage({ 'accept-language': 'nb-NO' })).toBe('nb');
    expect(chooseLanguage({ 'so-language': 'SV-se' })).toBe('sv');
  });

  it('lets SO-Language override Accept-Language', () => {
    expect(chooseLanguage({ 'so-language': 'da', 'accept-language': 'sv' })).toBe('da');
  });

  it('passes over an unsupported SO-Language to Accept-Language', () => {
    expect(chooseLanguage({ 'so-language': 'xx', 'accept-language': 'fi' })).toBe('fi');
  });

  it('answers English when no header names a supported language', () => {
    expect(chooseLanguage({})).toBe('en');
    expect(chooseLanguage({ 'accept-language': 'fr, ja;q=0.5' })).toBe('en');
    expect(chooseLanguage({ 'so-language': 'zz', 'accept-language': '' })).toBe('en');
    expect(chooseLanguage({ 'accept-language': '*' })).toBe('en');
  });

  it('reads Norwegian "no" as Bokmål', () => {
    expect(chooseLanguage({ 'so-language': 'no' })).toBe('nb');
  });
});
