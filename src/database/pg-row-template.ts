import { types } from 'pg';
import Result from 'pg/lib/result';

const pgAddFields = Result.prototype.addFields;

/**
 * node-postgres gives the rows of one result one V8 shape by copying a template built when the
 * columns are described (`_prebuiltEmptyResultObject`, brianc/node-postgres#3042). pg 8.23
 * builds it by spreading a null-prototype object, which V8 copies slowly: about 20 µs for the
 * thirty columns of a customer object, paid by every statement that returns rows (5 % of a
 * merge PATCH's CPU, 6 % of a GET's). This builds the same template by assignment onto an
 * object literal, a few µs. A column named `__proto__`, which assignment would turn into the
 * prototype, keeps pg's own way. pg-row-template.spec.ts checks that a Result ends up exactly
 * as pg's own addFields leaves it, so a pg upgrade that changes addFields fails there.
 */
export function buildRowTemplatesByAssignment(): void {
  Result.prototype.addFields = function addFields(this: Result, fields: Result.FieldDescription[]): void {
    if (fields.some((field) => field.name === '__proto__')) return pgAddFields.call(this, fields);
    this.fields = fields;
    if (fields.length) this._parsers = new Array<Result.Parser>(fields.length);
    const parsers = this._types ?? types;
    const template: Record<string, null> = {};
    fields.forEach((field, index) => {
      template[field.name] = null;
      this._parsers![index] = parsers.getTypeParser(field.dataTypeID, field.format || 'text') as Result.Parser;
    });
    this._prebuiltEmptyResultObject = template;
  };
}
