import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { badRequest, conflict, notFound } from '../../common/http/problem.exception';
import { JsonObject } from '../../common/resource/document-checks';
import { TenantScope } from '../../tenancy/tenant-scope';
import { isStorableText } from '../../common/resource/storable-text';
import { entityColumns } from '../../database/entity-columns';
import { PreparedStatement } from '../../database/prepared-statement';
import { CustomerEntity } from '../customer.entity';

type Visible = 'companyId' | 'onlyUser';

/** The columns are PostgreSQL `integer`: a larger parameter fails the query (a 500), so it is 400 here. */
const MAX_INT32 = 2147483647;
const isInt32 = (value: unknown, min: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= MAX_INT32;
type Rows = Array<Pick<CustomerEntity, 'id'>>;

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
@Injectable()
export class CustomerLocator {
  private readonly byNumber: PreparedStatement<Visible | 'customerNumber'>;
  private readonly byId: PreparedStatement<Visible | 'id'>;
  private readonly byPersonalId: PreparedStatement<Visible | 'personalId' | 'personalIdTypeId'>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const { table, column } = entityColumns(dataSource, CustomerEntity);
    // Two rows are enough to tell one match from several.
    const visible = (condition: string) =>
      `SELECT ${column('id')} AS "id" FROM ${table}
        WHERE (:companyId::uuid IS NULL OR ${column('companyId')} = :companyId)
          AND (:onlyUser::text IS NULL OR ${column('userId')} = :onlyUser) AND ${condition} LIMIT 2`;
    this.byNumber = new PreparedStatement('customers.locate-by-number', visible(`${column('customerNumber')} = :customerNumber`));
    this.byId = new PreparedStatement('customers.locate-by-id', visible(`${column('id')} = :id`));
    this.byPersonalId = new PreparedStatement(
      'customers.locate-by-personal-id',
      visible(`${column('personalId')} = :personalId AND (:personalIdTypeId::int IS NULL OR ${column('personalIdTypeId')} = :personalIdTypeId)`),
    );
  }

  async locate(manager: EntityManager, scope: TenantScope, onlyUser: string | null, body: JsonObject): Promise<Located> {
    const visible = { companyId: scope.companyId, onlyUser };
    const { customerNumber, id, personalId, personalIdTypeId, ...rest } = body;
    let rows: Rows;
    let patch: JsonObject;
    let stillMatches: Located['stillMatches'] = () => true;
    if (customerNumber !== undefined && customerNumber !== null) {
      requireCompany(scope);
      if (!isInt32(customerNumber, 1)) {
        throw badRequest('customerId must be a customer number.', [{ pointer: '/customerId', detail: `must be an integer from 1 to ${MAX_INT32}` }]);
      }
      rows = await this.byNumber.run<Rows>(manager, { ...visible, customerNumber });
      patch = withDefined(rest, { id, personalId, personalIdTypeId });
    } else if (id !== undefined && id !== null) {
      if (typeof id !== 'string' || !isUUID(id)) throw badRequest('id must be a uuid.', [{ pointer: '/id', detail: 'must be a uuid' }]);
      rows = await this.byId.run<Rows>(manager, { ...visible, id });
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
      rows = await this.byPersonalId.run<Rows>(manager, { ...visible, personalId, personalIdTypeId: type });
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
