import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole, RequireScope } from '../auth/auth.decorators';
import { Preconditions, ReadPreconditions } from '../common/concurrency/preconditions';
import { Caller, CurrentCaller } from '../common/http/caller';
import { DryRun } from '../common/http/dry-run.decorator';
import { PatchBody } from '../common/patch/patch-body.decorator';
import { PatchBody as PatchBodyValue } from '../common/patch/patch-request';
import { ApiCreate, ApiGet, ApiList, ApiPatch } from '../common/resource/resource-api.decorators';
import { ResourcePage, ResourceResponse } from '../common/resource/resource-response';
import { ResourceService } from '../common/resource/resource.service';
import { ResourceType } from '../common/resource/resource-type.decorator';
import { CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectsStore } from './customer-objects.store';

/** Seed 000: buildings and sites where services are performed. `user` may read, not write. */
@ApiTags('CustomerObjects')
@ApiBearerAuth()
@ResourceType(CustomerObjectResource)
@Controller('v2/objects')
export class CustomerObjectsController {
  constructor(
    private readonly resources: ResourceService,
    private readonly store: CustomerObjectsStore,
  ) {}

  @Post()
  @RequireScope('objects:write')
  @RequireRole('admin', 'superadmin')
  @ApiCreate(CustomerObjectResource, 'Create a customer object')
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Query('companyId') companyId: string | undefined,
    @DryRun() dryRun: boolean,
  ): Promise<ResourceResponse> {
    return this.resources.create(this.store, { caller, companyId, dryRun, body }, (record) => `/v2/objects/${record.id}`);
  }

  @Get()
  @RequireScope('objects:read')
  @ApiList(CustomerObjectResource, 'List customer objects, newest first')
  list(
    @CurrentCaller() caller: Caller,
    @Query('companyId') companyId?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<ResourcePage> {
    return this.resources.list(this.store, { caller, companyId, limit, cursor });
  }

  @Get(':id')
  @RequireScope('objects:read')
  @ApiGet(CustomerObjectResource, 'Get a customer object')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('companyId') companyId?: string): Promise<ResourceResponse> {
    return this.resources.get(this.store, { caller, id, companyId });
  }

  @Patch(':id')
  @RequireScope('objects:write')
  @RequireRole('admin', 'superadmin')
  @ApiPatch(CustomerObjectResource, 'Update a customer object: only provided fields are updated (seed 000)')
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
