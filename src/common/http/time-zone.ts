import { badRequest } from './problem.exception';

/** Offsets and wall-clock parts of one IANA zone, computed by Intl; formatters are cached per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone named by `Time-Zone` or `SO-TimeZone` (seed 002), checked; 400 when unknown. */
export function parseTimeZone(raw: string | undefined): string | undefined {
  const zone = raw?.trim();
  if (!zone) return undefined;
  try {
    formatterFor(zone);
    return zone;
  } catch {
    throw badRequest(`Unknown time zone "${zone}".`, [{ pointer: '/headers/Time-Zone', detail: 'is not an IANA time zone' }]);
  }
}

/** `2024-03-31T01:30:00.000Z` in Europe/Helsinki -> `2024-03-31T04:30:00.000+03:00` (DST aware). */
export function formatInZone(iso: string, zone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(date)) parts[part.type] = part.value;
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${millis}${offset}`;
}
