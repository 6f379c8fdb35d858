import { ifNoneMatchHits } from './if-none-match';

describe('ifNoneMatchHits (RFC 9110 §13.1.2, weak comparison)', () => {
  it.each([
    ['"3"', true],
    ['W/"3"', true],
    ['"1", "3"', true],
    ['"1",W/"3"', true],
    ['*', true],
    ['"33"', false],
    ['"1", "2"', false],
    ['3', false],
    ['', false],
  ])('If-None-Match %s against "3" hits: %s', (header, hits) => {
    expect(ifNoneMatchHits(header, '"3"')).toBe(hits);
  });

  it('does not hit without the header', () => {
    expect(ifNoneMatchHits(undefined, '"3"')).toBe(false);
  });
});
