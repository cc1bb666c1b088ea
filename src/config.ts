import { resolve } from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0)
    .max(65535, 'must be at most 65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1, 'must not be empty').default('data/gainsay.sqlite'),
  BASE_URL: httpUrl.optional(),
  NEWSROOM_NAME: z.string().min(1).default('Gainsay'),
  NEWSROOM_URL: httpUrl.optional(),
  SEED_ON_START: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: booleanFlag.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(120),
  SESSION_MAX_HOURS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(12),
  SESSION_PURGE_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(60),
  LOGIN_MAX_FAILURES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(50),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(15),
  PAGE_CACHE_MB: z.coerce
    .number({ message: 'must be a number' })
    .min(0, 'must be 0 (off) or more')
    .max(4096, 'must be at most 4096')
    .default(64),
  PAGE_CACHE_STALE_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (always current) or more')
    .max(300, 'must be at most 300')
    .default(5),
  COUNTS_STALE_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (always current) or more')
    .max(3600, 'must be at most 3600')
    .default(60),
  TRUST_PROXY: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(10).default(0),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(10),
  DATABASE_READERS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no readers) or more')
    .max(16, 'must be at most 16')
    .default(2),
  QUERY_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .default(3000),
  EXPORT_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .default(30_000),
  SEARCH_RATE_LIMIT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .default(30),
  EXPORT_RATE_LIMIT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .default(10),
  EXPORT_CONCURRENCY: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(2),
  INBOX_EMAIL_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(90),
  INBOX_MAX_PER_ADDRESS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(10),
  INBOX_WINDOW_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(60),
  DATA_LICENCE_NAME: z.string().min(1).default('CC BY 4.0'),
  DATA_LICENCE_URL: httpUrl.default('https://creativecommons.org/licenses/by/4.0/'),
});

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** The public address of this Gainsay, used for canonical URLs, feeds and exports. */
  baseUrl: string;
  newsroom: { name: string; url: string };
  seedOnStart: boolean;
  logLevel: string;
  cookieSecure: boolean;
  /**
   * Sessions end after this long without a request, and this long after login whatever happens;
   * `gainsay serve` deletes the expired ones at start and every `purgeMinutes` (SESSION_PURGE_MINUTES).
   */
  session: { idleMinutes: number; maxHours: number; purgeMinutes: number };
  /** Failed logins allowed per account and per client address within the window before refusing. */
  login: { maxFailures: number; maxFailuresPerAddress: number; windowMinutes: number };
  /** Memory for rendered public pages kept between changes to the database, in bytes; 0 turns it off. */
  pageCacheBytes: number;
  /** How old a page shown to a signed-out reader may be, in seconds (stale while revalidate); 0: always current. */
  pageCacheStaleSeconds: number;
  /** How old the totals, facet counts and name suggestions on a signed-out reader's page may be, in seconds; 0: always current. */
  countsStaleSeconds: number;
  /** How many reverse proxies to trust for the client address (X-Forwarded-For); 0 for none. */
  trustProxy: number;
  /** PostgreSQL instead of SQLite when set (DATABASE_URL); `databasePath` is then unused. */
  databaseUrl?: string;
  /** A PostgreSQL read replica for signed-out readers' reads (DATABASE_READ_URL; with DATABASE_URL only). */
  databaseReadUrl?: string;
  /** Connections in the PostgreSQL pool of each process. */
  databasePoolMax: number;
  /**
   * The SQLite seam (src/db/connection.ts): reader workers for reads outside transactions, and the
   * budget of each read, in milliseconds: pooled reads, and each read of an export.
   */
  database: { readers: number; queryTimeoutMs: number; exportTimeoutMs: number };
  /** Anonymous searches and exports per client address per minute (0: no limit), and exports running at once. */
  limits: { searchesPerMinute: number; exportsPerMinute: number; concurrentExports: number };
  /**
   * Readers' tips and error reports: e-mail addresses are deleted `emailRetentionDays` after sending
   * (by `gainsay serve`, with the session purge); one client address may send `maxPerAddress` within the window.
   */
  inbox: { emailRetentionDays: number; maxPerAddress: number; windowMinutes: number };
  /** The licence of the published data, named on the open data page, in JSON exports and in feeds. */
  dataLicence: { name: string; url: string };
}

export class ConfigError extends Error {}

/** Reads the environment; a bad value throws a ConfigError whose message names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      `Invalid DATABASE_READ_URL=${JSON.stringify(e.DATABASE_READ_URL)}: a read replica needs DATABASE_URL (its PostgreSQL primary)`,
    );
  }
  const baseUrl = e.BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH === ':memory:' ? ':memory:' : resolve(e.DATABASE_PATH),
    baseUrl,
    newsroom: { name: e.NEWSROOM_NAME, url: e.NEWSROOM_URL ?? baseUrl },
    seedOnStart: e.SEED_ON_START,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS, purgeMinutes: e.SESSION_PURGE_MINUTES },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: e.LOGIN_WINDOW_MINUTES,
    },
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    pageCacheStaleSeconds: e.PAGE_CACHE_STALE_SECONDS,
    countsStaleSeconds: e.COUNTS_STALE_SECONDS,
    trustProxy: e.TRUST_PROXY,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.DATABASE_READ_URL ? { databaseReadUrl: e.DATABASE_READ_URL } : {}),
    databasePoolMax: e.DATABASE_POOL_MAX,
    database: { readers: e.DATABASE_READERS, queryTimeoutMs: e.QUERY_TIMEOUT_MS, exportTimeoutMs: e.EXPORT_TIMEOUT_MS },
    limits: { searchesPerMinute: e.SEARCH_RATE_LIMIT, exportsPerMinute: e.EXPORT_RATE_LIMIT, concurrentExports: e.EXPORT_CONCURRENCY },
    inbox: {
      emailRetentionDays: e.INBOX_EMAIL_RETENTION_DAYS,
      maxPerAddress: e.INBOX_MAX_PER_ADDRESS,
      windowMinutes: e.INBOX_WINDOW_MINUTES,
    },
    dataLicence: { name: e.DATA_LICENCE_NAME, url: e.DATA_LICENCE_URL },
  };
}
