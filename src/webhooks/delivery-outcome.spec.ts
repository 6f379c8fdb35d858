import { recordedOutcome } from './delivery-outcome';

describe('recordedOutcome', () => {
  const config = { maxAgeMs: 60_000, retryScheduleMs: [5_000, 30_000] };
  const created = new Date('2026-12-01T10:00:00.000Z');
  const delivery = { company_id: 'c', id: 'd', created_at: created, attempt_count: 0 };
  const at = new Date(created.getTime() + 1_000);
  const middle = () => 0.5;
  const failed = { ok: false, status: 500, durationMs: 3, error: 'the receiver answered 500' };

  it('settles a 2xx as delivered, with the attempt as sent', () => {
    const outcome = recordedOutcome(delivery, at, { ok: true, status: 204, durationMs: 2, error: null }, config, at.getTime());
    expect(outcome).toEqual({
      company_id: 'c',
      id: 'd',
      state: 'delivered',
      next_attempt_at: null,
      attempt: { at: at.toISOString(), status: 204, durationMs: 2, error: null },
    });
  });

  it('keeps a failure pending until the schedule’s next delay, by the attempts made so far', () => {
    const first = recordedOutcome(delivery, at, failed, config, at.getTime(), middle);
    expect(first).toMatchObject({ state: 'pending', next_attempt_at: new Date(at.getTime() + 5_000).toISOString() });
    const third = recordedOutcome({ ...delivery, attempt_count: 2 }, at, failed, config, at.getTime(), middle);
    expect(third.next_attempt_at).toBe(new Date(at.getTime() + 30_000).toISOString());
  });

  it('never schedules past the deadline, and fails a delivery that fails at or after it', () => {
    const late = created.getTime() + 50_000;
    const last = recordedOutcome({ ...delivery, attempt_count: 1 }, at, failed, config, late, middle);
    expect(last.next_attempt_at).toBe(new Date(created.getTime() + 60_000).toISOString());
    expect(recordedOutcome(delivery, at, failed, config, created.getTime() + 60_000)).toMatchObject({ state: 'failed', next_attempt_at: null });
  });
});
