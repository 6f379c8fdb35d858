import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsStorableText } from '../common/resource/storable-text';
import { WEBHOOK_EVENTS, WebhookEvent } from './webhook-events';

const URL_DOC = {
  description:
    'Where deliveries are POSTed: https:// (http:// only with WEBHOOK_ALLOW_HTTP=true). Hosts resolving to loopback, ' +
    'private, link-local, CGNAT, unique-local or metadata addresses are 422 unless WEBHOOK_ALLOW_PRIVATE=true.',
  example: 'https://partner.example.com/hooks/customer-update',
  maxLength: 2000,
};
const EVENTS_DOC = { enum: WEBHOOK_EVENTS, isArray: true, example: ['customer.updated', 'customer.erased'] };

/** Only absent may be left out: `null` for a required value is a 400, not "unchanged". */
const Given = () => ValidateIf((_object, value) => value !== undefined);

export class CreateWebhookDto {
  @ApiProperty(URL_DOC)
  @IsString()
  @IsStorableText()
  @MaxLength(2000)
  url!: string;

  @ApiProperty(EVENTS_DOC)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: WebhookEvent[];

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(500)
  description?: string | null;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional(URL_DOC)
  @Given()
  @IsString()
  @IsStorableText()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional(EVENTS_DOC)
  @Given()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEvent[];

  @ApiPropertyOptional({ description: 'false pauses deliveries (pending ones wait, still aging towards failed)' })
  @Given()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(500)
  description?: string | null;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The company whose changes it receives' })
  companyId!: string;

  @ApiProperty(URL_DOC)
  url!: string;

  @ApiProperty(EVENTS_DOC)
  events!: string[];

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** The create and rotate answers: the only time the secret is shown. */
export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    description: 'Standard Webhooks signing secret (`whsec_` + base64). Shown only in this response; store it now.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] })
  items!: WebhookDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class DeliveryAttemptDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status the receiver answered; null when none (timeout, refused, ...)' })
  status!: number | null;

  @ApiProperty({ description: 'Milliseconds from sending to the answer (or the failure)' })
  durationMs!: number;

  @ApiProperty({ nullable: true, type: String, description: 'Why the attempt failed; null on success' })
  error!: string | null;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header, the same on every retry' })
  id!: string;

  @ApiProperty({ example: 'customer.updated' })
  type!: string;

  @ApiProperty({ enum: ['objects', 'contacts', 'customers'] })
  resource!: string;

  @ApiProperty()
  resourceId!: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When a pending delivery is tried next' })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: [DeliveryAttemptDto] })
  attempts!: DeliveryAttemptDto[];
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] })
  items!: DeliveryDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
