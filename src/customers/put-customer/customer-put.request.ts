import { applyDecorators } from '@nestjs/common';
import { IsArray, IsBoolean, IsEmail, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field } from '../../common/resource/field.decorator';
import { OptionalText } from '../../common/resource/validators';
import { InvoiceAddress } from '../customer.resource';

/** Seed 003 `AddCustomField`: a value for one of the company's custom field configs. */
export class PutCustomField {
  @Field({ kind: 'integer' }) @IsInt() id!: number;
  @Field({ kind: 'string' }) @IsOptional() @IsString() value?: string | null;
}

/** Seed 003 `AddUserAccessKey`; its id, company and customer are assigned by the server. */
export class PutAccessKey {
  @Field({ kind: 'string', api: { description: 'Ignored: assigned by the server' } }) id?: string | null;
  @Field({ kind: 'string', api: { description: 'Ignored: the customer’s company' } }) companyId?: string | null;
  @Field({ kind: 'string', api: { description: 'Ignored: this customer' } }) customerId?: string | null;
  @Field({ kind: 'integer' }) @IsInt() @Min(0) accessKeyTypeId!: number;
  @Field({ kind: 'string' }) @IsString() @Length(1, 200) value!: string;
  @Field({ kind: 'string' }) @IsOptional() @IsString() @MaxLength(500) description?: string | null;
}

export class PutAccessKeyToDelete {
  @Field({ kind: 'string', api: { format: 'uuid' } }) @IsUUID() id!: string;
}

const list = (type: () => new () => object) =>
  applyDecorators(Field({ kind: 'array', nested: type }), IsOptional(), IsArray(), ValidateNested({ each: true }));

/**
 * The body of `PUT /customers/:id` (seed 003). Every field is optional and a field left out
 * stays as it is; names match case-insensitively (`Firstname`).
 */
export class CustomerPutRequest {
  @Field({ kind: 'string', api: { description: 'Ignored: the company comes from ?companyId= and the token' } })
  companyId?: string | null;

  @Field({ kind: 'string', aliases: ['Firstname'] }) @OptionalText(50) firstName?: string | null;
  @Field({ kind: 'string', aliases: ['Lastname'] }) @OptionalText(50) lastName?: string | null;
  @Field({ kind: 'string' }) @OptionalText(25) phone?: string | null;

  @Field({ kind: 'string', api: { format: 'email' } })
  @IsOptional()
  @IsEmail()
  @MaxLength(100)
 
  email?: string | null;

  @list(() => PutCustomField) customFields?: PutCustomField[];
  @list(() => PutAccessKey) accessKeys?: PutAccessKey[];
  @list(() => PutAccessKeyToDelete) accessKeysToDelete?: PutAccessKeyToDelete[];

  @Field({ kind: 'boolean' })
  @IsOptional()
  @IsBoolean()
  subscribedToNewsletter?: boolean | null;

  @Field({ kind: 'object', nested: () => InvoiceAddress })
  @IsOptional()
  @ValidateNested()
  invoiceAddress?: InvoiceAddress | null;
}
