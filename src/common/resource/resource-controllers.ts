import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Type, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, Scope } from '../../auth/actor';
import { RequireRole, RequireScope } from '../../auth/auth.decorators';
import { Caller, CurrentCaller } from '../http/caller';
import { DryRun } from '../http/dry-run.decorator';
import { HISTORY_PAGE_SHAPE } from '../http/xml/document-shapes';
import { XmlDocument } from '../http/xml/xml-document.decorator';
import { ApiCommonResponses } from '../http/api-common-responses.decorator';
import { ListFilter } from './list-filters';
import { ApiCreate, ApiGet, ApiHistory, ApiList, ApiPatch, PatchExamples } from './resource-api.decorators';
import { ResourcePage, ResourceResponse } from './resource-response';
import { ResourceDefinition } from './resource-policy';
import { ResourceType } from './resource-type.decorator';
import { ResourceService, WriteRequest } from './resource.service';
import { RecordWriteOf } from './write-input.decorator';

export interface ResourceRoutes {
  /** Route prefix, e.g. `v2/objects`. */
  path: string;
  /** OpenAPI tag. */
  tag: string;
  /** The resource class (fields, rules, docs). */
  type: Type;
  /** The module's ResourceDefinition provider (resource class, repository, policy). */
  definition: Type<ResourceDefinition>;
  scopes: { read: Scope; write: Scope };
  /** Who may PATCH (API.md §1.2: `user` only on Customers, for itself). */
  writers: Role[];
  /** Singular name for the OpenAPI summaries, e.g. `customer object`. */
  noun: string;
  /** The filters its list takes (API.md §6), documented as query parameters. */
  filters: readonly ListFilter[];
  /** The seed's PATCH examples for the OpenAPI document (they must validate against its schemas). */
  patchExamples: PatchExamples;
}

const classDecorators = (routes: Pick<ResourceRoutes, 'path' | 'tag'>) =>
  applyDecorators(ApiTags(routes.tag), ApiBearerAuth(), ApiCommonResponses(), Controller(routes.path));

/**
 * The routes every resource has (API.md §1.7, §1.4): create, list, get and PATCH, each one
 * line into ResourceService. A module declares its routes with this and may extend the class
 * with its own doors (Customers' PUT and PATCH by identifier).
 */
export function ResourceController(routes: ResourceRoutes) {
  @classDecorators(routes)
  @ResourceType(routes.type)
  class ResourceControllerBase {
    constructor(
      readonly resources: ResourceService,
      @Inject(routes.definition) readonly resource: ResourceDefinition,
    ) {}

    @Post()
    @RequireScope(routes.scopes.write)
    @RequireRole('admin', 'superadmin')
    @ApiCreate(routes.type, `Create a ${routes.noun}`)
    create(
      @CurrentCaller() caller: Caller,
      @Body() body: unknown,
      @Query('companyId') companyId: string | undefined,
      @DryRun() dryRun: boolean,
    ): Promise<ResourceResponse> {
      return this.resources.create(this.resource, { caller, companyId, dryRun, body }, (record) => `${caller.baseUrl}/${routes.path}/${record.id}`);
    }

    @Get()
    @RequireScope(routes.scopes.read)
    @ApiList(routes.type, `List ${routes.noun}s, newest first`, routes.filters)
    list(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>): Promise<ResourcePage> {
      return this.resources.list(this.resource, { caller, query });
    }

    @Get(':id')
    @RequireScope(routes.scopes.read)
    @ApiGet(routes.type, `Get a ${routes.noun}`)
    get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('companyId') companyId?: string): Promise<ResourceResponse> {
      return this.resources.get(this.resource, { caller, id, companyId });
    }

    @Patch(':id')
    @RequireScope(routes.scopes.write)
    @RequireRole(...routes.writers)
    @ApiPatch(routes.type, `Update a ${routes.noun}: JSON Patch or merge patch`, routes.patchExamples)
    update(@RecordWriteOf() request: WriteRequest): Promise<ResourceResponse> {
      return this.resources.update(this.resource, request);
    }
  }
  return ResourceControllerBase;
}

/**
 * `GET <path>/:id/history` (API.md §1.8), for admins. A controller of its own, without the
 * resource type, so `$select` does not apply to history entries.
 */
export function HistoryController(routes: Pick<ResourceRoutes, 'path' | 'tag' | 'definition' | 'scopes' | 'noun'>) {
  @classDecorators(routes)
  class HistoryControllerBase {
    constructor(
      readonly resources: ResourceService,
      @Inject(routes.definition) readonly resource: ResourceDefinition,
    ) {}

    @Get(':id/history')
    @RequireScope(routes.scopes.read)
    @RequireRole('admin', 'superadmin')
    @ApiHistory(`History of a ${routes.noun}, newest first`)
    @XmlDocument('History', HISTORY_PAGE_SHAPE)
    history(
      @CurrentCaller() caller: Caller,
      @Param('id') id: string,
      @Query('companyId') companyId?: string,
      @Query('limit') limit?: string,
      @Query('cursor') cursor?: string,
    ) {
      return this.resources.history(this.resource, { caller, id, companyId, limit, cursor });
    }
  }
  return HistoryControllerBase;
}
