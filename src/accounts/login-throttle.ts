// How long a login attempt must wait, from the failed logins stored per account and per client
// address. Pure: the route reads the failures and the clock, this decides.
//
// Per account, the first `maxFailures` failures within the window cost nothing; after that each
// attempt must come at least 1, 2, 4 … seconds (capped at ACCOUNT_MAX_DELAY_SECONDS) after the latest
// failure. So a colleague's wrong guesses slow an account down but never lock its owner out: the right
// password after the wait always works. Per address, `maxFailuresPerAddress` failures within the
// window stop further attempts until the oldest of them leaves it: that is what stops spraying.

export const ACCOUNT_MAX_DELAY_SECONDS = 60;

export interface LoginLimits {
  maxFailures: number;
  maxFailuresPerAddress: number;
  windowMinutes: number;
}

/** The failures of one key within the window: how many, and the oldest and latest times (ISO). */
export interface FailureStats {
  count: number;
  oldest: string | null;
  latest: string | null;
}

/** Seconds the account's next attempt must still wait (0: it may go ahead). */
export function accountWaitSeconds(stats: FailureStats, limits: LoginLimits, now: number): number {
  if (stats.count < limits.maxFailures || !stats.latest) return 0;
  const delay = Math.min(2 ** (stats.count - limits.maxFailures), ACCOUNT_MAX_DELAY_SECONDS);
  return Math.max(0, Math.ceil((Date.parse(stats.latest) + delay * 1000 - now) / 1000));
}

/** Seconds until the address may try again (0: it may go ahead). */
export function addressWaitSeconds(stats: FailureStats, limits: LoginLimits, now: number): number {
  if (stats.count < limits.maxFailuresPerAddress || !stats.oldest) return 0;
  return Math.max(1, Math.ceil((Date.parse(stats.oldest) + limits.windowMinutes * 60_000 - now) / 1000));
}
