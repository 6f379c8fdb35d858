import { UnreadableBody } from '../../common/http/body-parsers';
import { ProblemException } from '../../common/http/problem.exception';
import { parseNewComment } from './comment-request';

function problemOf(run: () => unknown): { status: number; errors?: Array<{ pointer: string; detail: string }> } {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.problem.status, errors: error.problem.errors };
    throw error;
  }
  throw new Error('expected a problem');
}

describe('parseNewComment (POST /customers/:id/comments)', () => {
  it('binds seed 003 PascalCase names and defaults imageUrl to null', () => {
    expect(parseNewComment({ Comments: 'Called back', ImageUrl: 'https://example.com/a.png' })).toEqual({
      comments: 'Called back',
      imageUrl: 'https://example.com/a.png',
    });
    expect(parseNewComment({ comments: 'x' })).toEqual({ comments: 'x', imageUrl: null });
  });

  it('takes 2000 characters and refuses 2001 with 422 at /comments', () => {
    expect(parseNewComment({ comments: 'a'.repeat(2000) }).comments).toHaveLength(2000);
    expect(problemOf(() => parseNewComment({ comments: 'a'.repeat(2001) }))).toEqual({
      status: 422,
      errors: [{ pointer: '/comments', detail: 'must be at most 2000 characters' }],
    });
  });

  it('refuses a missing or blank text, a non-http(s) imageUrl and unstorable text with 422', () => {
    expect(problemOf(() => parseNewComment({})).errors?.[0].pointer).toBe('/comments');
    expect(problemOf(() => parseNewComment({ comments: '  ' })).status).toBe(422);
    expect(problemOf(() => parseNewComment({ comments: 'x', imageUrl: 'javascript:alert(1)' })).errors).toEqual([
      { pointer: '/imageUrl', detail: expect.stringContaining('http(s) URL') },
    ]);
    expect(problemOf(() => parseNewComment({ comments: 'a\u0000b' })).errors?.[0].pointer).toBe('/comments');
  });

  it('refuses unknown members and non-objects with 400, unreadable bodies with their status', () => {
    expect(problemOf(() => parseNewComment({ comments: 'x', id: 3 }))).toEqual({
      status: 400,
      errors: [{ pointer: '/id', detail: 'is not a field of a comment' }],
    });
    expect(problemOf(() => parseNewComment(['x'])).status).toBe(400);
    expect(problemOf(() => parseNewComment(new UnreadableBody(415, 'no'))).status).toBe(415);
  });
});
