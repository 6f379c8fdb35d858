import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with an offset (`Z` or `+02:00`), as API.md's wire format asks. */
export function IsDateTimeWithOffset(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isDateTimeWithOffset',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${String(property)} must be an ISO 8601 date-time with an offset`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
      },
    });
}

/** The value, a date-time, is not before the sibling property `other` (when both are set). */
export function IsNotBefore(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: String(property),
      constraints: [other],
      options: { message: `${String(property)} must not be before ${other}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = (args.object as Record<string, unknown>)[other];
          if (typeof value !== 'string' || typeof start !== 'string') return true;
          const [end, begin] = [Date.parse(value), Date.parse(start)];
          return Number.isNaN(end) || Number.isNaN(begin) || end >= begin;
        },
      },
    });
}

/**
 * A flat JSON object whose keys are data (free-form): at most `maxKeys` keys, each value a
 * string, number, boolean or null (API.md §3 `customFields`).
 */
export function IsFlatObject(maxKeys: number, options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isFlatObject',
      target: target.constructor,
      propertyName: String(property),
      options: {
        message: `${String(property)} must be an object of at most ${maxKeys} keys with string, number, boolean or null values`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (value === null || value === undefined) return true;
          if (typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.values(value as Record<string, unknown>);
          return (
            entries.length <= maxKeys &&
            entries.every((entry) => entry === null || ['string', 'number', 'boolean'].includes(typeof entry))
          );
        },
      },
    });
}

/** A calendar date `YYYY-MM-DD` that exists, optionally not after today (UTC). */
export function IsCalendarDate(options: { notInFuture?: boolean } = {}, validation?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(property),
      options: {
        message: `${String(property)} must be a date YYYY-MM-DD${options.notInFuture ? ' not in the future' : ''}`,
        ...validation,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
          return !options.notInFuture || value <= new Date().toISOString().slice(0, 10);
        },
      },
    });
}

/** A non-negative decimal with at most `scale` decimals, as a JSON number or a string (exact money). */
export function IsDecimal(scale: number, validation?: ValidationOptions): PropertyDecorator {
  const pattern = new RegExp(`^\\d{1,12}(\\.\\d{1,${scale}})?$`);
  return (target, property) =>
    registerDecorator({
      name: 'isDecimal',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${String(property)} must be a decimal >= 0 with at most ${scale} decimals`, ...validation },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'number' && Number.isFinite(value) && pattern.test(String(value))) ||
          (typeof value === 'string' && pattern.test(value)),
      },
    });
}

/** An object of string -> string with bounded size (API.md §4 `customProperties`). */
export function IsStringMap(limits: { maxKeys: number; maxKeyLength: number; maxValueLength: number }): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: String(property),
      options: {
        message:
          `${String(property)} must be an object of at most ${limits.maxKeys} string values ` +
          `(keys ≤ ${limits.maxKeyLength}, values ≤ ${limits.maxValueLength} characters)`,
      },
      validator: {
        validate(value: unknown) {
          if (value === null || value === undefined) return true;
          if (typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length <= limits.maxKeys &&
            entries.every(
              ([key, entry]) => key.length <= limits.maxKeyLength && typeof entry === 'string' && entry.length <= limits.maxValueLength,
            )
          );
        },
      },
    });
}

/** An optional (nullable) string of at most `max` characters: the most common field rule. */
export const OptionalText = (max: number) => applyDecorators(IsOptional(), IsString(), MaxLength(max));

/** An optional (nullable) true/false. */
export const OptionalFlag = () => applyDecorators(IsOptional(), IsBoolean());

/** An optional (nullable) nested object, checked by its own class's rules. */
export const OptionalNested = () => applyDecorators(IsOptional(), ValidateNested());

/** An optional (nullable) array of at most `maxItems` nested objects, each checked by its class's rules. */
export const OptionalNestedList = (maxItems: number) =>
  applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(maxItems), ValidateNested({ each: true }));
