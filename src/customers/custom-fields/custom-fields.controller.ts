import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, RequireRole, RequireScope } from '../../auth/auth.decorators';
import { companyForCreate } from '../../tenancy/tenant-scope';
import { CustomFieldConfig, CustomFieldConfigDto } from './custom-field-config';
import { CustomFieldsService } from './custom-fields.service';

/** Seed 003 custom field configs, defined per company by its admins. */
@ApiTags('Customers')
@ApiBearerAuth()
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
  @ApiQuery({ name: 'companyId', required: false })
  @ApiCreatedResponse({ type: CustomFieldConfigDto })
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
  @ApiQuery({ name: 'companyId', required: false })
  @ApiOkResponse({ type: [CustomFieldConfigDto] })
  list(@CurrentActor() actor: Actor, @Query('companyId') companyId?: string): Promise<CustomFieldConfig[]> {
    return this.customFields.list(companyForCreate(actor, companyId));
  }
}
