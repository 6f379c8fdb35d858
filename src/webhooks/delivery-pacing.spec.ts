import { besideRequests, NEVER_YIELD, YieldToBusyEventLoop } from './delivery-pacing';

/** Keeps the event loop busy (as saturating requests would) for `ms`. */
function spin(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delivery pacing beside the requests', () => {
  const POLL_MS = 1000;

  it('after a busy wait, one batch (no budget beyond it)', () => {
    const pacing = new YieldToBusyEventLoop(90, POLL_MS);
    pacing.waiting();
    spin(50);
    expect(pacing.tickBudgetMs()).toBe(0);
  });

  it('after an idle wait, batches for up to a poll interval', async () => {
    const pacing = new YieldToBusyEventLoop(90, POLL_MS);
    pacing.waiting();
    await idle(50);
    expect(pacing.tickBudgetMs()).toBe(POLL_MS);
  });

  it('judges only the last wait, not what came before it', async () => {
    const pacing = new YieldToBusyEventLoop(90, POLL_MS);
    spin(50);
    pacing.waiting();
    await idle(50);
    expect(pacing.tickBudgetMs()).toBe(POLL_MS);
  });

  it('WEBHOOK_YIELD_PERCENT=100 never yields, however busy the loop', () => {
    const pacing = besideRequests(100, POLL_MS);
    expect(pacing).toBe(NEVER_YIELD);
    pacing.waiting();
    spin(20);
    expect(pacing.tickBudgetMs()).toBe(Infinity);
  });
});
