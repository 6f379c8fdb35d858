import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RequireRole, RequireScope } from '../../auth/auth.decorators';
import { Caller, CurrentCaller } from '../../common/http/caller';
import { ProblemDto } from '../../common/http/problem.dto';
import { JsonObject } from '../../common/resource/document-checks';
import { ApiCommonResponses, problem } from '../../common/http/api-common-responses.decorator';
import { companyQuery } from '../../common/resource/resource-api.decorators';
import { CustomerComment } from '../comments/customer-comment';
import { CustomerExport, CustomerGdprService } from './customer-gdpr.service';
import { MAX_REASON_LENGTH } from './erasure';

/**
 * GDPR requests on a customer (API.md §6). A controller of its own, without the resource type,
 * so `$select` does not apply to an export.
 */
@ApiTags('Customers')
@ApiBearerAuth()
@ApiCommonResponses()
@ApiExtraModels(ProblemDto, CustomerComment)
@Controller('customers')
export class CustomerGdprController {
  constructor(private readonly gdpr: CustomerGdprService) {}

  @Get(':id/export')
  @RequireScope('customers:read')
  @ApiOperation({
    summary: 'Export everything stored about a customer (GDPR Art. 15/20)',
    description:
      'The customer itself, or an admin/superadmin with scope `gdpr` (others 403). One JSON document: the stored ' +
      'customer unmasked (with custom field values and access keys), all its comments and its whole history (audit rows, oldest first). ' +
      'The export itself is written to the audit log as a `read`.',
  })
  @companyQuery
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        exportedAt: { type: 'string', format: 'date-time' },
        customer: { type: 'object', description: 'The customer as stored, unmasked' },
        comments: { type: 'array', description: 'Every comment on the customer, newest first', items: { $ref: getSchemaPath(CustomerComment) } },
        history: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              at: { type: 'string', format: 'date-time' },
              actor: { type: 'object', properties: { sub: { type: 'string' }, role: { type: 'string' } } },
              requestId: { type: 'string' },
              kind: { type: 'string', enum: ['change', 'read', 'erased'] },
              reason: { type: 'string', nullable: true },
              ops: { type: 'array', items: { type: 'object' } },
            },
          },
        },
      },
    },
  })
  @problem(403, 'Neither the customer itself nor an admin with scope gdpr')
  @problem(404, 'No such customer, or one the caller may not see ("Not found.")')
  export(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('companyId') companyId?: string): Promise<CustomerExport> {
    return this.gdpr.export(caller, id, companyId);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @RequireScope('gdpr')
  @RequireRole('admin', 'superadmin')
  @ApiOperation({
    summary: 'Erase (anonymise) a customer (GDPR Art. 17)',
    description:
      'Admin/superadmin with scope `gdpr`. In one transaction: every GDPR-protected field, personalId, identityNumber, ' +
      'notes, extRef, customProperties, invoiceAddress, imageUrl, custom field values and access keys are cleared, ' +
      '`erasedAt` is set, the version is bumped and an audit row of kind `erased` records who and why (no values); the ' +
      'values earlier audit rows hold of those fields become "***". Id, number and company stay, so references stay ' +
      'valid. Later writes to the customer are 409; a second erasure is 409 too (nothing changes).',
  })
  @companyQuery
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reason'],
      additionalProperties: false,
      properties: { reason: { type: 'string', minLength: 1, maxLength: MAX_REASON_LENGTH } },
    },
  })
  @ApiResponse({ status: 200, description: 'The erased customer (as the caller sees it)' })
  @problem(400, 'The body is not an object or has other fields than reason')
  @problem(403, 'Not an admin/superadmin, or no scope gdpr')
  @problem(404, 'No such customer, or one the caller may not see ("Not found.")')
  @problem(409, 'The customer is already erased')
  @problem(422, 'reason missing, empty or too long')
  erase(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query('companyId') companyId?: string,
  ): Promise<JsonObject> {
    return this.gdpr.erase(caller, id, body, companyId);
  }
}
