import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsStorableText } from '../../common/resource/storable-text';
import { OptionalFlag, OptionalNestedList } from '../../common/resource/validators';

export const DATA_TYPES = ['TextBox', 'DropDown', 'Number', 'Date', 'CheckBox'] as const;
export type CustomFieldDataType = (typeof DATA_TYPES)[number];

/** Longest value ever matched against a config's regex: values are capped before matching. */
export const MAX_CUSTOM_FIELD_VALUE_LENGTH = 1000;

export class CustomFieldOption {
  @ApiProperty({ example: 'Small' })
  @IsString()
  @IsStorableText()
  @Length(1, 200)
  value!: string;
}

/** A per-company custom field definition (seed 003 CustomFieldConfigData). */
export class CustomFieldConfigDto {
  @ApiPropertyOptional({ type: 'integer', readOnly: true, description: 'Assigned by the server' })
  id!: number;

  @ApiProperty({ example: 'Number of persons' })
  @IsString()
  @IsStorableText()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'For how many persons is this booking?' })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(500)
  description?: string | null;

  @ApiProperty({ enum: DATA_TYPES })
  @IsIn(DATA_TYPES)
  dataType!: CustomFieldDataType;

  @ApiPropertyOptional({ type: Boolean })
  @OptionalFlag()
  isMandatory?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Please enter the number of persons' })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(500)
  mandatoryErrorMessage?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_CUSTOM_FIELD_VALUE_LENGTH })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CUSTOM_FIELD_VALUE_LENGTH)
  maxLength?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'JavaScript regular expression; refused when it could backtrack catastrophically',
  })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(500)
  regEx?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(500)
  regExErrorMessage?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(MAX_CUSTOM_FIELD_VALUE_LENGTH)
  defaultValue?: string | null;

  @ApiPropertyOptional({ type: [CustomFieldOption], description: 'The choices of a DropDown' })
  @OptionalNestedList(200)
  @Type(() => CustomFieldOption)
  values?: CustomFieldOption[];
}

/** Documents a stored config as answered: the id is always there. */
export class CustomFieldConfigView extends CustomFieldConfigDto {
  @ApiProperty({ type: 'integer', readOnly: true })
  declare id: number;
}

/** A stored config with everything needed to check values. */
export interface CustomFieldConfig {
  id: number;
  name: string;
  description: string | null;
  dataType: CustomFieldDataType;
  isMandatory: boolean;
  mandatoryErrorMessage: string | null;
  maxLength: number | null;
  regEx: string | null;
  regExErrorMessage: string | null;
  defaultValue: string | null;
  values: { value: string }[];
}
