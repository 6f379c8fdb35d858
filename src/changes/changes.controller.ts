import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { hasScope } from '../auth/actor';
import { RequireRole } from '../auth/auth.decorators';
import { Caller, CurrentCaller } from '../common/http/caller';
import { badRequest, forbidden } from '../common/http/problem.exception';
import { ApiCommonResponses, problem } from '../common/http/api-common-responses.decorator';
import { pageSize } from '../common/pagination/page';
import { resolveTenantScope } from '../tenancy/tenant-scope';
import { ChangeFeedService, ChangePage } from './change-feed.service';
import { CHANGE_RESOURCE_NAMES, CHANGE_RESOURCES, ChangeResource } from './change-resources';

class ChangeActorDto {
  @ApiProperty()
  sub!: string;

  @ApiProperty({ enum: ['user', 'admin', 'superadmin'] })
  role!: string;
}

class ChangeDto {
  @ApiProperty({ description: 'Position of the change in the audit log (a decimal integer)', example: '1234' })
  id!: string;

  @ApiProperty({ enum: CHANGE_RESOURCE_NAMES })
  resource!: string;

  @ApiProperty({ description: 'The record id (`_id`, `contactId` or `id` of the resource)' })
  resourceId!: string;

  @ApiProperty({ enum: ['created', 'updated', 'erased'] })
  kind!: string;

  @ApiProperty({ description: 'The record version after this change (its ETag counts the same)' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: ChangeActorDto })
  actor!: ChangeActorDto;

  @ApiProperty({ description: 'RFC 6902 diff from before to after; GDPR-protected values are "***"', type: 'array', items: { type: 'object' } })
  ops!: unknown[];
}

class ChangePageDto {
  @ApiProperty({ type: [ChangeDto] })
  items!: ChangeDto[];

  @ApiProperty({ description: 'Pass as `since` for the next page; always set (poll it when `items` is empty)' })
  nextCursor!: string;
}

/** `GET /changes` (API.md §5): what changed, for partners keeping a copy in sync. */
@ApiTags('Changes')
@ApiBearerAuth()
@ApiCommonResponses()
@Controller('changes')
export class ChangesController {
  constructor(private readonly feed: ChangeFeedService) {}

  @Get()
  @RequireRole('admin', 'superadmin')
  @ApiOperation({
    summary: 'Committed changes, oldest first',
    description:
      'Follow `nextCursor` (as `since`) to read every committed change exactly once: the feed only shows changes whose ' +
      'transaction and every older one have ended, so a change committing late is never skipped. Per record, changes ' +
      'come in version order. Without `resource`, the resources the token may read (`<resource>:read`) are returned; ' +
      'naming one without its scope is 403. Read audits are not changes.',
  })
  @ApiQuery({ name: 'since', required: false, description: 'Opaque cursor: the nextCursor of the previous page. Absent: the oldest retained change' })
  @ApiQuery({ name: 'limit', required: false, description: '1..200, default 50' })
  @ApiQuery({ name: 'resource', required: false, enum: CHANGE_RESOURCE_NAMES })
  @ApiQuery({ name: 'companyId', required: false, description: 'Superadmin: the company (absent: every company). Admin: blank or its own' })
  @ApiOkResponse({ type: ChangePageDto })
  @problem(400, 'Bad since, limit or resource')
  @problem(403, 'The user role, or a token without the resource’s read scope')
  @problem(404, 'companyId of another company')
  changes(
    @CurrentCaller() caller: Caller,
    @Query('since') since?: string,
    @Query('limit') limit?: string,
    @Query('resource') resource?: string,
    @Query('companyId') companyId?: string,
  ): Promise<ChangePage> {
    const scope = resolveTenantScope(caller.actor, companyId);
    return this.feed.page(scope, readableResources(caller, resource), pageSize(limit), since);
  }
}

/** The resources this caller may read: the one it names (403 without its scope), or all it may. */
function readableResources(caller: Caller, name: string | undefined): ChangeResource[] {
  if (name !== undefined && name !== '') {
    const resource = CHANGE_RESOURCES.find((candidate) => candidate.name === name);
    if (!resource) {
      throw badRequest(`resource must be one of ${CHANGE_RESOURCE_NAMES.join(', ')}.`, [
        { pointer: '/resource', detail: `must be one of ${CHANGE_RESOURCE_NAMES.join(', ')}` },
      ]);
    }
    if (!hasScope(caller.actor, resource.scope)) throw forbidden(`The token lacks the scope "${resource.scope}".`);
    return [resource];
  }
  const readable = CHANGE_RESOURCES.filter((resource) => hasScope(caller.actor, resource.scope));
  if (!readable.length) throw forbidden(`The token lacks a read scope (${CHANGE_RESOURCES.map((r) => r.scope).join(', ')}).`);
  return readable;
}
