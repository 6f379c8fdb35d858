import fc from 'fast-check';
import { types } from 'pg';
import { isoInstant, parseTimestamptz } from './timestamps';

/** pg's own parser (postgres-date): nothing in a unit test registers ours. */
const libraryParse = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** How PostgreSQL writes a timestamptz with DateStyle ISO: the local time at `offsetSeconds`, fraction without trailing zeros. */
function postgresText(epochMs: number, micros: number, offsetSeconds: number): string {
  const local = new Date(epochMs + offsetSeconds * 1000);
  const year = local.getUTCFullYear();
  const shownYear = year > 0 ? year : 1 - year;
  const fraction = (local.getUTCMilliseconds() * 1000 + micros).toString().padStart(6, '0').replace(/0+$/, '');
  const sign = offsetSeconds < 0 ? '-' : '+';
  const size = Math.abs(offsetSeconds);
  const [hours, minutes, seconds] = [Math.floor(size / 3600), Math.floor(size / 60) % 60, size % 60];
  const zone = `${sign}${pad(hours, 2)}${minutes || seconds ? `:${pad(minutes, 2)}` : ''}${seconds ? `:${pad(seconds, 2)}` : ''}`;
  return (
    `${pad(shownYear, 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)} ` +
    `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
    `${fraction ? `.${fraction}` : ''}${zone}${year > 0 ? '' : ' BC'}`
  );
}

const MIN_MS = Date.UTC(-4000, 0, 1);
const MAX_MS = Date.UTC(12000, 0, 1);
const instants = fc.integer({ min: MIN_MS, max: MAX_MS });
const commonInstants = fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) });
const micros = fc.integer({ min: 0, max: 999 });
// Whole hours, half hours (India), quarter hours (Nepal) and the local mean times of old dates (seconds).
const offsets = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -15, max: 15 }).map((hours) => hours * 3600),
  fc.integer({ min: -60, max: 60 }).map((quarters) => quarters * 900),
  fc.integer({ min: -15 * 3600, max: 15 * 3600 }),
);

describe('parseTimestamptz', () => {
  it('gives the Date pg parser gives, for what PostgreSQL writes', () => {
    fc.assert(
      fc.property(fc.oneof(commonInstants, instants), micros, offsets, (epochMs, extra, offset) => {
        const text = postgresText(epochMs, extra, offset);
        expect(parseTimestamptz(text).getTime()).toBe(libraryParse(text).getTime());
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['the UTC form', '2026-12-04 22:59:42.123456+00', '2026-12-04T22:59:42.123Z'],
    ['no fraction', '2026-12-04 22:59:42+00', '2026-12-04T22:59:42.000Z'],
    ['one fraction digit', '2026-12-04 22:59:42.5+00', '2026-12-04T22:59:42.500Z'],
    ['two fraction digits', '2026-12-04 22:59:42.05+00', '2026-12-04T22:59:42.050Z'],
    ['an offset with minutes', '2026-12-05 04:29:42.1+05:30', '2026-12-04T22:59:42.100Z'],
    ['a negative offset with seconds', '1890-01-01 00:00:00-00:09:21', '1890-01-01T00:09:21.000Z'],
    ['a year before 1000', '0999-01-01 00:00:00+00', '0999-01-01T00:00:00.000Z'],
    ['a year before 100', '0042-06-01 12:00:00+00', '0042-06-01T12:00:00.000Z'],
    ['a year after 9999', '12026-12-04 22:59:42+00', '+012026-12-04T22:59:42.000Z'],
    ['a year BC', '0044-03-15 12:00:00+00 BC', '-000043-03-15T12:00:00.000Z'],
  ])('reads %s', (_what, text, iso) => {
    expect(parseTimestamptz(text).toISOString()).toBe(iso);
    expect(parseTimestamptz(text).getTime()).toBe(libraryParse(text).getTime());
  });

  it.each(['infinity', '-infinity'])('leaves %s to pg parser', (text) => {
    expect(parseTimestamptz(text)).toBe(libraryParse(text));
  });

  it.each(['2026-12-04 22:59:42.+00', '2026-12-04 22:59:42.123', '2026-12-04 22:59:42+5', '2026-12-04 2x:59:42+00', 'not a timestamp at all'])(
    'hands text of another form (%s) to pg parser',
    (text) => {
      expect(Object.is(parseTimestamptz(text)?.valueOf(), libraryParse(text)?.valueOf())).toBe(true);
    },
  );
});

describe('isoInstant', () => {
  it('writes what Date#toISOString writes, for every year', () => {
    fc.assert(
      fc.property(fc.oneof(commonInstants, instants), (epochMs) => {
        const date = new Date(epochMs);
        expect(isoInstant(date)).toBe(date.toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it('throws for an invalid date, as Date#toISOString does', () => {
    expect(() => isoInstant(new Date(NaN))).toThrow(RangeError);
  });
});
