import { ACCOUNT_MAX_DELAY_SECONDS, accountWaitSeconds, addressWaitSeconds } from '../../src/accounts/login-throttle';

const limits = { maxFailures: 5, maxFailuresPerAddress: 50, windowMinutes: 15 };
const now = Date.parse('2026-12-01T09:00:00Z');
const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();

describe('accountWaitSeconds', () => {
  it('lets the first failures through without a wait', () => {
    expect(accountWaitSeconds({ count: 4, oldest: at(10), latest: at(0) }, limits, now)).toBe(0);
  });

  it('doubles the wait with each failure past the limit, counted from the latest failure', () => {
    const waits = [5, 6, 7, 8].map((count) => accountWaitSeconds({ count, oldest: at(100), latest: at(0) }, limits, now));
    expect(waits).toEqual([1, 2, 4, 8]);
    expect(accountWaitSeconds({ count: 8, oldest: at(100), latest: at(3) }, limits, now)).toBe(5);
    expect(accountWaitSeconds({ count: 8, oldest: at(100), latest: at(8) }, limits, now)).toBe(0);
  });

  it('never asks for more than the cap, however many failures', () => {
    expect(accountWaitSeconds({ count: 500, oldest: at(800), latest: at(0) }, limits, now)).toBe(ACCOUNT_MAX_DELAY_SECONDS);
  });
});

describe('addressWaitSeconds', () => {
  it('stops an address at its limit until the oldest failure leaves the window', () => {
    expect(addressWaitSeconds({ count: 49, oldest: at(60), latest: at(0) }, limits, now)).toBe(0);
    expect(addressWaitSeconds({ count: 50, oldest: at(60), latest: at(0) }, limits, now)).toBe(14 * 60);
  });
});
