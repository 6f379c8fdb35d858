import { regexProblem } from './regex-safety';

describe('regexProblem: refuses patterns that can backtrack catastrophically at config time', () => {
  it.each([
    ['^(a|b|ab)*c$', /exponential/], // overlapping alternatives: the static check misses it
    ['^([a-z]|[a-c])*d$', /exponential/],
    ['^x(a|a)+$', /exponential/],
    ['.*a.*b.*c', /exponential/], // cubic: a billion steps at the longest value
    ['^(a+)\\1$', /backreference/],
    ['(?<n>a+)\\k<n>$', /backreference/],
    ['^(a+)+$', /exponential/], // nested quantifiers: the static check
  ])('refuses %s', (pattern, reason) => {
    expect(regexProblem(pattern)).toMatch(reason);
  });

  it.each(['^[0-9]{6}$', '^\\S+@\\S+$', '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$', '^(a)\\1$', '(?<y>\\d{4})-(?<m>\\d{2})', '^\\+?[0-9 ()-]{5,25}$', 'a{2,}b'])(
    'accepts %s (at most polynomial, and fast at the longest value)',
    (pattern) => {
      expect(regexProblem(pattern)).toBeUndefined();
    },
  );

  it('refuses a pattern that does not compile', () => {
    expect(regexProblem('([a-z')).toMatch(/not a valid/);
  });
});
