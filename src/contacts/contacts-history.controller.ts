import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole, RequireScope } from '../auth/auth.decorators';
import { Caller, CurrentCaller } from '../common/http/caller';
import { ApiHistory } from '../common/resource/resource-api.decorators';
import { ResourceService } from '../common/resource/resource.service';
import { ContactsStore } from './contacts.store';

/** The audit trail of one contact (API.md §1.8), for admins. */
@ApiTags('Contacts')
@ApiBearerAuth()
@Controller('api/v1/Contact')
export class ContactsHistoryController {
  constructor(
    private readonly resources: ResourceService,
    private readonly store: ContactsStore,
  ) {}

  @Get(':id/history')
  @RequireScope('contacts:read')
  @RequireRole('admin', 'superadmin')
  @ApiHistory('History of a contact, newest first')
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
