import { registerDecorator, ValidationOptions } from 'class-validator';

/** A UTF-16 surrogate without its pair; PostgreSQL refuses it (and NUL) in text and jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** JSON Pointers of the strings (or keys) in `document` that PostgreSQL cannot store. */
export function unstorableTextPaths(value: unknown, pointer = ''): string[] {
  if (typeof value === 'string') return isStorableText(value) ? [] : [pointer || '/'];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableTextPaths(item, `${pointer}/${index}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, member]) => {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      // A key that cannot be stored cannot be written in a pointer either: name its object.
      return isStorableText(key) ? unstorableTextPaths(member, at) : [pointer || '/'];
    });
  }
  return [];
}

/** Whether every string in `value`, object keys included, at any depth, can be stored. */
export function isStorableText(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(isStorableText);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([key, member]) => isStorableText(key) && isStorableText(member));
  }
  return true;
}

/**
 * Text the database can hold. JSON allows `\u0000` and lone surrogates; PostgreSQL does not,
 * so without this rule such a value reaches the INSERT (or the audit row) and answers 500
 * instead of 422 naming the field.
 */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isStorableText',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${String(property)} must not contain NUL characters or unpaired surrogates`, ...options },
      validator: { validate: isStorableText },
    });
}
