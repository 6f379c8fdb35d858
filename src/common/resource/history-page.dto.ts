import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../auth/actor';
import { jsonPatchOperationRef } from './openapi-schemas';

/** Documents `GET <resource>/:id/history` (API.md §1.8); the audit service builds the entries. */
export class HistoryActorDto {
  @ApiProperty({ description: 'The token `sub` of the caller' })
  sub!: string;

  @ApiProperty({ enum: ROLES })
  role!: string;
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'date-time', description: 'In the zone of the Time-Zone header, else UTC' })
  at!: string;

  @ApiProperty({ type: HistoryActorDto })
  actor!: HistoryActorDto;

  @ApiProperty({ description: 'The X-Request-Id of the call that made the change' })
  requestId!: string;

  @ApiProperty({ description: '`created`, `updated`, or `read` (a read of unmasked level-2 data, API.md §1.3)', example: 'updated' })
  kind!: string;

  @ApiProperty({ type: 'array', items: jsonPatchOperationRef(), description: 'RFC 6902 diff from before to after; GDPR values "***"' })
  ops!: unknown[];
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryEntryDto] })
  items!: HistoryEntryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last page' })
  nextCursor!: string | null;
}
