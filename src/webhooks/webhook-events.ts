/** Event types a subscription may ask for (API.md §5); `*` is every one. */
export const WEBHOOK_EVENTS = [
  'customer-object.created',
  'customer-object.updated',
  'contact.created',
  'contact.updated',
  'customer.created',
  'customer.updated',
  'customer.erased',
  '*',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
