import { formatInZone } from '../http/time-zone';
import { JsonObject } from './document-checks';
import { FieldSchema, ResourceSchema } from './resource-registry';

const isDateTime = (field: FieldSchema) => (field.api)?.format === 'date-time';

/** The document with every date-time field (declared `format: date-time`) rendered in `zone`. */
export function renderDateTimes(schema: ResourceSchema, document: JsonObject, zone: string): JsonObject {
  const result: JsonObject = { ...document };
  for (const field of schema.fields) {
    const value = document[field.name];
    if (value === null || value === undefined) continue;
    if (isDateTime(field) && typeof value === 'string') result[field.name] = formatInZone(value, zone);
    else if (field.nestedSchema && Array.isArray(value)) {
      result[field.name] = value.map((item) => renderDateTimes(field.nestedSchema!, item as JsonObject, zone));
    } else if (field.nestedSchema && typeof value === 'object') {
      result[field.name] = renderDateTimes(field.nestedSchema, value as JsonObject, zone);
    }
  }
  return result;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` with an in-range time of day: what `Date#toISOString` writes for years 0–9999. */
const CANONICAL_UTC = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A valid date-time (IsDateTimeWithOffset) as the UTC text it is stored in, the same as
 * `new Date(value).toISOString()` (which also rolls an overflowing day such as 02-30 over).
 * A value already in that form, as every stored one is, is returned as it is: parsing and
 * formatting two dates was 2 % of a customer object's PATCH.
 */
export function utcInstant(value: string): string {
  const canonical = CANONICAL_UTC.exec(value);
  if (canonical) {
    const [year, month, day] = [Number(canonical[1]), Number(canonical[2]), Number(canonical[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return value;
  }
  return new Date(value).toISOString();
}
