import { Scope } from '../auth/actor';

/**
 * The resources a partner follows (API.md §5): the name used on the wire (`?resource=`, feed
 * items, webhook bodies), the name the audit log and webhook event types use, and the scope
 * that lets a caller read it.
 */
export const CHANGE_RESOURCES = [
  { name: 'objects', audit: 'customer-object', scope: 'objects:read' },
  { name: 'contacts', audit: 'contact', scope: 'contacts:read' },
  { name: 'customers', audit: 'customer', scope: 'customers:read' },
] as const satisfies ReadonlyArray<{ name: string; audit: string; scope: Scope }>;

export type ChangeResource = (typeof CHANGE_RESOURCES)[number];
export type ChangeResourceName = ChangeResource['name'];
export const CHANGE_RESOURCE_NAMES = CHANGE_RESOURCES.map((resource) => resource.name);

/** The wire name of an audit log resource (`customer-object` → `objects`). */
export function wireResourceName(audit: string): string {
  return CHANGE_RESOURCES.find((resource) => resource.audit === audit)?.name ?? audit;
}

/** A change as partners see it, in the feed and in webhook bodies. */
export interface ChangeEvent {
  resource: string;
  resourceId: string;
  kind: 'created' | 'updated' | 'erased';
  version: number;
  at: string;
  actor: { sub: string; role: string };
  /** RFC 6902 diff, GDPR values "***" (redacted when the audit row was written). */
  ops: unknown[];
}

/** The audit_log columns a change event is made of. */
export interface ChangeRow {
  resource: string;
  resource_id: string;
  change: ChangeEvent['kind'];
  version: number;
  at: Date;
  actor_sub: string;
  actor_role: string;
  ops: unknown[];
}

export function toChangeEvent(row: ChangeRow): ChangeEvent {
  return {
    resource: wireResourceName(row.resource),
    resourceId: row.resource_id,
    kind: row.change,
    version: row.version,
    at: row.at.toISOString(),
    actor: { sub: row.actor_sub, role: row.actor_role },
    ops: row.ops,
  };
}
