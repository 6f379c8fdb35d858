import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Field } from '../common/resource/field.decorator';
import { ResourceDocument } from '../common/resource/resource-document';
import { CustomerComment } from './comments/customer-comment';
import { DocumentCustomFieldConfig } from './custom-fields/document-custom-field-config';
import { IsCalendarDate, IsDecimal, IsStringMap, OptionalFlag, OptionalNested, OptionalText } from '../common/resource/validators';

/**
 * A person or business customer (seeds 001, 003, 004 as one record, API.md §4). GDPR marks
 * drive masking, history redaction and the write rules; aliases let each seed's names bind.
 */

/** ISO 8601 has a year 0000 (1 BC); PostgreSQL's date type does not, and would answer 500. */
const notYearZero = () => Matches(/^(?!0000)/, { message: 'the year 0000 does not exist in the calendar used here' });
const optionalId = () => applyDecorators(IsOptional(), IsInt(), Min(0), Max(2147483647));

export class InvoiceAddress {
  @Field({ kind: 'string' }) @OptionalText(200) corporateIdentityNumber?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) invoiceAddress1?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) invoiceAddress2?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) invoiceCity?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) invoicePostalCode?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) invoiceCountryCode?: string | null;
}

export class CustomFieldValue {
  @Field({ kind: 'integer', readOnly: true }) id!: number;
  @Field({ kind: 'string', readOnly: true }) name!: string;
  @Field({ kind: 'string', readOnly: true }) dataType!: string;
  @Field({ kind: 'string', readOnly: true }) value!: string | null;
}

export class AccessKey {
  @Field({ kind: 'string', readOnly: true, api: { format: 'uuid' } }) id!: string;
  @Field({ kind: 'integer', readOnly: true }) accessKeyTypeId!: number;
  @Field({ kind: 'string', readOnly: true }) value!: string;
  @Field({ kind: 'string', readOnly: true }) description!: string | null;
}

export class CustomerResource {
  @Field({ kind: 'string', readOnly: true, api: { format: 'uuid' } })
  id!: string;

  @Field({ kind: 'integer', readOnly: true, aliases: ['customerId'], api: { description: 'Assigned per company: 1, 2, ...' } })
  customerNumber!: number;

  @Field({ kind: 'string', readOnly: true, api: { format: 'uuid' } })
  companyId!: string;

  @Field({ kind: 'string', api: { description: 'The linked account (token sub); only admins may change it' } })
  @OptionalText(200)
  userId?: string | null;

  @Field({ kind: 'string', gdpr: true, aliases: ['Firstname'] }) @OptionalText(50) firstName?: string | null;
  @Field({ kind: 'string', gdpr: true, aliases: ['Lastname'] }) @OptionalText(50) lastName?: string | null;
  @Field({ kind: 'string', gdpr: true }) @OptionalText(100) name?: string | null;
  @Field({ kind: 'string', gdpr: true }) @OptionalText(100) nameExtension?: string | null;

  @Field({ kind: 'string', gdpr: true, api: { format: 'email' } })
  @IsOptional()
  @IsEmail()
  @MaxLength(100)
  email?: string | null;

  @Field({ kind: 'string', gdpr: true, aliases: ['telNumber1'] }) @OptionalText(25) phone?: string | null;
  @Field({ kind: 'string', gdpr: true, aliases: ['telNumber2'] }) @OptionalText(25) phone2?: string | null;

  @Field({ kind: 'array', items: 'string', gdpr: true, api: { maxItems: 2 } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @MaxLength(25, { each: true })
  smsNumbers?: string[] | null;

  @Field({ kind: 'boolean' }) @OptionalFlag() smsDisabled?: boolean | null;
  @Field({ kind: 'boolean' }) @OptionalFlag() editableByCustomer?: boolean | null;
  @Field({ kind: 'boolean' }) @OptionalFlag() subscribedToNewsletter?: boolean | null;
  @Field({ kind: 'boolean' }) @OptionalFlag() notificationConsent?: boolean | null;
  @Field({ kind: 'boolean' }) @OptionalFlag() isActive?: boolean | null;

  @Field({ kind: 'string', gdpr: true, api: { description: 'Personal or business id' } })
  @OptionalText(30)
  identityNumber?: string | null;

  @Field({ kind: 'string', gdpr: true }) @OptionalText(100) invoiceName?: string | null;

  @Field({ kind: 'string', api: { description: 'Unique per company and personalIdTypeId' } })
  @OptionalText(30)
  personalId?: string | null;

  @Field({ kind: 'integer' }) @optionalId() personalIdTypeId?: number | null;
  @Field({ kind: 'string' }) @OptionalText(200) personalIdTypeExtRef?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) extRef?: string | null;

  @Field({ kind: 'string', gdpr: true, aliases: ['DOB'], api: { format: 'date', description: 'Not in the future' } })
  @IsOptional()
  @IsCalendarDate({ notInFuture: true })
  @notYearZero()
  dateOfBirth?: string | null;

  @Field({ kind: 'integer', api: { enum: [0, 1, 2], description: '0 unknown, 1 male, 2 female' } })
  @IsOptional()
  @IsIn([0, 1, 2])
  sex?: number | null;

  @Field({ kind: 'string', aliases: ['note'] }) @OptionalText(250) notes?: string | null;

  @Field({ kind: 'integer' }) @optionalId() languageId?: number | null;
  @Field({ kind: 'integer' }) @optionalId() statusId?: number | null;
  @Field({ kind: 'integer' }) @optionalId() typeId?: number | null;
  @Field({ kind: 'integer' }) @optionalId() addressId?: number | null;
  @Field({ kind: 'integer' }) @optionalId() apartmentId?: number | null;
  @Field({ kind: 'integer' }) @optionalId() waterDatabaseId?: number | null;

  @Field({ kind: 'integer', api: { enum: [0, 1, 2], description: 'GDPR protection: 0 normal, 1 restricted, 2 secret' } })
  @IsOptional()
  @IsIn([0, 1, 2])
  restrictedTypeId?: number | null;

  @Field({ kind: 'string', api: { description: 'ISO 3166-1 alpha-2' } })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string | null;

  @Field({ kind: 'string', api: { description: 'ISO 3166-1 alpha-2' } })
  @IsOptional()
  @IsISO31661Alpha2()
  invoicingCountry?: string | null;

  @Field({ kind: 'boolean' }) @OptionalFlag() cooperativeMember?: boolean | null;

  @Field({ kind: 'string', api: { format: 'date' } })
  @IsOptional()
  @IsCalendarDate()
  @notYearZero()
  cooperativeDate?: string | null;

  @Field({ kind: 'string', api: { format: 'date' } })
  @IsOptional()
  @IsCalendarDate()
  @notYearZero()
  cooperativeReimbursementDate?: string | null;

  @Field({ kind: 'number', api: { minimum: 0, multipleOf: 0.01, description: 'Exact decimal, 2 decimals' } })
  @IsOptional()
  @IsDecimal(2)
  cooperativeSum?: number | string | null;

  @Field({ kind: 'string', api: { format: 'uri' } })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  imageUrl?: string | null;

  @Field({ kind: 'object', nested: () => InvoiceAddress })
  @OptionalNested()
  invoiceAddress?: InvoiceAddress | null;

  @Field({ kind: 'array', nested: () => CustomFieldValue, readOnly: true, api: { description: 'Set with PUT customFields' } })
  customFieldValues!: CustomFieldValue[];

  @Field({
    kind: 'array',
    nested: () => DocumentCustomFieldConfig,
    readOnly: true,
    api: {
      nullable: true,
      description:
        "The company's custom field configs (as at GET /customers/custom-fields), in seed 003's PUT response; null in other " +
        'answers. Read-only: leave it out or send null in a PATCH.',
    },
  })
  customFields!: DocumentCustomFieldConfig[] | null;

  @Field({
    kind: 'object',
    freeForm: true,
    api: { description: 'Up to 50 keys (≤ 100 chars, case-sensitive), string values ≤ 1000 chars' },
  })
  @IsStringMap({ maxKeys: 50, maxKeyLength: 100, maxValueLength: 1000 })
  customProperties?: Record<string, string> | null;

  @Field({ kind: 'array', nested: () => AccessKey, readOnly: true, api: { description: 'Changed with PUT accessKeys / accessKeysToDelete' } })
  accessKeys!: AccessKey[];

  @Field({
    kind: 'array',
    nested: () => CustomerComment,
    readOnly: true,
    gdpr: true,
    api: {
      nullable: true,
      description: 'The newest 20 comments, newest first (all at GET /customers/{id}/comments); added with POST /customers/{id}/comments',
    },
  })
  comments!: CustomerComment[] | null;

  @Field({ kind: 'array', items: 'string', readOnly: true, api: { description: 'GDPR fields hidden from this caller' } })
  maskedFields!: string[];

  @Field({ kind: 'string', readOnly: true, aliases: ['Created'], api: { format: 'date-time' } })
  createdAt!: string;

  @Field({ kind: 'string', readOnly: true, aliases: ['Updated'], api: { format: 'date-time' } })
  updatedAt!: string;

  @Field({
    kind: 'string',
    readOnly: true,
    api: { format: 'date-time', nullable: true, description: 'When the customer was erased (GDPR, POST /customers/{id}/erase); later writes are 409' },
  })
  erasedAt!: string | null;
}

/** A customer as JSON: stored, as a caller sees it, or a create's start. */
export type CustomerDocument = ResourceDocument<CustomerResource>;
