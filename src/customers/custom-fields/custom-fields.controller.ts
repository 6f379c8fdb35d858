import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, RequireRole, RequireScope } from '../../auth/auth.decorators';
import { ApiCommonResponses, problem } from '../../common/http/api-common-responses.decorator';
import { companyForCreate } from '../../tenancy/tenant-scope';
import { CustomFieldConfig, CustomFieldConfigDto, CustomFieldConfigView } from './custom-field-config';
import { CustomFieldsService } from './custom-fields.service';

/** Seed 003 custom field configs, defined per company by its admins. */
@ApiTags('Customers')
@ApiBearerAuth()
@ApiCommonResponses()
@ApiQuery({ name: 'companyId', required: false, schema: { type: 'string', format: 'uuid' }, description: 'Superadmin: the company' })
@problem(404, 'A foreign ?companyId=')
@Controller('customers/custom-fields')
export class CustomFieldsController {
  constructor(private readonly customFields: CustomFieldsService) {}

  @Post()
  @RequireScope('customers:write')
  @RequireRole('admin', 'superadmin')
  @ApiOperation({
    summary: 'Define a custom field for the company',
    description:
      'An invalid regEx, or one that could backtrack catastrophically, is 422 (values are also matched with a time ' +
      'limit); so is a DropDown without values and a defaultValue the config’s own rules refuse.',
  })
  @ApiConsumes('application/json')
  @ApiBody({
    type: CustomFieldConfigDto,
    examples: {
      dropDown: { summary: 'A DropDown', value: { name: 'Size', dataType: 'DropDown', isMandatory: true, values: [{ value: 'Small' }, { value: 'Large' }] } },
    },
  })
  @ApiCreatedResponse({ type: CustomFieldConfigView })
  @problem(400, 'Unknown field or malformed JSON; a superadmin without ?companyId=')
  @problem(415, 'Not JSON')
  @problem(422, 'Invalid config: bad or unsafe regEx, DropDown without values, defaultValue its own rules refuse')
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CustomFieldConfigDto,
    @Query('companyId') companyId?: string,
  ): Promise<CustomFieldConfig> {
    return this.customFields.create(companyForCreate(actor, companyId), body);
  }

  @Get()
  @RequireScope('customers:read')
  @RequireRole('admin', 'superadmin')
  @ApiOperation({ summary: 'The company’s custom field configs' })
  @ApiOkResponse({ type: [CustomFieldConfigView] })
  @problem(400, 'A superadmin without ?companyId=')
  list(@CurrentActor() actor: Actor, @Query('companyId') companyId?: string): Promise<CustomFieldConfig[]> {
    return this.customFields.list(companyForCreate(actor, companyId));
  }
}
