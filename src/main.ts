import type { Server } from 'node:http';
import { deleteExpiredSessions } from './accounts/session.repository';
import { createApp } from './app';
import type { Config } from './config';
import type { Db } from './db/connection';
import { openFromConfig } from './db/open';
import { migrateToLatest } from './db/migrator';
import { seedIfEmpty } from './seed/seed';
import { purgeInboxEmails } from './inbox/inbox.repository';
import { deleteEndedRateLimits } from './http/rate-limit.repository';
import pino from 'pino';

/** Deletes the sessions past their idle or absolute end: signing in only removes an expired session that is presented again. */
export async function purgeExpiredSessions(db: Db, config: Pick<Config, 'session'>, now = new Date()): Promise<void> {
  await deleteExpiredSessions(db, config.session, now);
}

/** Deletes the e-mail addresses readers left with tips and error reports once INBOX_EMAIL_RETENTION_DAYS have passed. */
export async function purgeOldInboxEmails(db: Db, config: Pick<Config, 'inbox'>, now = new Date()): Promise<number> {
  return purgeInboxEmails(db, new Date(now.getTime() - config.inbox.emailRetentionDays * 86_400_000).toISOString());
}

/**
 * Purges expired sessions, old inbox e-mail addresses and the rate limits' ended windows now and then
 * every `config.session.purgeMinutes`; the timer never keeps the process alive.
 */
function purgeSessionsRegularly(db: Db, config: Config, logger: pino.Logger): NodeJS.Timeout {
  const purge = () =>
    Promise.all([
      purgeExpiredSessions(db, config).catch((err: unknown) => logger.error({ err }, 'could not purge expired sessions')),
      purgeOldInboxEmails(db, config).catch((err: unknown) => logger.error({ err }, 'could not purge inbox e-mail addresses')),
      deleteEndedRateLimits(db).catch((err: unknown) => logger.error({ err }, 'could not purge ended rate limit windows')),
    ]);
  void purge();
  return setInterval(() => void purge(), config.session.purgeMinutes * 60_000).unref();
}

/** The serve command: open the database, migrate, seed an empty one, listen. The only side effects live here. */
export async function serve(config: Config): Promise<Server> {
  const { db, describe } = openFromConfig(config, { server: true });
  await migrateToLatest(db);
  if (config.seedOnStart && (await seedIfEmpty(db))) {
    console.log('Loaded the seed dataset into the empty database.');
  }
  // Request logs are written in 4 KB chunks, at least once a second, rather than one write per line:
  // a system call per request is a large share of a small API write. pino flushes what is left on exit.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 1000).unref();
  const logger = pino({ level: config.logLevel }, destination);
  const app = createApp({ db, config, logger });
  const purging = purgeSessionsRegularly(db, config, logger);
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      console.log(`Gainsay is serving ${describe} at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`);
      resolve(server);
    });
    server.on('error', reject);
    const stop = () => {
      clearInterval(purging);
      server.close(() => void db.destroy().then(() => process.exit(0)));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
