import { applyDecorators } from '@nestjs/common';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Field } from '../common/resource/field.decorator';
import { ResourceDocument } from '../common/resource/resource-document';
import { IsFlatObject, OptionalFlag, OptionalNested, OptionalNestedList, OptionalText } from '../common/resource/validators';

export class ContactEmail {
  @Field({ kind: 'string', api: { format: 'email', example: 'sales@example.com' } })
  @IsEmail()
  @MaxLength(254)
  value!: string;

  @Field({ kind: 'string' })
  @OptionalText(220)
  description?: string | null;
}

export class ContactValue {
  @Field({ kind: 'string', api: { example: '+358 9 123 4567' } })
  @IsString()
  @Length(1, 500)
  value!: string;

  @Field({ kind: 'string' })
  @OptionalText(220)
  description?: string | null;
}

/** `{id, name}` into a reference list: `id` is written, `name` is resolved by the server. */
export class ListReference {
  @Field({ kind: 'integer', api: { description: 'An id of the reference list (GET /api/v1/List/{name}/Items)' } })
  @IsInt()
  id!: number;

  @Field({ kind: 'string', derived: true, api: { description: 'Resolved from id' } })
  name?: string | null;
}

export class ContactInterest {
  @Field({ kind: 'integer', api: { description: 'An id of the interest list' } })
  @IsInt()
  id!: number;

  @Field({ kind: 'string', derived: true })
  name?: string | null;

  @Field({ kind: 'boolean' })
  @OptionalFlag()
  selected?: boolean | null;
}

export class ContactAddress {
  @Field({ kind: 'string' }) @OptionalText(200) address1?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) address2?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) address3?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) city?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) zipcode?: string | null;
  @Field({ kind: 'string' }) @OptionalText(200) state?: string | null;
}

export class AssociateReference {
  @Field({ kind: 'string', readOnly: true, api: { description: 'The caller (token sub)' } })
  id!: string;
}

export class ContactLinks {
  @Field({ kind: 'string', readOnly: true, api: { format: 'uri' } })
  self!: string;

  @Field({ kind: 'string', readOnly: true, api: { format: 'uri' } })
  archive!: string;
}

const valueList = (type: () => new () => object) =>
  applyDecorators(Field({ kind: 'array', nested: type, api: { maxItems: 50 } }), OptionalNestedList(50));

const reference = (list: string) =>
  applyDecorators(
    Field({ kind: 'object', nested: () => ListReference, api: { description: `An item of the "${list}" list, or null` } }),
    OptionalNested(),
  );

/**
 * A CRM organisation of seed 002 (SuperOffice ContactEntity) as the API shows it (API.md §3).
 * Names match case-insensitively, so the seed's PascalCase (`Department`, `OrgNr`) binds.
 */
export class ContactResource {
  @Field({ kind: 'integer', readOnly: true, api: { description: 'Primary key (int32)', example: 157 } })
  contactId!: number;

  @Field({ kind: 'string', api: { minLength: 1, maxLength: 220, example: 'Global Industries Ltd' } })
  @IsString()
  @Length(1, 220)
  name!: string;

  @Field({ kind: 'string', api: { example: 'Sales' } }) @OptionalText(220) department?: string | null;
  @Field({ kind: 'string', api: { description: 'VAT number or similar' } }) @OptionalText(220) orgNr?: string | null;
  @Field({ kind: 'string' }) @OptionalText(220) number1?: string | null;
  @Field({ kind: 'string' }) @OptionalText(220) number2?: string | null;
  @Field({ kind: 'string' }) @OptionalText(220) kananame?: string | null;
  @Field({ kind: 'string', api: { maxLength: 2000 } }) @OptionalText(2000) description?: string | null;

  @Field({ kind: 'boolean' })
  @OptionalFlag()
  noMailing?: boolean | null;

  @Field({ kind: 'boolean' })
  @OptionalFlag()
  xstop?: boolean | null;

  @Field({ kind: 'integer', api: { enum: [0, 1] } })
  @IsOptional()
  @IsIn([0, 1])
  deleted?: number | null;

  @Field({ kind: 'integer', api: { minimum: 0 } })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  source?: number | null;

  @valueList(() => ContactEmail) emails?: ContactEmail[] | null;
  @valueList(() => ContactValue) phones?: ContactValue[] | null;
  @valueList(() => ContactValue) faxes?: ContactValue[] | null;
  @valueList(() => ContactValue) urls?: ContactValue[] | null;

  @reference('category') category?: ListReference | null;
  @reference('business') business?: ListReference | null;
  @reference('country') country?: ListReference | null;

  @Field({ kind: 'array', nested: () => ContactInterest, api: { description: 'Items of the "interest" list' } })
  @OptionalNestedList(100)
  interests?: ContactInterest[] | null;

  @Field({ kind: 'object', nested: () => ContactAddress })
  @OptionalNested()
  address?: ContactAddress | null;

  @Field({
    kind: 'object',
    freeForm: true,
    api: { description: 'Free-form: up to 100 keys (case-sensitive) with string, number, boolean or null values' },
  })
  @IsFlatObject(100)
  customFields?: Record<string, string | number | boolean | null> | null;

  @Field({ kind: 'string', readOnly: true, api: { format: 'date-time' } })
  createdDate!: string;

  @Field({ kind: 'string', readOnly: true, api: { format: 'date-time' } })
  updatedDate!: string;

  @Field({ kind: 'object', readOnly: true, nested: () => AssociateReference })
  createdBy!: AssociateReference;

  @Field({ kind: 'object', readOnly: true, nested: () => AssociateReference })
  updatedBy!: AssociateReference;

  @Field({ kind: 'object', readOnly: true, nested: () => ContactLinks, api: { description: 'Absolute URLs built from the request' } })
  _links!: ContactLinks;
}

/** A contact as JSON: stored, as a caller sees it, or a create's start. */
export type ContactDocument = ResourceDocument<ContactResource>;
