import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOperation, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators';
import { Caller, CurrentCaller } from '../../common/http/caller';
import { ApiCommonResponses, problem } from '../../common/http/api-common-responses.decorator';
import { XmlDocument } from '../../common/http/xml/xml-document.decorator';
import { PatchBody } from '../../common/patch/patch-body.decorator';
import { PatchBody as RawBody } from '../../common/patch/patch-request';
import { COMMENT_PAGE_SHAPE, COMMENT_SHAPE, CommentAnswer, CommentPage } from './comment-answers';
import { COMMENT_MAX_LENGTH, COMMENTS_IN_DOCUMENT, CustomerComment } from './customer-comment';
import { CustomerCommentsService } from './customer-comments.service';

const companyQuery = ApiQuery({ name: 'companyId', required: false, description: 'Superadmin: the company; admin/user: blank or their own' });
const WHO =
  'Admins of the customer’s company, or the customer itself (a `user` whose sub is its userId); any other customer is 404. ' +
  'At restrictedTypeId 1 and 2 comments are protected personal data: 403 unless the caller is the customer or holds scope `gdpr`.';

/** Seed 003's customer comments (API.md §4). */
@ApiTags('Customers')
@ApiBearerAuth()
@ApiCommonResponses()
@ApiExtraModels(CustomerComment)
@Controller('customers')
export class CustomerCommentsController {
  constructor(private readonly comments: CustomerCommentsService) {}

  @Post(':id/comments')
  @RequireScope('customers:write')
  @ApiOperation({
    summary: 'Add a comment to a customer (seed 003)',
    description:
      `${WHO} \`comments\` is 1..${COMMENT_MAX_LENGTH} characters, \`imageUrl\` an http(s) URL or null. The customer's ` +
      `version (ETag) changes, its history gets a change entry (values "***"), and its document's \`comments\` shows the ` +
      `newest ${COMMENTS_IN_DOCUMENT}. A self-update of a customer whose editableByCustomer is false is 403.`,
  })
  @companyQuery
  @ApiBody({
    schema: {
      type: 'object',
      required: ['comments'],
      properties: {
        comments: { type: 'string', minLength: 1, maxLength: COMMENT_MAX_LENGTH },
        imageUrl: { type: 'string', format: 'uri', nullable: true },
      },
    },
    // Seed 003's own sample in camelCase; its PascalCase `Comments` binds because names are case-insensitive.
    examples: { seed003: { summary: 'Seed 003', value: { comments: 'Prefers morning appointments', imageUrl: 'https://example.com/door.jpg' } } },
  })
  @ApiResponse({ status: 201, type: CustomerComment, description: 'The comment; listed at GET /customers/{id}/comments' })
  @problem(400, 'Not JSON, not an object, or an unknown member')
  @problem(403, 'Scope or GDPR protection (see above)')
  @problem(404, 'No such customer, or one the caller may not see')
  @problem(415, 'Not JSON')
  @problem(422, 'Invalid comments or imageUrl, one entry per problem')
  @XmlDocument('CustomerComment', COMMENT_SHAPE)
  add(
    @CurrentCaller() caller: Caller,
    @Param('id') customerId: string,
    @PatchBody() body: RawBody,
    @Query('companyId') companyId?: string,
  ): Promise<CommentAnswer> {
    return this.comments.add({ caller, customerId, companyId, payload: body.payload });
  }

  @Get(':id/comments')
  @RequireScope('customers:read')
  @ApiOperation({ summary: 'A customer’s comments, newest first (seed 003)', description: `${WHO} Level-2 reads are audited.` })
  @companyQuery
  @ApiQuery({ name: 'limit', required: false, description: '1..200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'Opaque; the nextCursor of the previous page' })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: getSchemaPath(CustomerComment) } }, nextCursor: { type: 'string', nullable: true } },
    },
  })
  @problem(400, 'Bad limit or cursor')
  @problem(403, 'Scope or GDPR protection (see above)')
  @problem(404, 'No such customer, or one the caller may not see')
  @XmlDocument('CustomerCommentList', COMMENT_PAGE_SHAPE)
  list(
    @CurrentCaller() caller: Caller,
    @Param('id') customerId: string,
    @Query('companyId') companyId?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<CommentPage> {
    return this.comments.list({ caller, customerId, companyId, limit, cursor });
  }
}
