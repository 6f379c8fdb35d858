import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole, RequireScope } from '../auth/auth.decorators';
import { Caller, CurrentCaller } from '../common/http/caller';
import { ApiHistory } from '../common/resource/resource-api.decorators';
import { ResourceService } from '../common/resource/resource.service';
import { CustomerObjectsStore } from './customer-objects.store';

/** The audit trail of one customer object (API.md §1.8), for admins. */
@ApiTags('CustomerObjects')
@ApiBearerAuth()
@Controller('v2/objects')
export class CustomerObjectsHistoryController {
  constructor(
    private readonly resources: ResourceService,
    private readonly store: CustomerObjectsStore,
  ) {}

  @Get(':id/history')
  @RequireScope('objects:read')
  @RequireRole('admin', 'superadmin')
  @ApiHistory('History of a customer object, newest first')
  history(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query('companyId') companyId?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    return this.resources.history(this.store, { caller, id, companyId, limit, cursor });
  }
}
