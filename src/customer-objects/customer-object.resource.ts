import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsInt,
  IsISO31661Alpha2,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field } from '../common/resource/field.decorator';
import { ResourceDocument } from '../common/resource/resource-document';
import { IsDateTimeWithOffset, IsNotBefore, OptionalNested, OptionalNestedList, OptionalText } from '../common/resource/validators';

/**
 * The customer object of seed 000 as the API shows it (API.md §2). Each property carries its
 * wire name, its rules (class-validator) and its documentation; the pipeline reads them all
 * from here. Every optional field may be null.
 */

export class ObjectStatus {
  @Field({ kind: 'integer', api: { description: 'Status code, 0..99', example: 1 } })
  @IsInt()
  @Min(0)
  @Max(99)
  status!: number;

  @Field({ kind: 'string', readOnly: true, api: { format: 'date-time' } })
  createdAt!: string;

  @Field({ kind: 'string', readOnly: true })
  createdBy!: string;

  @Field({ kind: 'string', readOnly: true, api: { format: 'date-time' } })
  lastModifiedAt!: string;

  @Field({ kind: 'string', readOnly: true })
  lastModifiedBy!: string;
}

export class ObjectContact {
  @Field({ kind: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  phone?: string | null;

  @Field({ kind: 'string', api: { format: 'email', example: 'jsmith@example.com' } })
  @IsOptional()
  @IsEmail()
  @MaxLength(100)
  email?: string | null;

  @Field({ kind: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fax?: string | null;
}

export class ObjectContract {
  @Field({ kind: 'string', api: { format: 'date-time', example: '2023-11-07T05:31:56Z' } })
  @IsOptional()
  @IsDateTimeWithOffset()
  startDate?: string | null;

  @Field({ kind: 'string', api: { format: 'date-time', description: 'Not before startDate.' } })
  @IsOptional()
  @IsDateTimeWithOffset()
  @IsNotBefore('startDate')
  endDate?: string | null;
}

export class ObjectMaterial {
  @Field({ kind: 'string' })
  @IsString()
  @Length(1, 200)
  articleId!: string;

  @Field({ kind: 'number', api: { minimum: 0 } })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  budget!: number;
}

export class ObjectAddress {
  @Field({ kind: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  street?: string | null;

  @Field({ kind: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  zip?: string | null;

  @Field({ kind: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  city?: string | null;

  @Field({ kind: 'string', api: { description: 'ISO 3166-1 alpha-2', example: 'FI' } })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string | null;
}

export class ObjectLocation {
  @Field({ kind: 'number', api: { minimum: -90, maximum: 90 } })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field({ kind: 'number', api: { minimum: -180, maximum: 180 } })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude!: number;
}

const stringList = [
  IsOptional(),
  IsArray(),
  ArrayMaxSize(100),
  IsString({ each: true }),
  MaxLength(200, { each: true }),
];

export class CustomerObjectResource {
  @Field({ kind: 'string', readOnly: true, api: { format: 'uuid' } })
  _id!: string;

  @Field({ kind: 'integer', readOnly: true, api: { description: 'Assigned per company on create: 1, 2, ...' } })
  number!: number;

  @Field({ kind: 'string', readOnly: true, api: { format: 'uuid' } })
  companyId!: string;

  @Field({ kind: 'object', nested: () => ObjectStatus })
  @ValidateNested()
  status!: ObjectStatus;

  @Field({ kind: 'string', readOnly: true, api: { description: 'Assigned on create.' } })
  chatId!: string;

  @Field({ kind: 'string', api: { format: 'uuid', description: 'A customer of the same company.' } })
  @IsOptional()
  @IsUUID()
  customerId?: string | null;

  @Field({ kind: 'string', api: { minLength: 1, maxLength: 200, description: 'Required on create.' } })
  @IsString()
  @Length(1, 200)
  name!: string;

  @Field({ kind: 'object', nested: () => ObjectContact })
  @OptionalNested()
  contact?: ObjectContact | null;

  @Field({ kind: 'object', nested: () => ObjectContract })
  @OptionalNested()
  contract?: ObjectContract | null;

  @Field({ kind: 'string' })
  @OptionalText(200)
  objectManagerId?: string | null;

  @Field({ kind: 'array', nested: () => ObjectMaterial, api: { maxItems: 500 } })
  @OptionalNestedList(500)
  material?: ObjectMaterial[] | null;

  @Field({ kind: 'object', nested: () => ObjectAddress })
  @OptionalNested()
  address?: ObjectAddress | null;

  @Field({ kind: 'object', nested: () => ObjectLocation })
  @OptionalNested()
  location?: ObjectLocation | null;

  @Field({ kind: 'number', api: { minimum: 0, maximum: 5, example: 2.5 } })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5)
  rating?: number | null;

  @Field({ kind: 'string', api: { maxLength: 2000 } })
  @OptionalText(2000)
  description?: string | null;

  @Field({ kind: 'any', api: { description: 'Free-form JSON; keys are data (case-sensitive).' } })
  securityCode?: unknown;

  @Field({ kind: 'any', api: { description: 'Free-form JSON; keys are data (case-sensitive).' } })
  key?: unknown;

  @Field({ kind: 'string' })
  @OptionalText(200)
  orderDescription?: string | null;

  @Field({ kind: 'string' })
  @OptionalText(200)
  contactName?: string | null;

  @Field({ kind: 'string' })
  @OptionalText(200)
  invoiceRecipientId?: string | null;

  @Field({ kind: 'array', items: 'string', api: { maxItems: 100 } })
  @applyDecorators(...stringList)
  invoiceCCRecipientIds?: string[] | null;

  @Field({ kind: 'string' })
  @OptionalText(200)
  serviceRecipient?: string | null;

  @Field({ kind: 'array', items: 'string', api: { maxItems: 100 } })
  @applyDecorators(...stringList)
  contactIds?: string[] | null;

  @Field({ kind: 'array', items: 'string', api: { maxItems: 100, uniqueItems: true } })
  @applyDecorators(...stringList)
  @ArrayUnique()
  tags?: string[] | null;
}

/** A customer object as JSON: stored, as a caller sees it, or a create's start. */
export type CustomerObjectDocument = ResourceDocument<CustomerObjectResource>;
