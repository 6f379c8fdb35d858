import { types } from 'pg';

/*
 * `timestamptz` values both ways between PostgreSQL's text, Dates and the ISO 8601 UTC text of
 * documents, written here because it runs for every date-time of every row read: a list page
 * of customer objects parses 84 and writes 100. pg's parser (postgres-date) runs regular
 * expressions over each value (0.5 µs) and `Date#toISOString` takes 0.45 µs; these take a
 * third to a half of that for the form PostgreSQL writes with `DateStyle` ISO and years
 * 1000–9999, and hand every other text or year to that parser and method, so their results
 * are theirs (timestamps.spec.ts compares them on random instants and offsets).
 */

/** pg's own parser, taken before registerTimestamptzParser replaces it. */
const libraryParse = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date;

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** The number written in `text` from `start` to `end`, NaN when any of it is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < DIGIT_0 || code > DIGIT_9) return NaN;
    value = value * 10 + (code - DIGIT_0);
  }
  return value;
}

/** Where the zone offset of `YYYY-MM-DD HH:MM:SS[.fraction]±HH[:MM[:SS]]` starts, or -1. */
function offsetStart(text: string): number {
  let index = 19;
  if (text.charCodeAt(index) === 46 /* . */) {
    index++;
    while (index < text.length && text.charCodeAt(index) >= DIGIT_0 && text.charCodeAt(index) <= DIGIT_9) index++;
    if (index === 20) return -1;
  }
  const sign = text.charCodeAt(index);
  return sign === 43 /* + */ || sign === 45 /* - */ ? index : -1;
}

/** Offset `±HH`, `±HH:MM` or `±HH:MM:SS` east of UTC in milliseconds, NaN when it is none of them. */
function offsetMs(text: string, start: number): number {
  const length = text.length - start;
  if (length !== 3 && length !== 6 && length !== 9) return NaN;
  if (length > 3 && text.charCodeAt(start + 3) !== 58 /* : */) return NaN;
  if (length > 6 && text.charCodeAt(start + 6) !== 58) return NaN;
  const hours = digits(text, start + 1, start + 3);
  const minutes = length > 3 ? digits(text, start + 4, start + 6) : 0;
  const seconds = length > 6 ? digits(text, start + 7, start + 9) : 0;
  const sign = text.charCodeAt(start) === 45 ? -1 : 1;
  return sign * ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/** A `timestamptz` as PostgreSQL writes it, as a Date (pg's type parser for the type). */
export function parseTimestamptz(text: string): Date {
  // `YYYY-MM-DD HH:MM:SS`: anything else (a longer or BC year, infinity) is the library's.
  if (text.length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) {
    return libraryParse(text);
  }
  const zone = offsetStart(text);
  const year = digits(text, 0, 4);
  const offset = zone < 0 ? NaN : offsetMs(text, zone);
  const fraction = zone - 20; // digits after the point (negative: none)
  const ms = fraction <= 0 ? 0 : fraction >= 3 ? digits(text, 20, 23) : digits(text, 20, zone) * (fraction === 1 ? 100 : 10);
  const time = Date.UTC(year, digits(text, 5, 7) - 1, digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), ms);
  if (!(year >= 1000) || Number.isNaN(offset) || Number.isNaN(time)) return libraryParse(text);
  return new Date(time - offset);
}

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : `${value}`);

/** `Date#toISOString`, for the dates of years 1000–9999 without building it by its general path. */
export function isoInstant(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${year}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}T${twoDigits(date.getUTCHours())}:${twoDigits(
    date.getUTCMinutes(),
  )}:${twoDigits(date.getUTCSeconds())}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

/** Makes pg read every `timestamptz` with parseTimestamptz (the values are the same Dates). */
export function registerTimestamptzParser(): void {
  types.setTypeParser(types.builtins.TIMESTAMPTZ, parseTimestamptz);
}
