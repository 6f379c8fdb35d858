import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { RequireRole, RequireScope } from '../auth/auth.decorators';
import { Caller, CurrentCaller } from '../common/http/caller';
import { ApiCommonResponses, problem } from '../common/http/api-common-responses.decorator';
import { Page, pageSize } from '../common/pagination/page';
import { companyForCreate, resolveTenantScope } from '../tenancy/tenant-scope';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import {
  CreateWebhookDto,
  DeliveryDto,
  DeliveryPageDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookPageDto,
  WebhookWithSecretDto,
} from './webhook-subscription.dto';

const companyQuery = ApiQuery({
  name: 'companyId',
  required: false,
  description: 'Superadmin: the company (required on create). Admin: blank or its own (another is 404).',
});

/** Answers every route here may give besides its own. */
const common = applyDecorators(
  companyQuery,
  problem(403, 'Not an admin, or the token lacks webhooks:manage'),
  problem(404, 'No such subscription in the company ("Not found.")'),
);
const pageQueries = applyDecorators(
  ApiQuery({ name: 'limit', required: false, description: '1..200, default 50' }),
  ApiQuery({ name: 'cursor', required: false, description: 'Opaque; the nextCursor of the previous page' }),
);

/**
 * Webhook subscriptions (API.md §5), managed by a company's admins. Thin: each route is one
 * call into the service with the caller's company.
 */
@ApiTags('Webhooks')
@ApiBearerAuth()
@ApiCommonResponses()
@Controller('webhooks')
@RequireScope('webhooks:manage')
@RequireRole('admin', 'superadmin')
export class WebhooksController {
  constructor(private readonly subscriptions: WebhookSubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a URL to change events',
    description:
      'Each committed change matching `events` is POSTed to `url` with the Standard Webhooks headers, signed with the ' +
      '`secret`, which is shown only in this answer.',
  })
  @common
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @problem(400, 'Unknown field, bad events list')
  @problem(422, 'The URL is not https, or its host is loopback, private, link-local or metadata (errors[].pointer /url)')
  create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookDto, @Query('companyId') companyId?: string): Promise<WebhookWithSecretDto> {
    return this.subscriptions.create(companyForCreate(caller.actor, companyId), body);
  }

  @Get()
  @ApiOperation({ summary: 'The company’s subscriptions, newest first (no secrets)' })
  @common
  @pageQueries
  @ApiOkResponse({ type: WebhookPageDto })
  @problem(400, 'Bad limit or cursor')
  list(
    @CurrentCaller() caller: Caller,
    @Query('companyId') companyId?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<Page<WebhookDto>> {
    return this.subscriptions.list(resolveTenantScope(caller.actor, companyId), pageSize(limit), cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription (no secret)' })
  @common
  @ApiOkResponse({ type: WebhookDto })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('companyId') companyId?: string): Promise<WebhookDto> {
    return this.subscriptions.get(resolveTenantScope(caller.actor, companyId), id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change url, events, enabled or description', description: 'A JSON object; fields left out stay.' })
  @common
  @ApiOkResponse({ type: WebhookDto })
  @problem(400, 'Unknown field, bad events list')
  @problem(422, 'The URL is refused (see POST)')
  update(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
    @Query('companyId') companyId?: string,
  ): Promise<WebhookDto> {
    return this.subscriptions.update(resolveTenantScope(caller.actor, companyId), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe; its pending deliveries are dropped' })
  @common
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('companyId') companyId?: string): Promise<void> {
    return this.subscriptions.remove(resolveTenantScope(caller.actor, companyId), id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the signing secret',
    description: 'The new secret, shown only here, signs every delivery from now on (retries too); the old one stops at once.',
  })
  @common
  @ApiOkResponse({ type: WebhookWithSecretDto })
  rotateSecret(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('companyId') companyId?: string): Promise<WebhookWithSecretDto> {
    return this.subscriptions.rotateSecret(resolveTenantScope(caller.actor, companyId), id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries of this subscription, newest change first, with every attempt (at, status, duration, error)' })
  @common
  @pageQueries
  @ApiOkResponse({ type: DeliveryPageDto })
  @problem(400, 'Bad limit or cursor')
  deliveries(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query('companyId') companyId?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<Page<DeliveryDto>> {
    return this.subscriptions.deliveries(resolveTenantScope(caller.actor, companyId), id, pageSize(limit), cursor);
  }
}
