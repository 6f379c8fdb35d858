import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiCommonResponses, problem } from '../common/http/api-common-responses.decorator';
import { ListItemDto } from './list-item.dto';
import { RequireScope } from '../auth/auth.decorators';
import { notFound } from '../common/http/problem.exception';
import { ReferenceLanguage, ReferenceNamesInLanguage } from './content-language';
import { Language } from './languages';
import { ListItem, ReferenceListsService } from './reference-lists.service';

@ApiTags('Contacts')
@ApiBearerAuth()
// The lists are held in memory from start-up, so a database outage does not reach them.
@ApiCommonResponses({ database: false })
@Controller('api/v1/List')
@ReferenceNamesInLanguage()
export class ReferenceListsController {
  constructor(private readonly lists: ReferenceListsService) {}

  @Get(':name/Items')
  @RequireScope('contacts:read')
  @ApiOperation({ summary: 'Items of a reference list (category, business, country, interest; also "contint")' })
  @ApiParam({ name: 'name', enum: ['category', 'business', 'country', 'interest', 'contint'] })
  @ApiOkResponse({
    type: [ListItemDto],
    description:
      'Countries have their ISO 3166-1 numeric id and alpha-2 code. Names in the language of SO-Language / ' +
      'Accept-Language (countries from CLDR).',
  })
  @problem(404, 'No such list')
  items(@Param('name') name: string, @ReferenceLanguage() language: Language): ListItem[] {
    const items = this.lists.items(name, language);
    if (!items) throw notFound();
    return items;
  }
}
