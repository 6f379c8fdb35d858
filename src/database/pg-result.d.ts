/**
 * node-postgres's Result class (`pg/lib/result.js`, which pg exports as `pg/lib/*`); @types/pg
 * does not declare it. Only what pg-row-template.ts and its spec use.
 */
declare module 'pg/lib/result' {
  namespace Result {
    interface FieldDescription {
      name: string;
      dataTypeID: number;
      format?: 'text' | 'binary';
    }
    type Parser = (value: unknown) => unknown;
    /** A client's own type parsers (pg's `types` option), else pg's global ones. */
    interface TypeParsers {
      getTypeParser(oid: number, format: 'text' | 'binary'): Parser;
    }
  }

  class Result {
    constructor(rowMode?: string, types?: Result.TypeParsers);
    fields: Result.FieldDescription[];
    _parsers?: Result.Parser[];
    _types?: Result.TypeParsers;
    _prebuiltEmptyResultObject: Record<string, null> | null;
    addFields(fieldDescriptions: Result.FieldDescription[]): void;
    parseRow(rowData: unknown[]): Record<string, unknown>;
  }

  export = Result;
}
