import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ListItem } from './reference-lists.service';

/** Documents one item of `GET /api/v1/List/:name/Items`. */
export class ListItemDto implements ListItem {
  @ApiProperty({ type: 'integer', example: 246 })
  id!: number;

  @ApiProperty({ example: 'Finland' })
  name!: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2, countries only', example: 'FI' })
  code?: string;
}
