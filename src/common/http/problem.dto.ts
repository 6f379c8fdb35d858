import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemFieldErrorDto {
  @ApiProperty({ example: '/name', description: 'JSON Pointer into the request' })
  pointer!: string;

  @ApiProperty({ example: 'name must be shorter than or equal to 200 characters' })
  detail!: string;
}

/** RFC 9457 problem document, as every error of this API is answered (API.md §1.6). */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiProperty({ example: 'Not found.' })
  detail!: string;

  @ApiProperty({ example: '/v2/objects/5f0c...' })
  instance!: string;

  @ApiPropertyOptional({ description: 'The X-Request-Id of the call' })
  requestId?: string;

  @ApiPropertyOptional({ type: [ProblemFieldErrorDto] })
  errors?: ProblemFieldErrorDto[];

  @ApiPropertyOptional({ description: 'How many more entries there were than the 100 listed in errors' })
  errorsOmitted?: number;
}
