import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { unprocessable } from '../../common/http/problem.exception';
import { CustomFieldConfig, CustomFieldConfigDto } from './custom-field-config';
import { CustomFieldConfigEntity } from './custom-field-config.entity';
import { customFieldValueProblem } from './custom-field-value.check';
import { regexProblem } from './regex-safety';

const toConfig = ({ companyId: _companyId, createdAt: _createdAt, ...config }: CustomFieldConfigEntity): CustomFieldConfig => config;

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
    const rows = await manager.getRepository(CustomFieldConfigEntity).find({ where: { companyId }, order: { id: 'ASC' } });
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

    const repository = this.dataSource.getRepository(CustomFieldConfigEntity);
    const row = await repository.save(
      repository.create({
        companyId,
        name: input.name,
        description: input.description ?? null,
        dataType: input.dataType,
        isMandatory: input.isMandatory ?? false,
        mandatoryErrorMessage: input.mandatoryErrorMessage ?? null,
        maxLength: input.maxLength ?? null,
        regEx: input.regEx || null,
        regExErrorMessage: input.regExErrorMessage ?? null,
        defaultValue: input.defaultValue ?? null,
        values: (input.values ?? []).map(({ value }) => ({ value })),
      }),
    );
    return toConfig(row);
  }
}
