import { isURL } from 'class-validator';
import { UnreadableBody } from '../../common/http/body-parsers';
import { badRequest, ProblemException, ProblemFieldError, unprocessable } from '../../common/http/problem.exception';
import { isStorableText } from '../../common/resource/storable-text';
import { COMMENT_MAX_LENGTH } from './customer-comment';

export interface NewComment {
  comments: string;
  imageUrl: string | null;
}

const URL_MAX_LENGTH = 2000;
/** Member names, matched ignoring case like every input name (API.md §1), so seed 003's `Comments` binds. */
const MEMBERS: Record<string, keyof NewComment> = { comments: 'comments', imageurl: 'imageUrl' };

/**
 * `POST /customers/:id/comments` body (API.md §4): `{comments, imageUrl?}`. Not JSON is 400
 * (415 for another media type), an unknown member 400, a bad value 422 with its pointer.
 */
export function parseNewComment(payload: unknown): NewComment {
  if (payload instanceof UnreadableBody) throw new ProblemException({ status: payload.status, detail: payload.detail });
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw badRequest('The body must be a JSON object {comments, imageUrl?}.');
  }
  const values: Partial<Record<keyof NewComment, unknown>> = {};
  const unknown: ProblemFieldError[] = [];
  for (const [key, value] of Object.entries(payload)) {
    const member = MEMBERS[key.toLowerCase()];
    if (!member) unknown.push({ pointer: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, detail: 'is not a field of a comment' });
    else values[member] = value;
  }
  if (unknown.length) throw badRequest('The body has unknown fields.', unknown);

  const problems: ProblemFieldError[] = [];
  const { comments, imageUrl = null } = values;
  if (typeof comments !== 'string' || comments.trim() === '') {
    problems.push({ pointer: '/comments', detail: 'is required: a non-empty string' });
  } else if (comments.length > COMMENT_MAX_LENGTH) {
    problems.push({ pointer: '/comments', detail: `must be at most ${COMMENT_MAX_LENGTH} characters` });
  } else if (!isStorableText(comments)) {
    problems.push({ pointer: '/comments', detail: 'must not contain NUL characters or unpaired surrogates' });
  }
  if (imageUrl !== null) {
    const valid =
      typeof imageUrl === 'string' &&
      imageUrl.length <= URL_MAX_LENGTH &&
      isURL(imageUrl, { protocols: ['http', 'https'], require_protocol: true });
    if (!valid) problems.push({ pointer: '/imageUrl', detail: `must be an http(s) URL of at most ${URL_MAX_LENGTH} characters, or null` });
  }
  if (problems.length) throw unprocessable(problems);
  return { comments: comments as string, imageUrl: imageUrl as string | null };
}
