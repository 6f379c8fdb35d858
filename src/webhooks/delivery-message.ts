import { Webhook } from 'standardwebhooks';
import { toChangeEvent } from '../changes/change-resources';
import { ClaimedDelivery } from './delivery-statements';

/**
 * The request of one attempt (API.md §5): the change as partners see it, signed with the
 * Standard Webhooks scheme. `webhook-id` is the delivery id, the same on every retry; the
 * timestamp and signature are those of this attempt.
 */
export function deliveryMessage(delivery: ClaimedDelivery, secret: string, at: Date): { body: string; headers: Record<string, string> } {
  const event = toChangeEvent(delivery);
  const body = JSON.stringify({
    type: delivery.event,
    timestamp: event.at,
    data: {
      resource: event.resource,
      id: event.resourceId,
      companyId: delivery.company_id,
      version: event.version,
      kind: event.kind,
      actor: event.actor,
      ops: event.ops,
    },
  });
  const headers = {
    'webhook-id': delivery.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(delivery.id, at, body),
  };
  return { body, headers };
}
