import { ProblemException } from './problem.exception';
import { formatInZone, parseTimeZone } from './time-zone';

describe('time zones', () => {
  it('renders an instant with the zone offset, winter and summer (DST)', () => {
    expect(formatInZone('2024-01-15T10:00:00.000Z', 'Europe/Helsinki')).toBe('2024-01-15T12:00:00.000+02:00');
    expect(formatInZone('2024-07-15T10:00:00.250Z', 'Europe/Helsinki')).toBe('2024-07-15T13:00:00.250+03:00');
    expect(formatInZone('2024-03-31T00:59:59.000Z', 'Europe/Helsinki')).toBe('2024-03-31T02:59:59.000+02:00');
    expect(formatInZone('2024-03-31T01:00:00.000Z', 'Europe/Helsinki')).toBe('2024-03-31T04:00:00.000+03:00');
  });

  it('handles UTC, negative and half-hour offsets', () => {
    expect(formatInZone('2024-01-15T10:00:00.000Z', 'UTC')).toBe('2024-01-15T10:00:00.000+00:00');
    expect(formatInZone('2024-01-15T10:00:00.000Z', 'America/New_York')).toBe('2024-01-15T05:00:00.000-05:00');
    expect(formatInZone('2024-01-15T10:00:00.000Z', 'Asia/Kolkata')).toBe('2024-01-15T15:30:00.000+05:30');
  });

  it('accepts known zones and refuses unknown ones with 400', () => {
    expect(parseTimeZone(' Europe/Helsinki ')).toBe('Europe/Helsinki');
    expect(parseTimeZone(undefined)).toBeUndefined();
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(ProblemException);
  });
});
