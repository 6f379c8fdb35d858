/** A response that knows which of its values are date-times, for the Time-Zone header. */
export interface ZoneRenderable {
  inZone(zone: string): unknown;
}

export function isZoneRenderable(value: unknown): value is ZoneRenderable {
  return typeof value === 'object' && value !== null && typeof (value as ZoneRenderable).inZone === 'function';
}
