import { formatInZone } from '../../common/http/time-zone';
import { ZoneRenderable } from '../../common/http/zone-renderable';
import { DATA, fieldsShape, pageShape, XmlShape } from '../../common/http/xml/xml-shape';
import { CustomerComment } from './customer-comment';

const inZone = (comment: CustomerComment, zone: string): CustomerComment => ({
  ...comment,
  created: formatInZone(comment.created, zone),
  updated: formatInZone(comment.updated, zone),
});

/** A comment as answered by POST; its stamps follow Time-Zone like every date-time. */
export class CommentAnswer implements ZoneRenderable {
  constructor(readonly comment: CustomerComment) {}

  inZone(zone: string): CommentAnswer {
    return new CommentAnswer(inZone(this.comment, zone));
  }

  toJSON(): CustomerComment {
    return this.comment;
  }
}

/** A page of comments, newest first (`{items, nextCursor}` like every list). */
export class CommentPage implements ZoneRenderable {
  constructor(
    readonly items: CustomerComment[],
    readonly nextCursor: string | null,
  ) {}

  inZone(zone: string): CommentPage {
    return new CommentPage(this.items.map((comment) => inZone(comment, zone)), this.nextCursor);
  }
}

export const COMMENT_SHAPE = fieldsShape({
  id: DATA,
  comments: DATA,
  imageUrl: DATA,
  created: DATA,
  updated: DATA,
} satisfies Record<keyof CustomerComment, XmlShape>);
export const COMMENT_PAGE_SHAPE = pageShape(COMMENT_SHAPE);
