import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { badRequest, conflict, notFound } from '../../common/http/problem.exception';
import { JsonObject } from '../../common/resource/document-checks';
import { TenantScope } from '../../tenancy/tenant-scope';
import { isStorableText } from '../../common/resource/storable-text';

const VISIBLE = `FROM customers WHERE ($1::uuid IS NULL OR company_id = $1) AND ($2::text IS NULL OR user_id = $2)`;
const BY_NUMBER = `SELECT id ${VISIBLE} AND customer_number = $3 LIMIT 2`;
const BY_ID = `SELECT id ${VISIBLE} AND id = $3 LIMIT 2`;
const BY_PERSONAL_ID = `SELECT id ${VISIBLE} AND personal_id = $3 AND ($4::int IS NULL OR personal_id_type_id = $4) LIMIT 2`;

/** The columns are PostgreSQL `integer`: a larger parameter fails the query (a 500), so it is 400 here. */
const MAX_INT32 = 2147483647;
const isInt32 = (value: unknown, min: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= MAX_INT32;

export interface Located {
  id: string;
  /** The body without the fields that named the record: the merge patch to apply. */
  patch: JsonObject;
  /**
   * Whether the record the write is based on still answers to the identifier: the lookup
   * runs first, and a personalId can change in between (the number and id cannot).
   */
  stillMatches(view: JsonObject): boolean;
}

/**
 * Seed 004: `PATCH /customers` names the record in its body: by `customerId` (the customer
 * number), by `id`, or by `personalId` (with `personalIdTypeId` when given). No visible
 * match is 404; a personalId matching several records is 409.
 */
export async function locateCustomer(
  manager: EntityManager,
  scope: TenantScope,
  onlyUser: string | null,
  body: JsonObject,
): Promise<Located> {
  const { customerNumber, id, personalId, personalIdTypeId, ...rest } = body;
  let rows: Array<{ id: string }>;
  let patch: JsonObject;
  let stillMatches: Located['stillMatches'] = () => true;
  const byNumber = customerNumber !== undefined && customerNumber !== null;
  if (byNumber) {
    requireCompany(scope);
    if (!isInt32(customerNumber, 1)) {
      throw badRequest('customerId must be a customer number.', [{ pointer: '/customerId', detail: `must be an integer from 1 to ${MAX_INT32}` }]);
    }
    rows = await manager.query(BY_NUMBER, [scope.companyId, onlyUser, customerNumber]);
    patch = withDefined(rest, { id, personalId, personalIdTypeId });
  } else if (id !== undefined && id !== null) {
    if (typeof id !== 'string' || !isUUID(id)) throw badRequest('id must be a uuid.', [{ pointer: '/id', detail: 'must be a uuid' }]);
    rows = await manager.query(BY_ID, [scope.companyId, onlyUser, id]);
    patch = withDefined(rest, { personalId, personalIdTypeId });
  } else if (typeof personalId === 'string' && personalId !== '') {
    requireCompany(scope);
    // PostgreSQL refuses NUL and lone surrogates even as a query parameter (500 otherwise).
    if (!isStorableText(personalId)) {
      throw badRequest('personalId is not valid text.', [
        { pointer: '/personalId', detail: 'must not contain NUL characters or unpaired surrogates' },
      ]);
    }
    const type = personalIdTypeId ?? null;
    if (type !== null && !isInt32(type, -MAX_INT32 - 1)) {
      throw badRequest('personalIdTypeId must be an integer.', [{ pointer: '/personalIdTypeId', detail: `must be an integer of at most ${MAX_INT32}` }]);
    }
    rows = await manager.query(BY_PERSONAL_ID, [scope.companyId, onlyUser, personalId, type]);
    patch = rest;
    stillMatches = (view) => view.personalId === personalId && (type === null || view.personalIdTypeId === type);
  } else {
    throw badRequest('Name the customer with customerId, id or personalId.', [
      { pointer: '/customerId', detail: 'customerId, id or personalId is required' },
    ]);
  }
  if (rows.length === 0) throw notFound();
  if (rows.length > 1) {
    throw conflict('More than one customer matches; add personalIdTypeId or use customerId.', [
      { pointer: '/personalId', detail: 'matches several customers' },
    ]);
  }
  return { id: rows[0].id, patch, stillMatches };
}

/**
 * Numbers and personalIds repeat across companies: without ?companyId= a superadmin (who sees
 * every company) would update whichever company's customer happened to match. Ids do not.
 */
function requireCompany(scope: TenantScope): void {
  if (scope.companyId !== null) return;
  throw badRequest('A superadmin must choose the company with ?companyId= to name a customer by customerId or personalId.', [
    { pointer: '/companyId', detail: 'is required for superadmin unless the body names the customer by id' },
  ]);
}

function withDefined(target: JsonObject, extra: JsonObject): JsonObject {
  const result = { ...target };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) result[key] = value;
  return result;
}
