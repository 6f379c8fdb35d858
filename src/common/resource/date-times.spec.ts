import fc from 'fast-check';
import { utcInstant } from './date-times';

const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((value) => String(value).padStart(2, '0'));

describe('utcInstant', () => {
  it('is new Date(value).toISOString() for canonical-looking UTC text, overflowing days and leap years included', () => {
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), twoDigits(13), twoDigits(32), twoDigits(23), twoDigits(59), twoDigits(59), fc.integer({ min: 0, max: 999 }))
      .map(([year, month, day, hour, minute, second, ms]) => `${String(year).padStart(4, '0')}-${month}-${day}T${hour}:${minute}:${second}.${String(ms).padStart(3, '0')}Z`)
      .filter((value) => !Number.isNaN(Date.parse(value)));
    fc.assert(fc.property(text, (value) => utcInstant(value) === new Date(value).toISOString()), { numRuns: 5000 });
  });

  it.each([
    ['2024-02-29T10:00:00.000Z', '2024-02-29T10:00:00.000Z'],
    ['2023-02-29T10:00:00.000Z', '2023-03-01T10:00:00.000Z'],
    ['1900-02-29T00:00:00.000Z', '1900-03-01T00:00:00.000Z'],
    ['2000-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z'],
    ['2024-04-31T00:00:00.000Z', '2024-05-01T00:00:00.000Z'],
    ['2023-11-07T05:31:56Z', '2023-11-07T05:31:56.000Z'],
    ['2023-11-07T07:31:56+02:00', '2023-11-07T05:31:56.000Z'],
  ])('stores %s as %s', (value, stored) => {
    expect(utcInstant(value)).toBe(stored);
    expect(new Date(value).toISOString()).toBe(stored);
  });
});
