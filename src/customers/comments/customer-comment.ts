import { Field } from '../../common/resource/field.decorator';

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

/** A comment row as the store's subselect (jsonb) or a RETURNING gives it. */
export interface CommentRow {
  id: number;
  comments: string;
  image_url: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** The API view of a row; timestamps as ISO 8601 UTC like every other date-time. */
export function toComment(row: CommentRow): CustomerComment {
  return {
    id: row.id,
    comments: row.comments,
    imageUrl: row.image_url,
    created: new Date(row.created_at).toISOString(),
    updated: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The customer document's `comments` column: its newest COMMENTS_IN_DOCUMENT comments, newest
 * first, read in the same statement as the customer (`c`). A constant text, no input in it.
 */
export const RECENT_COMMENTS = `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'comments', r.comments, 'image_url', r.image_url,
      'created_at', r.created_at, 'updated_at', r.updated_at) ORDER BY r.created_at DESC, r.id DESC), '[]')
   FROM (SELECT k.* FROM customer_comments k WHERE k.company_id = c.company_id AND k.customer_id = c.id
         ORDER BY k.created_at DESC, k.id DESC LIMIT ${COMMENTS_IN_DOCUMENT}) r) AS recent_comments`;
