import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { auditedWriteSql, CHANGE_AUDIT_PARAMETERS, ChangeAudit, changeAuditParameters, ChangeAuditParameters } from '../audit/audited-statement';
import { FilterValues, ListFilter } from '../common/resource/list-filters';
import { entityColumns } from './entity-columns';
import { listFilterSql } from './list-filter-sql';
import { PreparedStatement } from './prepared-statement';

/** A column's property name on entity E. */
export type ColumnOf<E> = keyof E & string;

/** A tenant table's entity: company, the version the optimistic write checks, creation time. */
export interface TenantRecordEntity {
  companyId: string;
  version: number;
  createdAt: Date;
}

export interface RecordTableOptions<E, I extends ColumnOf<E>, S extends ColumnOf<E>> {
  /** Prefix of the statements' names, e.g. `customers`. */
  name: string;
  /** The record's id within its company (with company_id, the primary key). */
  id: I;
  /** Columns only an insert sets (numbers, creation stamps): an update leaves them as they are. */
  insertOnly: readonly S[];
  /** A column that narrows visibility to `onlyUser` when that is given (Customers: a `user` sees itself). */
  owner?: ColumnOf<E>;
  /** More result columns per row, SQL over the row alias `t` (Customers: the company's custom field configs). */
  extraColumns?: string;
  /** The filters its lists take (API.md §6). */
  filters?: readonly ListFilter[];
  /** A column > 0 on records that hide protected fields from some callers (Customers: restrictedTypeId). */
  restrictionLevel?: ColumnOf<E>;
}

/** Which rows a caller may see: its company (null: every company, a superadmin) and, where a table has an owner, itself. */
export interface Visibility {
  companyId: string | null;
  onlyUser?: string | null;
}

/** What an insert gives: every column but the version (and the id when the database generates it). */
export type InsertValues<E, I extends ColumnOf<E>> = Omit<E, 'version' | I> & Partial<Pick<E, I>>;
/** What an update gives: every column but the key, the version and the insert-only ones. */
export type UpdateValues<E, I extends ColumnOf<E>, S extends ColumnOf<E>> = Omit<E, 'companyId' | 'version' | I | S>;

/**
 * The hot-path SQL of one tenant table, generated once at start from its entity's metadata:
 * find visible (optionally FOR UPDATE), insert and version-checked update each in one
 * statement with their audit row, and the newest-first list page. Parameters are named after
 * the entity's properties, so no value can land in another column; rows come back keyed by
 * property (typed as the entity), and only the table's own columns are read.
 *
 * The text depends on entity metadata only: no input ever becomes SQL.
 */
export class RecordTable<E extends TenantRecordEntity, I extends ColumnOf<E>, S extends ColumnOf<E> = never, X = unknown> {
  private readonly selectVisible: PreparedStatement;
  private readonly selectVisibleForUpdate: PreparedStatement;
  private readonly insertAudited: PreparedStatement;
  private readonly updateAudited: PreparedStatement;
  private readonly listPages = new Map<string, PreparedStatement>();
  private readonly listSql: (page: ListStatementKind) => string;
  /** The filters its lists take (API.md §6). */
  readonly filters: readonly ListFilter[];
  /** The property of the record's id within its company. */
  readonly idProperty: I;
  private readonly name: string;
  private readonly jsonb: ReadonlySet<string>;
  private readonly updateParameters: ReadonlyArray<{ name: string; source: ParameterSource; json: boolean }>;
  private readonly owned: boolean;

  constructor(dataSource: DataSource, entity: EntityTarget<E>, options: RecordTableOptions<E, I, S>) {
    const metadata = dataSource.getMetadata(entity);
    const quote = (name: string) => dataSource.driver.escape(name);
    const { table, column } = entityColumns<E>(dataSource, entity);
    const columns = metadata.columns;
    const version = metadata.versionColumn;
    if (!version) throw new Error(`${metadata.name} has no @VersionColumn`);
    const idColumn = metadata.findColumnWithPropertyName(options.id)!;
    const [companyId, id] = [column('companyId'), column(options.id)];
    // The result columns over the row alias `t`, keyed by property, then any extra ones.
    const selectOf = (selected: readonly ColumnMetadata[]) =>
      [...selected.map((c) => `t.${quote(c.databaseName)} AS ${quote(c.propertyName)}`), ...(options.extraColumns ? [options.extraColumns] : [])].join(', ');
    const select = selectOf(columns);
    const returning = columns.map((c) => quote(c.databaseName)).join(', ');
    const { name } = options;
    this.jsonb = new Set(columns.filter((c) => c.type === 'jsonb').map((c) => c.propertyName));
    this.owned = options.owner !== undefined;

    const owner = options.owner ? ` AND (:onlyUser::text IS NULL OR t.${column(options.owner)} = :onlyUser)` : '';
    const scope = `(:companyId::uuid IS NULL OR t.${companyId} = :companyId)${owner}`;
    const visible = `SELECT ${select} FROM ${table} t WHERE t.${id} = :id AND ${scope}`;
    this.selectVisible = new PreparedStatement(`${name}.select`, visible);
    this.selectVisibleForUpdate = new PreparedStatement(`${name}.select-for-update`, `${visible} FOR UPDATE OF t`);

    const written = { companyId, id, version: quote(version.databaseName) };
    const result = `SELECT ${select} FROM written t`;
    const inserted = columns.filter((c) => !c.isGenerated && !c.isVersion);
    this.insertAudited = new PreparedStatement(
      `${name}.insert`,
      auditedWriteSql(
        dataSource,
        `INSERT INTO ${table} (${inserted.map((c) => quote(c.databaseName)).join(', ')})
          VALUES (${inserted.map((c) => `:${c.propertyName}`).join(', ')}) RETURNING ${returning}`,
        written,
        result,
      ),
    );

    const insertOnly = new Set<string>(options.insertOnly);
    const updated = columns.filter((c) => !c.isPrimary && !c.isVersion && !insertOnly.has(c.propertyName));
    const versionColumn = quote(version.databaseName);
    // An update reads back only what it did not just write, or what the database turns into
    // another value than the one written (a uuid's case, a date-time's zone, numeric scale):
    // the rest of the row is its parameters. Parsing the whole wide row again was 2-3 % of a
    // PATCH's CPU on the bench.
    const readBack = columns.filter(
      (c) => c.isPrimary || c.isVersion || insertOnly.has(c.propertyName) || !READS_BACK_AS_WRITTEN.has(String(c.type)),
    );
    // Writes only over the version the pipeline read (no row: another write came first).
    this.updateAudited = new PreparedStatement(
      `${name}.update`,
      auditedWriteSql(
        dataSource,
        `UPDATE ${table} SET ${updated.map((c) => `${quote(c.databaseName)} = :${c.propertyName}`).join(', ')},
            ${versionColumn} = ${versionColumn} + 1
          WHERE ${companyId} = :companyId AND ${id} = :id AND ${versionColumn} = :version
          RETURNING ${readBack.map((c) => quote(c.databaseName)).join(', ')}`,
        written,
        `SELECT ${selectOf(readBack)} FROM written t`,
      ),
    );

    const keyNames = new Set(['companyId', 'id', 'version']);
    const auditNames = new Set<string>(CHANGE_AUDIT_PARAMETERS);
    this.updateParameters = this.updateAudited.parameterNames.map((name) => {
      const source: ParameterSource = keyNames.has(name) ? 'key' : auditNames.has(name) ? 'audit' : 'column';
      return { name, source, json: source === 'column' && this.jsonb.has(name) };
    });

    const createdAt = column('createdAt');
    this.name = name;
    this.idProperty = options.id;
    this.filters = options.filters ?? [];
    // One statement per kind of page (made when first used), each stating only the conditions
    // it has: one company or all of them (a superadmin), the first page or the one after a
    // position, and the filters used. PostgreSQL may plan a prepared statement once for all
    // values, and such a generic plan of `(:companyId IS NULL OR company_id = :companyId)`
    // cannot use the (company_id, created_at, id) index: it read and sorted the whole table
    // (a second at a million rows, bench/plan-check.ts).
    this.listSql = ({ filters, allCompanies, after }) => {
      const conditions = [
        ...(allCompanies ? [] : [`t.${companyId} = :companyId`]),
        ...(options.owner ? [`(:onlyUser::text IS NULL OR t.${column(options.owner)} = :onlyUser)`] : []),
        ...(after ? [`(t.${createdAt}, t.${id}) < (:afterCreatedAt::timestamptz, :afterId::${castOf(idColumn)})`] : []),
      ];
      const where = conditions.length ? conditions.join(' AND ') : 'TRUE';
      return `SELECT ${select} FROM ${table} t
        WHERE ${where}${listFilterSql(filters, (property) => column(property as ColumnOf<E>), options.restrictionLevel)}
        ORDER BY t.${createdAt} DESC, t.${id} DESC
        LIMIT :limit`;
    };
  }

  /** The record if the caller may see it, its row locked for the transaction when `lock` is set. */
  async find(manager: EntityManager, visibility: Visibility, id: E[I], lock: boolean): Promise<(E & X) | undefined> {
    const statement = lock ? this.selectVisibleForUpdate : this.selectVisible;
    const parameters = this.visibilityParameters(visibility); // a fresh object: no spread (V8's slow path)
    parameters.id = id;
    const rows = await statement.run<Array<E & X>>(manager, parameters);
    return rows[0];
  }

  /** Inserts the row and its audit row in one statement. */
  async insert(manager: EntityManager, values: InsertValues<E, I>, audit: ChangeAudit): Promise<E & X> {
    const rows = await this.insertAudited.run<Array<E & X>>(manager, { ...this.columnParameters(values), ...changeAuditParameters(audit) });
    return rows[0];
  }

  /** Writes over `version` only: undefined (nothing written, no audit row) when another write came first. */
  async update(
    manager: EntityManager,
    key: { companyId: string; id: E[I]; version: number },
    values: UpdateValues<E, I, S>,
    audit: ChangeAudit,
  ): Promise<(E & X) | undefined> {
    const rows = await this.updateAudited.runBound<Array<Partial<E> & X>>(manager, this.bindUpdate(values, changeAuditParameters(audit), key));
    // The values written and what was read back are the row (`values` is the caller's fresh object).
    return rows[0] && (Object.assign(values, rows[0]) as unknown as E & X);
  }

  /**
   * Up to `limit` visible rows, newest first, after the position (createdAt, id) of the previous
   * page's last, matching `filters` (values by filter name). Without `mayMatchProtected`, rows
   * of a restriction level above 0 never match a filter on a protected field.
   */
  async list(
    manager: EntityManager,
    visibility: Visibility,
    limit: number,
    after: { createdAt: string; id: E[I] } | undefined,
    filters: FilterValues = {},
    mayMatchProtected = true,
  ): Promise<Array<E & X>> {
    const used = this.filters.filter((filter) => filter.name in filters);
    const parameters: Record<string, unknown> = {
      ...this.visibilityParameters(visibility),
      afterCreatedAt: after?.createdAt ?? null,
      afterId: after?.id ?? null,
      limit,
    };
    for (const filter of used) parameters[`filter_${filter.name}`] = filters[filter.name];
    if (used.some((filter) => filter.protected)) parameters.mayMatchProtected = mayMatchProtected;
    const page = { filters: used, allCompanies: visibility.companyId === null, after: after !== undefined };
    return this.listPage(page).run<Array<E & X>>(manager, parameters);
  }

  /** e.g. `customers.list`, `customers.list-all-after:name,email`. */
  private listPage(page: ListStatementKind): PreparedStatement {
    const filterNames = page.filters.map((filter) => filter.name).join(',');
    const name = `${this.name}.list${page.allCompanies ? '-all' : ''}${page.after ? '-after' : ''}${filterNames ? `:${filterNames}` : ''}`;
    let statement = this.listPages.get(name);
    if (!statement) {
      statement = new PreparedStatement(name, this.listSql(page));
      this.listPages.set(name, statement);
    }
    return statement;
  }

  private visibilityParameters(visibility: Visibility): Record<string, unknown> {
    return this.owned ? { companyId: visibility.companyId, onlyUser: visibility.onlyUser ?? null } : { companyId: visibility.companyId };
  }

  /**
   * The update's values in `$n` order, read from the three sources by the role of each name
   * (decided once, in the constructor), with no merged object in between: merging about forty
   * properties by spread was a fifth of the update's own CPU.
   */
  private bindUpdate(columns: object, audit: ChangeAuditParameters, key: object): unknown[] {
    const sources: Record<ParameterSource, Record<string, unknown>> = { column: columns as Record<string, unknown>, audit, key: key as Record<string, unknown> };
    return this.updateParameters.map(({ name, source, json }) => {
      const from = sources[source];
      if (!(name in from)) throw new Error(`No value for the SQL parameter :${name}`);
      return json ? jsonText(from[name]) : from[name];
    });
  }

  /** pg sends JavaScript arrays as PostgreSQL arrays: jsonb columns get JSON text (SQL NULL for null). */
  private columnParameters(values: object): Record<string, unknown> {
    const parameters: Record<string, unknown> = {};
    for (const [property, value] of Object.entries(values)) {
      parameters[property] = this.jsonb.has(property) ? jsonText(value) : value;
    }
    return parameters;
  }
}

/**
 * Column types whose value reads back exactly as the parameter written (the same JavaScript
 * value from pg): text as it is, jsonb as the same JSON (object key order aside), whole
 * numbers, booleans and doubles (PostgreSQL prints a double's shortest exact form).
 */
const READS_BACK_AS_WRITTEN: ReadonlySet<string> = new Set(['text', 'jsonb', 'integer', 'boolean', 'double precision']);

/** What a list statement is for: its filters, all companies or one, the first page or a later one. */
interface ListStatementKind {
  filters: readonly ListFilter[];
  allCompanies: boolean;
  after: boolean;
}

/** Where a write statement's parameter comes from. */
type ParameterSource = 'column' | 'audit' | 'key';

/** A jsonb column's value as JSON text; SQL NULL for null. */
function jsonText(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function castOf(column: ColumnMetadata): string {
  return column.type === 'uuid' ? 'uuid' : 'int';
}
