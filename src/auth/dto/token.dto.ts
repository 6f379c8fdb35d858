import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '../actor';

/** Documents the token request; the controller reads it by hand (RFC 6749 §3.2). */
export class TokenRequestDto {
  @ApiProperty({ enum: ['client_credentials'], example: 'client_credentials' })
  grant_type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Or HTTP Basic authentication' })
  client_id?: string;

  @ApiPropertyOptional()
  client_secret?: string;

  @ApiPropertyOptional({ description: 'Space-separated subset of the client scopes; all of them when omitted.' })
  scope?: string;
}

export class TokenResponseDto {
  @ApiProperty()
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  token_type!: 'Bearer';

  @ApiProperty({ type: 'integer', example: 3600, description: 'Seconds' })
  expires_in!: number;

  @ApiProperty({ example: 'customers:read customers:write' })
  scope!: string;
}

export class WhoAmIDto {
  @ApiProperty()
  sub!: string;

  @ApiProperty({ enum: ROLES })
  role!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ type: [String] })
  scopes!: string[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The company this call acts on; null means every company (superadmin without ?companyId).',
  })
  effectiveCompanyId!: string | null;
}
