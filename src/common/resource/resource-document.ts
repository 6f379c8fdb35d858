/**
 * The JSON document of resource class T, as stored records, the caller's views and a create's
 * empty document carry it: every declared field is present (completeShape fills them), and any
 * top-level one may be null (unset, cleared, masked, or not yet given on create). Nested
 * classes become their documents; their fields are as declared (an optional one as null),
 * since a stored document was validated.
 *
 * Documents between a patch and its validation are plain JsonObjects: they may hold anything.
 */
export type ResourceDocument<T> = { [K in keyof T]-?: JsonOf<T[K]> | null };

type NestedDocument<T> = { [K in keyof T]-?: JsonOf<T[K]> };

/** A class property's JSON value: free-form and scalars as they are, arrays item by item, objects as documents. */
type JsonOf<V> = unknown extends V
  ? unknown
  : V extends string | number | boolean | null
    ? V
    : V extends undefined
      ? never
      : V extends ReadonlyArray<infer Item>
        ? Array<JsonOf<Item>>
        : V extends object
          ? NestedDocument<V>
          : never;
