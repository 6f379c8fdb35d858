import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { unprocessable } from '../../common/http/problem.exception';
import { entityColumns } from '../../database/entity-columns';
import { PreparedStatement } from '../../database/prepared-statement';
import { CustomFieldConfig, CustomFieldConfigDto } from './custom-field-config';
import { CustomFieldConfigEntity } from './custom-field-config.entity';
import { customFieldValueProblem } from './custom-field-value.check';
import { regexProblem } from './regex-safety';

/** The entity's columns a config does not show (toConfig drops the same): its company, which every query names, and when it was made. */
const UNLISTED: ReadonlyArray<keyof CustomFieldConfigEntity> = ['companyId', 'createdAt'];

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
  /**
   * A prepared statement rather than a repository `find`: seed 003's PUT lists the configs on
   * every write, and TypeORM's query builder made and mapped that query anew each time (6.7 % of
   * the PUT's CPU in a profile).
   */
  private readonly ofCompany: PreparedStatement<'companyId'>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const { table, column } = entityColumns(dataSource, CustomFieldConfigEntity);
    const listed = dataSource
      .getMetadata(CustomFieldConfigEntity)
      .columns.map((metadata) => metadata.propertyName as keyof CustomFieldConfigEntity)
      .filter((property) => !UNLISTED.includes(property));
    this.ofCompany = new PreparedStatement(
      'custom-field-configs.of-company',
      `SELECT ${listed.map((property) => `${column(property)} AS "${property}"`).join(', ')}
        FROM ${table} WHERE ${column('companyId')} = :companyId ORDER BY ${column('id')}`,
    );
  }

  /** Pass `manager` when inside a transaction, so the query uses its connection. */
  list(companyId: string, manager: EntityManager = this.dataSource.manager): Promise<CustomFieldConfig[]> {
    return this.ofCompany.run<CustomFieldConfig[]>(manager, { companyId });
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
