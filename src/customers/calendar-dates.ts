import { JsonObject } from '../common/resource/document-checks';

/**
 * A whole ISO 8601 date-time (offset optional, as .NET clients send it). Only such a value is
 * cut to its date: a prefix match would turn `2001-09-13T25:61 junk` into a valid date.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const DATE_FIELDS = ['dateOfBirth', 'cooperativeDate', 'cooperativeReimbursementDate'];

/** Dates may arrive as date-times (seed 004's DOB): the calendar date written there is kept. */
export function cutDateTimesToDates(document: JsonObject): void {
  for (const field of DATE_FIELDS) {
    const value = document[field];
    if (typeof value === 'string' && DATE_TIME.test(value)) document[field] = value.slice(0, 10);
  }
}
