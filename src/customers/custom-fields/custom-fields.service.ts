import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { unprocessable } from '../../common/http/problem.exception';
import { CustomFieldConfig, CustomFieldConfigDto } from './custom-field-config';
import { customFieldValueProblem } from './custom-field-value.check';
import { regexProblem } from './regex-safety';

interface ConfigRow {
  id: number;
  name: string;
  description: string | null;
  data_type: CustomFieldConfig['dataType'];
  is_mandatory: boolean;
  mandatory_error_message: string | null;
  max_length: number | null;
  reg_ex: string | null;
  reg_ex_error_message: string | null;
  default_value: string | null;
  values: { value: string }[];
}

const toConfig = (row: ConfigRow): CustomFieldConfig => ({
  id: row.id,
  name: row.name,
  description: row.description,
  dataType: row.data_type,
  isMandatory: row.is_mandatory,
  mandatoryErrorMessage: row.mandatory_error_message,
  maxLength: row.max_length,
  regEx: row.reg_ex,
  regExErrorMessage: row.reg_ex_error_message,
  defaultValue: row.default_value,
  values: row.values,
});

/** The config a create body describes, for checking values against it before it exists. */
const asConfig = (input: CustomFieldConfigDto): CustomFieldConfig => ({
  id: 0,
  name: input.name,
  description: input.description ?? null,
  dataType: input.dataType,
  isMandatory: input.isMandatory ?? false,
  mandatoryErrorMessage: input.mandatoryErrorMessage ?? null,
  maxLength: input.maxLength ?? null,
  regEx: input.regEx || null,
  regExErrorMessage: input.regExErrorMessage ?? null,
  defaultValue: input.defaultValue ?? null,
  values: input.values ?? [],
});

/** Per-company custom field definitions (seed 003); every query is scoped by company. */
@Injectable()
export class CustomFieldsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass `manager` when inside a transaction, so the query uses its connection. */
  async list(companyId: string, manager: EntityManager = this.dataSource.manager): Promise<CustomFieldConfig[]> {
    const rows: ConfigRow[] = await manager.query('SELECT * FROM custom_field_configs WHERE company_id = $1 ORDER BY id', [
      companyId,
    ]);
    return rows.map(toConfig);
  }

  /** Refuses (422) an unsafe or invalid regex, a DropDown without choices, and a default its own rules refuse. */
  async create(companyId: string, input: CustomFieldConfigDto): Promise<CustomFieldConfig> {
    const problems = [];
    const regex = input.regEx ? regexProblem(input.regEx) : undefined;
    if (regex) problems.push({ pointer: '/regEx', detail: regex });
    if (input.dataType === 'DropDown' && !input.values?.length) {
      problems.push({ pointer: '/values', detail: 'a DropDown needs at least one value' });
    }
    // The default is the value clients prefill: one that could never be saved is a broken config.
    if (!problems.length && input.defaultValue) {
      const defaultProblem = customFieldValueProblem(asConfig(input), input.defaultValue);
      if (defaultProblem) problems.push({ pointer: '/defaultValue', detail: defaultProblem });
    }
    if (problems.length) throw unprocessable(problems);

    const [row]: ConfigRow[] = await this.dataSource.query(
      `INSERT INTO custom_field_configs (company_id, name, description, data_type, is_mandatory, mandatory_error_message,
         max_length, reg_ex, reg_ex_error_message, default_value, "values")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        companyId,
        input.name,
        input.description ?? null,
        input.dataType,
        input.isMandatory ?? false,
        input.mandatoryErrorMessage ?? null,
        input.maxLength ?? null,
        input.regEx || null,
        input.regExErrorMessage ?? null,
        input.defaultValue ?? null,
        JSON.stringify((input.values ?? []).map(({ value }) => ({ value }))),
      ],
    );
    return toConfig(row);
  }
}
