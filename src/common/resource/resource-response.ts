import { JsonObject } from './document-checks';

/** One record on its way out: shapeAnswer adds ETag/Last-Modified, Prefer and $select. */
export class ResourceResponse {
  constructor(
    readonly document: JsonObject,
    readonly options: {
      /** Absent for dry runs: nothing was stored, so there is no version to name. */
      version?: number;
      updatedAt?: Date;
      /** 201 plus Location for creates. */
      created?: { location: string };
      /** The stored answer of an earlier request with the same Idempotency-Key (Idempotent-Replayed). */
      replayed?: boolean;
    } = {},
  ) {}
}

/** A page of records, newest first. */
export class ResourcePage {
  constructor(
    readonly items: JsonObject[],
    readonly nextCursor: string | null,
  ) {}
}
