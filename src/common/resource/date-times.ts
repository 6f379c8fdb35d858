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
