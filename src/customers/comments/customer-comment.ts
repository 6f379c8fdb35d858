import { DataSource } from 'typeorm';
import { Field } from '../../common/resource/field.decorator';
import { entityColumns } from '../../database/entity-columns';
import { CustomerEntity } from '../customer.entity';
import { CustomerCommentEntity } from './customer-comment.entity';

/** How many of the newest comments the customer document carries; all are at GET /customers/:id/comments. */
export const COMMENTS_IN_DOCUMENT = 20;
export const COMMENT_MAX_LENGTH = 2000;

/** One comment on a customer (seed 003's CustomerCommentsResponse; the customer is the path). */
export class CustomerComment {
  @Field({ kind: 'integer', readOnly: true }) id!: number;
  @Field({ kind: 'string', readOnly: true, api: { maxLength: COMMENT_MAX_LENGTH } }) comments!: string;
  @Field({ kind: 'string', readOnly: true, api: { format: 'uri', nullable: true } }) imageUrl!: string | null;
  @Field({ kind: 'string', readOnly: true, api: { format: 'date-time' } }) created!: string;
  @Field({ kind: 'string', readOnly: true, api: { format: 'date-time' } }) updated!: string;
}

/** A comment as read: the entity's columns (jsonb of the customer's subselect gives the dates as text). */
export type CommentRow = Pick<CustomerCommentEntity, 'id' | 'comments' | 'imageUrl'> & { createdAt: Date | string; updatedAt: Date | string };

/** The API view of a row; timestamps as ISO 8601 UTC like every other date-time. */
export function toComment(row: CommentRow): CustomerComment {
  return {
    id: row.id,
    comments: row.comments,
    imageUrl: row.imageUrl,
    created: new Date(row.createdAt).toISOString(),
    updated: new Date(row.updatedAt).toISOString(),
  };
}

/**
 * SQL of the customer row `t`'s `recentComments` result column: its newest COMMENTS_IN_DOCUMENT
 * comments, newest first, read in the same statement as the customer. Names from the entities.
 */
export function recentCommentsColumn(dataSource: DataSource): string {
  const { table, column } = entityColumns(dataSource, CustomerCommentEntity);
  const customer = entityColumns(dataSource, CustomerEntity);
  const fields = (['id', 'comments', 'imageUrl', 'createdAt', 'updatedAt'] as const).map((property) => `'${property}', r.${column(property)}`);
  const newest = (alias: string) => `${alias}.${column('createdAt')} DESC, ${alias}.${column('id')} DESC`;
  return `(SELECT coalesce(jsonb_agg(jsonb_build_object(${fields.join(', ')}) ORDER BY ${newest('r')}), '[]')
     FROM (SELECT k.* FROM ${table} k WHERE k.${column('companyId')} = t.${customer.column('companyId')} AND k.${column('customerId')} = t.${customer.column('id')}
           ORDER BY ${newest('k')} LIMIT ${COMMENTS_IN_DOCUMENT}) r) AS "recentComments"`;
}
