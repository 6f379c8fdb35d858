import { Field } from '../../common/resource/field.decorator';
import { DATA_TYPES } from './custom-field-config';

/** A choice of a DropDown config, as the customer document shows it. */
export class DocumentCustomFieldChoice {
  @Field({ kind: 'string', readOnly: true }) value!: string;
}

/**
 * A company custom field config inside the customer document (seed 003's PUT response
 * `CustomFields`: CustomFieldConfigData), the same members as GET /customers/custom-fields.
 * Declared with @Field so `$select`, XML and OpenAPI know its members like any other field.
 */
export class DocumentCustomFieldConfig {
  @Field({ kind: 'integer', readOnly: true }) id!: number;
  @Field({ kind: 'string', readOnly: true }) name!: string;
  @Field({ kind: 'string', readOnly: true, api: { nullable: true } }) description!: string | null;
  @Field({ kind: 'string', readOnly: true, api: { enum: [...DATA_TYPES] } }) dataType!: string;
  @Field({ kind: 'boolean', readOnly: true }) isMandatory!: boolean;
  @Field({ kind: 'string', readOnly: true, api: { nullable: true } }) mandatoryErrorMessage!: string | null;
  @Field({ kind: 'integer', readOnly: true, api: { nullable: true } }) maxLength!: number | null;
  @Field({ kind: 'string', readOnly: true, api: { nullable: true } }) regEx!: string | null;
  @Field({ kind: 'string', readOnly: true, api: { nullable: true } }) regExErrorMessage!: string | null;
  @Field({ kind: 'string', readOnly: true, api: { nullable: true } }) defaultValue!: string | null;
  @Field({ kind: 'array', nested: () => DocumentCustomFieldChoice, readOnly: true }) values!: DocumentCustomFieldChoice[];
}
