import { Type as ClassType } from '@nestjs/common';
import { DataSource, EntityTarget } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { completeShape, JsonObject } from '../common/resource/document-checks';
import { resourceSchema, ResourceSchema } from '../common/resource/resource-registry';

/**
 * How one document field is stored, where that is not simply the column of the same name
 * (nested-to-flat, renamed, converted, computed). Both directions are declared side by side.
 */
export interface FieldMapping<R, E = R> {
  /** The field's value in the document, from the row. */
  read(row: R): unknown;
  /** The columns the field's value is stored in; absent when the server sets them or the field is computed. */
  write?(value: unknown, document: JsonObject): Partial<E>;
  /** The field's value in the document a create starts from (null when absent). */
  empty?: unknown;
}

export type FieldMappings<R, E = R> = Readonly<Record<string, FieldMapping<R, E>>>;

/** The column `property`, read and written as it is (for a field with another name). */
export function column<R, E, P extends keyof R & keyof E & string>(property: P): FieldMapping<R, E> {
  return {
    read: (row) => row[property] ?? null,
    write: (value) => ({ [property]: value ?? null }) as unknown as Partial<E>,
  };
}

/** A value the server sets, shown from the column `property` (a date-time as ISO 8601 UTC). */
export function serverColumn<R, P extends keyof R & string>(property: P): FieldMapping<R, never> {
  return { read: (row) => readValue(row[property]) };
}

/** Not stored: filled in per caller when presented (masking, links). */
export function presented(empty: unknown = null): FieldMapping<never, never> {
  return { read: () => empty, empty };
}

const readValue = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : (value ?? null));

/**
 * The one declaration of how a resource's documents map to its entity's columns, from which
 * both directions and the empty document are derived. A field of the resource class whose
 * name is a column of the entity maps to it as it is (a date-time column reads as ISO 8601
 * UTC) and, unless the field is read-only, is written to it; a non-null column's literal
 * default is the field's value in an empty document. Every other field is declared in
 * `mappings`; a field with neither fails when the module starts.
 *
 * `R` is the row as read (the entity plus any extra result columns), `W` the columns a
 * document writes. That `toColumns` gives every column the write statement names is checked
 * when the statement binds its parameters (named, so a missing one fails loudly).
 */
export class DocumentMapping<R extends object, W extends object> {
  private readonly schema: ResourceSchema;
  private readonly fields: ReadonlyArray<[name: string, mapping: FieldMapping<R, W>]>;
  private readonly empty: JsonObject;

  constructor(dataSource: DataSource, entity: EntityTarget<unknown>, resource: ClassType, mappings: FieldMappings<R, W>) {
    const metadata = dataSource.getMetadata(entity);
    this.schema = resourceSchema(resource);
    const empty: JsonObject = {};
    this.fields = this.schema.fields.map((field) => {
      const declared = mappings[field.name];
      const columnOfField = metadata.findColumnWithPropertyName(field.name);
      if (declared) {
        if (declared.empty !== undefined) empty[field.name] = declared.empty;
        return [field.name, declared];
      }
      if (!columnOfField) throw new Error(`${resource.name}.${field.name} has no column in ${metadata.name} and no mapping`);
      const literal = literalDefault(columnOfField);
      if (literal !== undefined) empty[field.name] = literal;
      return [field.name, sameNameColumn<R, W>(field.name, !field.readOnly, literal)];
    });
    for (const name of Object.keys(mappings)) {
      if (!this.schema.fields.some((field) => field.name === name)) throw new Error(`${resource.name} has no field ${name} to map`);
    }
    this.empty = completeShape(this.schema, empty);
  }

  /** The row as the resource document, in the resource's full shape. */
  toDocument(row: R): JsonObject {
    const document: JsonObject = {};
    for (const [name, mapping] of this.fields) document[name] = mapping.read(row);
    return completeShape(this.schema, document);
  }

  /** The columns a (validated) document is stored in. */
  toColumns(document: JsonObject): W {
    const columns: Partial<W> = {};
    for (const [name, mapping] of this.fields) if (mapping.write) Object.assign(columns, mapping.write(document[name] ?? null, document));
    return columns as W;
  }

  /** The document a create starts from: column defaults and declared empty values, null elsewhere. */
  emptyDocument(): JsonObject {
    return structuredClone(this.empty);
  }
}

/** A field stored in the column of its name; a read-only one is only read. */
function sameNameColumn<R, W>(name: string, writable: boolean, fallback: unknown): FieldMapping<R, W> {
  const read = (row: R) => readValue((row as Record<string, unknown>)[name]);
  if (!writable) return { read };
  // A non-null column with a default takes it for null (a new record's unset flag).
  return { read, write: (value) => ({ [name]: value ?? fallback ?? null }) as Partial<W> };
}

/** A non-null column's default when it is a literal (false, 0); undefined for SQL expressions and nullable columns. */
function literalDefault(column: ColumnMetadata): unknown {
  const value: unknown = column.default;
  return !column.isNullable && (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') ? value : undefined;
}
