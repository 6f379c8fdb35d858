import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { RequireRole, RequireScope } from '../auth/auth.decorators';
import { Preconditions, ReadPreconditions } from '../common/concurrency/preconditions';
import { Caller, CurrentCaller } from '../common/http/caller';
import { DryRun } from '../common/http/dry-run.decorator';
import { PatchBody } from '../common/patch/patch-body.decorator';
import { PatchBody as PatchBodyValue } from '../common/patch/patch-request';
import { ApiCreate, ApiGet, ApiList, ApiPatch } from '../common/resource/resource-api.decorators';
import { ResourcePage, ResourceResponse } from '../common/resource/resource-response';
import { ResourceType } from '../common/resource/resource-type.decorator';
import { ResourceService } from '../common/resource/resource.service';
import { ContactResource } from './contact.resource';
import { ContactsStore } from './contacts.store';

/** Seed 002: SuperOffice-style contacts. `user` may read, not write. */
@ApiTags('Contacts')
@ApiBearerAuth()
@ApiHeader({ name: 'Time-Zone', required: false, description: 'IANA zone for date-times in the response (also SO-TimeZone)' })
@ApiHeader({ name: 'Accept', required: false, description: 'application/json (default), application/xml or text/xml' })
@ResourceType(ContactResource)
@Controller('api/v1/Contact')
export class ContactsController {
  constructor(
    private readonly resources: ResourceService,
    private readonly store: ContactsStore,
  ) {}

  @Post()
  @RequireScope('contacts:write')
  @RequireRole('admin', 'superadmin')
  @ApiCreate(ContactResource, 'Create a contact')
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Query('companyId') companyId: string | undefined,
    @DryRun() dryRun: boolean,
  ): Promise<ResourceResponse> {
    return this.resources.create(this.store, { caller, companyId, dryRun, body }, (record) => `/api/v1/Contact/${record.id}`);
  }

  @Get()
  @RequireScope('contacts:read')
  @ApiList(ContactResource, 'List contacts, newest first')
  list(
    @CurrentCaller() caller: Caller,
    @Query('companyId') companyId?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<ResourcePage> {
    return this.resources.list(this.store, { caller, companyId, limit, cursor });
  }

  @Get(':id')
  @RequireScope('contacts:read')
  @ApiGet(ContactResource, 'Get a contact')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('companyId') companyId?: string): Promise<ResourceResponse> {
    return this.resources.get(this.store, { caller, id, companyId });
  }

  @Patch(':id')
  @RequireScope('contacts:write')
  @RequireRole('admin', 'superadmin')
  @ApiPatch(ContactResource, 'Update a contact with a JSON Patch or a JSON Merge Patch (seed 002)', {
    merge: { Department: 'foo' },
    jsonPatch: [{ op: 'replace', path: '/Department', value: 'foo' }],
  })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @PatchBody() body: PatchBodyValue,
    @ReadPreconditions() preconditions: Preconditions,
    @DryRun() dryRun: boolean,
    @Query('companyId') companyId?: string,
  ): Promise<ResourceResponse> {
    return this.resources.update(this.store, { caller, id, companyId, body, preconditions, dryRun });
  }
}
