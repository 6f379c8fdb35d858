import { ListFilter } from '../common/resource/list-filters';

const CASTS: Record<ListFilter['kind'], string> = {
  text: 'text',
  'exact-text': 'text',
  integer: 'int',
  boolean: 'boolean',
  uuid: 'uuid',
  'date-time': 'timestamptz',
};

/**
 * The WHERE conditions of a list's filters (API.md §6), ` AND …` each, over the row alias `t`.
 * Text filters compare lower() of both sides, the form the migration `list-filter-indexes`
 * indexes as (company_id, lower(column)). The text comes from filter declarations only; values
 * are parameters `:filter_<name>`.
 */
export function listFilterSql(
  filters: readonly ListFilter[],
  column: (property: string) => string,
  restrictionLevel: string | undefined,
): string {
  const conditions = filters.map((filter) => {
    const target = `t.${column(filter.column)}`;
    const value = `:filter_${filter.name}::${CASTS[filter.kind]}`;
    if (filter.kind === 'text') return `lower(${target}) = lower(${value})`;
    return filter.since ? `${target} >= ${value}` : `${target} = ${value}`;
  });
  if (filters.some((filter) => filter.protected)) {
    if (!restrictionLevel) throw new Error('A protected filter needs the table\'s restrictionLevel column');
    // No oracle for hidden values (API.md §6): a record that hides the field never matches.
    conditions.push(`(:mayMatchProtected::boolean OR t.${column(restrictionLevel)} = 0)`);
  }
  return conditions.map((condition) => `\n          AND ${condition}`).join('');
}
