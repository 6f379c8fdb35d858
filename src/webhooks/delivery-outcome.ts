import { WebhooksConfig } from '../../config/app-config';
import { ClaimedDelivery, RecordedOutcome } from './delivery-statements';
import { retryDelayMs } from './retry-schedule';
import { AttemptOutcome } from './webhook-sender';

/**
 * What one attempt makes of its delivery: delivered on success; otherwise due again after the
 * retry schedule's delay, but never later than its deadline (created_at + maxAge), so the last
 * try lands on the deadline; a failure at or after the deadline is final.
 */
export function recordedOutcome(
  delivery: Pick<ClaimedDelivery, 'company_id' | 'id' | 'created_at' | 'attempt_count'>,
  at: Date,
  outcome: AttemptOutcome,
  config: Pick<WebhooksConfig, 'maxAgeMs' | 'retryScheduleMs'>,
  now: number = Date.now(),
  random?: () => number,
): RecordedOutcome {
  const attempt = { at: at.toISOString(), status: outcome.status, durationMs: outcome.durationMs, error: outcome.error };
  const settled = (state: 'delivered' | 'failed'): RecordedOutcome => ({
    company_id: delivery.company_id,
    id: delivery.id,
    state,
    next_attempt_at: null,
    attempt,
  });
  if (outcome.ok) return settled('delivered');
  const deadline = delivery.created_at.getTime() + config.maxAgeMs;
  if (now >= deadline) return settled('failed');
  const retryAt = now + retryDelayMs(config.retryScheduleMs, delivery.attempt_count + 1, random);
  return {
    company_id: delivery.company_id,
    id: delivery.id,
    state: 'pending',
    next_attempt_at: new Date(Math.min(retryAt, deadline)).toISOString(),
    attempt,
  };
}
