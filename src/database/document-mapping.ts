import { Type as ClassType } from '@nestjs/common';
import { DataSource, EntityTarget } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { completeShape, completeValue, JsonObject } from '../common/resource/document-checks';
import { ResourceDocument } from '../common/resource/resource-document';
import { resourceSchema, ResourceSchema } from '../common/resource/resource-registry';
import { isoInstant } from './timestamps';

/**
 * How one document field is stored, where that is not simply the column of the same name
 * (nested-to-flat, renamed, converted, computed). Both directions are declared side by side,
 * typed by the field's value `V` in the document `D`.
 */
export interface FieldMapping<R, E = R, V = unknown, D = JsonObject> {
  /** The field's value in the document, from the row. */
  read(row: R): V;
  /** The columns the field's (validated) value is stored in; absent when the server sets them or the field is computed. */
  write?(value: V, document: D): Partial<E>;
  /** The field's value in the document a create starts from (null when absent; completeShape fills nested fields). */
  empty?: Partial<V>;
}

/** A field's mapping as the document-wide loops use it, whatever its value's type. */
interface AnyFieldMapping<R, W, D> {
  read(row: R): unknown;
  write?(value: unknown, document: D): Partial<W>;
  empty?: unknown;
}

/** The mapped fields of document `D`, each typed by its value. */
export type FieldMappings<R, E, D> = { readonly [K in keyof D]?: FieldMapping<R, E, D[K], D> };

/** A column's value as a document shows it: a date-time as ISO 8601 UTC text. */
type ReadValue<V> = V extends Date ? string : V;

/** A value the server sets, shown from the column `property`. */
export function serverColumn<R, P extends keyof R & string>(property: P): FieldMapping<R, never, ReadValue<R[P]>> {
  return { read: (row) => readValue(row[property]) as ReadValue<R[P]> };
}

/** Not stored: filled in per caller when presented (masking, links); `empty` until then. */
export function presented<V>(empty: V): FieldMapping<never, never, V> {
  return { read: () => empty, empty };
}

const readValue = (value: unknown): unknown => (value instanceof Date ? isoInstant(value) : (value ?? null));

/**
 * The one declaration of how a resource's documents map to its entity's columns, from which
 * both directions and the empty document are derived. A field of the resource class whose
 * name is a column of the entity maps to it as it is (a date-time column reads as ISO 8601
 * UTC) and, unless the field is read-only, is written to it; a non-null column's literal
 * default is the field's value in an empty document. Every other field is declared in
 * `mappings`; a field with neither fails when the module starts.
 *
 * `R` is the row as read (the entity plus any extra result columns), `W` the columns a
 * document writes, `T` the resource class, whose document type the mappings are checked
 * against. That `toColumns` gives every column the write statement names is checked when the
 * statement binds its parameters (named, so a missing one fails loudly).
 */
export class DocumentMapping<R extends object, W extends object, T> {
  private readonly schema: ResourceSchema;
  private readonly fields: ReadonlyArray<[name: string, mapping: AnyFieldMapping<R, W, ResourceDocument<T>>]>;
  /** The writable fields stored in the column of their name, with the value that stands for null. */
  private readonly sameNameColumns: ReadonlyArray<[name: string, nullValue: unknown]>;
  private readonly empty: JsonObject;

  constructor(dataSource: DataSource, entity: EntityTarget<unknown>, resource: ClassType<T>, mappings: FieldMappings<R, W, ResourceDocument<T>>) {
    const metadata = dataSource.getMetadata(entity);
    this.schema = resourceSchema(resource);
    const declaredMappings: Partial<Record<string, AnyFieldMapping<R, W, ResourceDocument<T>>>> = mappings;
    const empty: JsonObject = {};
    const sameNameColumns: Array<[string, unknown]> = [];
    this.fields = this.schema.fields.map((field) => {
      const declared = declaredMappings[field.name];
      const columnOfField = metadata.findColumnWithPropertyName(field.name);
      if (declared) {
        if (declared.empty !== undefined) empty[field.name] = declared.empty;
        return [field.name, declared];
      }
      if (!columnOfField) throw new Error(`${resource.name}.${field.name} has no column in ${metadata.name} and no mapping`);
      const literal = literalDefault(columnOfField);
      if (literal !== undefined) empty[field.name] = literal;
      // A non-null column with a default takes it for null (a new record's unset flag).
      if (!field.readOnly) sameNameColumns.push([field.name, literal ?? null]);
      return [field.name, sameNameColumn<R>(field.name)];
    });
    this.sameNameColumns = sameNameColumns;
    for (const name of Object.keys(mappings)) {
      if (!this.schema.fields.some((field) => field.name === name)) throw new Error(`${resource.name} has no field ${name} to map`);
    }
    this.empty = completeShape(this.schema, empty);
  }

  /**
   * The row as the resource document, in the resource's full shape: the class's fields
   * (completeShape), each read by its declared mapping or from its column.
   */
  toDocument(row: R): ResourceDocument<T> {
    const document: JsonObject = {};
    const fields = this.schema.fields; // this.fields is in the same order
    for (let index = 0; index < fields.length; index++) {
      const [name, mapping] = this.fields[index];
      document[name] = completeValue(fields[index], mapping.read(row));
    }
    return document as ResourceDocument<T>;
  }

  /**
   * The columns a (validated) document is stored in. Same-name columns are assigned directly,
   * not merged from one small object per field (that was a fifth of the update's own CPU).
   */
  toColumns(document: ResourceDocument<T>): W {
    const values: JsonObject = document;
    const columns: Record<string, unknown> = {};
    for (const [name, nullValue] of this.sameNameColumns) columns[name] = values[name] ?? nullValue;
    for (const [name, mapping] of this.fields) if (mapping.write) Object.assign(columns, mapping.write(values[name] ?? null, document));
    return columns as W;
  }

  /** The document a create starts from: column defaults and declared empty values, null elsewhere. */
  emptyDocument(): ResourceDocument<T> {
    return structuredClone(this.empty) as ResourceDocument<T>;
  }
}

/** Reads a field stored in the column of its name (written by toColumns itself, unless read-only). */
function sameNameColumn<R>(name: string): AnyFieldMapping<R, never, never> {
  return { read: (row: R) => readValue((row as Record<string, unknown>)[name]) };
}

/** A non-null column's default when it is a literal (false, 0); undefined for SQL expressions and nullable columns. */
function literalDefault(column: ColumnMetadata): unknown {
  const value: unknown = column.default;
  return !column.isNullable && (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') ? value : undefined;
}
