/** An entity-tag in a list header: optional `W/` then a quoted opaque tag (RFC 9110 §8.8.3). */
const ENTITY_TAG = /(?:W\/)?"[^"]*"|\*/g;

/** The opaque part of an entity-tag, so that `W/"3"` and `"3"` compare equal. */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/**
 * `If-None-Match` fails (the client's copy is current: 304) when it is `*` or names the
 * current ETag under the weak comparison RFC 9110 §13.1.2 prescribes for this header.
 * Own code because the usual helper (`fresh`) also applies `Cache-Control: no-cache` from
 * the request, which would make a revalidating browser always get 200.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = header.match(ENTITY_TAG) ?? [];
  return tags.some((tag) => tag === '*' || opaque(tag) === opaque(etag));
}
