import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemFieldErrorDto {
  @ApiProperty({ example: '/name', description: 'JSON Pointer into the request' })
  pointer!: string;

  @ApiProperty({ example: 'name must be shorter than or equal to 200 characters' })
  detail!: string;
}

/**
 * RFC 9457 problem document, as every error of this API is answered (API.md §1.6). Extension
 * members may follow (e.g. `/auth/token`'s RFC 6749 `error` and `error_description`).
 */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 404 })
  status!: number;

  @ApiProperty({ example: 'Not found.' })
  detail!: string;

  @ApiProperty({ example: '/v2/objects/5f0c7a3e-2b1d-4c8e-9f6a-0d1e2f3a4b5c', description: 'The path of the request' })
  instance!: string;

  @ApiPropertyOptional({ description: 'The X-Request-Id of the call' })
  requestId?: string;

  @ApiPropertyOptional({ type: [ProblemFieldErrorDto], description: 'One entry per invalid value (400, 422)' })
  errors?: ProblemFieldErrorDto[];

  @ApiPropertyOptional({ description: 'RFC 6749 §5.2 error code (`/auth/token` only)', example: 'invalid_client' })
  error?: string;

  @ApiPropertyOptional({ description: 'RFC 6749 §5.2 description (`/auth/token` only)' })
  error_description?: string;

  @ApiPropertyOptional({ description: 'How many more entries there were than the 100 listed in errors' })
  errorsOmitted?: number;
}
