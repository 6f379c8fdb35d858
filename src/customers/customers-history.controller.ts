import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole, RequireScope } from '../auth/auth.decorators';
import { Caller, CurrentCaller } from '../common/http/caller';
import { ApiHistory } from '../common/resource/resource-api.decorators';
import { ResourceService } from '../common/resource/resource.service';
import { CustomersStore } from './customers.store';

/** The audit trail of one customer (API.md §1.8), for admins; GDPR values are "***". */
@ApiTags('Customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersHistoryController {
  constructor(
    private readonly resources: ResourceService,
    private readonly store: CustomersStore,
  ) {}

  @Get(':id/history')
  @RequireScope('customers:read')
  @RequireRole('admin', 'superadmin')
  @ApiHistory('History of a customer, newest first')
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
