/**
 * node-postgres's Result class (`pg/lib/result.js`, which pg exports as `pg/lib/*`); @types/pg
 * does not declare it. Only what pg-row-template.ts reads and sets.
 */
declare module 'pg/lib/result' {
  namespace Result {
    interface FieldDescription {
      name: string;
      dataTypeID: number;
      format?: 'text' | 'binary';
    }
    type Parser = (value: unknown) => unknown;
  }

  class Result {
    constructor(rowMode?: string, types?: { getTypeParser(oid: number, format: 'text' | 'binary'): Result.Parser });
    fields: Result.FieldDescription[];
    _parsers?: Result.Parser[];
    _types?: { getTypeParser(oid: number, format: 'text' | 'binary'): Result.Parser };
    _prebuiltEmptyResultObject: Record<string, null> | null;
    addFields(fieldDescriptions: Result.FieldDescription[]): void;
    parseRow(rowData: unknown[]): Record<string, unknown>;
  }

  export = Result;
}
