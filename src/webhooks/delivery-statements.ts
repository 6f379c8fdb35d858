import { ChangeRow } from '../changes/change-resources';
import { PreparedStatement } from '../database/prepared-statement';

/** A claimed delivery with what it takes to send it: its change, URL and sealed secret. */
export interface ClaimedDelivery extends ChangeRow {
  id: string;
  company_id: string;
  subscription_id: string;
  event: string;
  created_at: Date;
  attempt_count: number;
  url: string;
  secret_encrypted: string;
}

/** One attempt's result as RECORD_BATCH takes it (a row of its `:outcomes` JSON array). */
export interface RecordedOutcome {
  company_id: string;
  id: string;
  state: 'delivered' | 'pending' | 'failed';
  /** When a `pending` delivery is due again (ISO 8601); null once it is settled. */
  next_attempt_at: string | null;
  attempt: { at: string; status: number | null; durationMs: number; error: string | null };
}

/*
 * The claim: due deliveries of enabled subscriptions, oldest due first, skipping any whose
 * subscription still has an earlier change of the same record pending (per subscription and
 * record, deliveries go out in version order: (xact_id, audit_id) order is version order, see
 * change-feed.service.ts). FOR UPDATE SKIP LOCKED keeps two instances from claiming the same
 * row in the same moment; the lease (locked_until) keeps them apart while it is being sent,
 * and lets another instance take it over when the sender died. The lease outlasts the send
 * timeout, so a live sender always finishes first.
 *
 * The OFFSET 0 keeps that NOT EXISTS a subplan run per candidate, an index probe on
 * webhook_deliveries_order_idx by subscription and record. Without it PostgreSQL may turn it into
 * an anti join, and with the row estimates of a table that was small when last analyzed (a new
 * database, a backlog that grew since) it chose to read every pending row for every candidate:
 * 60 ms per claim of 20 with 6,000 pending, instead of well under one. The `= ANY (ARRAY(…))`
 * conditions of the lease's UPDATE say the same as its join, in a form the primary key can look
 * up: the same statistics made it hash-join the batch against a scan of the whole outbox.
 *
 * Only the earliest pending delivery of a subscription and record can be claimed, so a batch
 * never holds two of the same record: RECORD_BATCH relies on that.
 *
 * Why not pg-boss: the outbox rows must be written in the transaction of the change, by the
 * audit_log trigger, in SQL; pg-boss jobs are created through its API on its own connections,
 * and it has no notion of "hold this job while an earlier one for the same key is pending".
 * Its queue would be a second copy of the outbox to keep in step, so the outbox is the queue.
 */
export const CLAIM = new PreparedStatement(
  'webhooks.claim',
  `WITH due AS (
     SELECT d.company_id, d.id FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.company_id = d.company_id AND s.id = d.subscription_id AND s.enabled
      WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND (d.locked_until IS NULL OR d.locked_until <= now())
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries p
           WHERE p.subscription_id = d.subscription_id AND p.resource = d.resource AND p.resource_id = d.resource_id
             AND p.state = 'pending' AND (p.xact_id, p.audit_id) < (d.xact_id, d.audit_id)
          OFFSET 0)
      ORDER BY d.next_attempt_at
      LIMIT :batchSize
      FOR UPDATE OF d SKIP LOCKED),
   claimed AS (
     UPDATE webhook_deliveries w SET locked_until = now() + make_interval(secs => :leaseMs::double precision / 1000)
       FROM due WHERE w.company_id = due.company_id AND w.id = due.id
        AND w.company_id = ANY (ARRAY(SELECT company_id FROM due)) AND w.id = ANY (ARRAY(SELECT id FROM due))
     RETURNING w.*)
   SELECT c.id, c.company_id, c.subscription_id, c.event, c.created_at, jsonb_array_length(c.attempts) AS attempt_count,
          s.url, s.secret_encrypted,
          a.resource, a.resource_id, a.change, a.version, a.at, a.actor_sub, a.actor_role, a.ops
     FROM claimed c
     JOIN webhook_subscriptions s ON s.company_id = c.company_id AND s.id = c.subscription_id
     JOIN audit_log a ON a.company_id = c.company_id AND a.id = c.audit_id`,
);

/**
 * Records the attempts of a whole batch in one statement (one round trip and one commit instead
 * of one per delivery): each delivery becomes delivered, failed for good, or due again at its
 * next_attempt_at. A retry also moves the record's later deliveries to that time: they wait for
 * this one anyway, and the claim then does not look at them on every poll while a receiver
 * stays down. Each row is matched by company and id, so one delivery's outcome never touches
 * another's, and the later deliveries moved are never in the batch (see CLAIM).
 *
 * The `= ANY (ARRAY(…))` conditions are there for the same reason as in CLAIM's lease update
 * (PostgreSQL guesses 100 rows for jsonb_to_recordset; it scanned the whole outbox, 5 ms per
 * batch at 12,000 rows, instead of 20 index lookups).
 */
export const RECORD_BATCH = new PreparedStatement(
  'webhooks.record-batch',
  `WITH outcome AS (
     SELECT * FROM jsonb_to_recordset(:outcomes::jsonb)
       AS o(company_id uuid, id uuid, state text, next_attempt_at timestamptz, attempt jsonb)),
   recorded AS (
     UPDATE webhook_deliveries d SET state = o.state, next_attempt_at = coalesce(o.next_attempt_at, d.next_attempt_at),
            locked_until = NULL, attempts = d.attempts || jsonb_build_array(o.attempt)
       FROM outcome o
      WHERE d.company_id = o.company_id AND d.id = o.id
        AND d.company_id = ANY (ARRAY(SELECT company_id FROM outcome)) AND d.id = ANY (ARRAY(SELECT id FROM outcome))
     RETURNING d.company_id, d.subscription_id, d.resource, d.resource_id, d.xact_id, d.audit_id, o.next_attempt_at AS retry_at)
   UPDATE webhook_deliveries w SET next_attempt_at = r.retry_at
     FROM recorded r
    WHERE r.retry_at IS NOT NULL AND w.company_id = r.company_id AND w.subscription_id = r.subscription_id
      AND w.resource = r.resource AND w.resource_id = r.resource_id AND w.state = 'pending'
      AND (w.xact_id, w.audit_id) > (r.xact_id, r.audit_id) AND w.next_attempt_at < r.retry_at`,
);
