import { createSession } from '../../src/accounts/session.repository';
import { hashToken } from '../../src/accounts/tokens';
import { loadConfig } from '../../src/config';
import type { Connection } from '../../src/db/connection';
import { purgeExpiredSessions } from '../../src/main';
import { createUser } from '../helpers/auth';
import { freshDatabase } from '../helpers/db';

describe('purging expired sessions (run by gainsay serve at start and every SESSION_PURGE_MINUTES)', () => {
  let conn: Connection;
  beforeEach(async () => {
    conn = await freshDatabase();
  });
  afterEach(async () => {
    await conn.db.destroy();
  });

  async function sessionAt(userId: number, createdAt: string, lastSeenAt: string): Promise<string> {
    const id = hashToken((await createSession(conn.db, userId)).token);
    await conn.db.updateTable('session').set({ created_at: createdAt, last_seen_at: lastSeenAt }).where('id', '=', id).execute();
    return id;
  }

  it('deletes the sessions idle too long or past their maximum age, and keeps the live ones', async () => {
    const config = loadConfig({ SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '12' });
    const { id: userId } = await createUser(conn.db, 'editor');
    const live = await sessionAt(userId, '2026-11-30T08:00:00.000Z', '2026-11-30T11:30:00.000Z');
    await sessionAt(userId, '2026-11-30T08:00:00.000Z', '2026-11-30T09:59:00.000Z'); // idle for 2 h 1 min
    await sessionAt(userId, '2026-11-29T23:59:00.000Z', '2026-11-30T11:59:00.000Z'); // 12 h 1 min after login

    await purgeExpiredSessions(conn.db, config, new Date('2026-11-30T12:00:00.000Z'));

    const left = await conn.db.selectFrom('session').select('id').execute();
    expect(left.map((row) => row.id)).toEqual([live]);
  });

  it('reads SESSION_PURGE_MINUTES, hourly unless set', () => {
    expect(loadConfig({}).session.purgeMinutes).toBe(60);
    expect(loadConfig({ SESSION_PURGE_MINUTES: '5' }).session.purgeMinutes).toBe(5);
    expect(() => loadConfig({ SESSION_PURGE_MINUTES: '0' })).toThrow(/SESSION_PURGE_MINUTES/);
  });
});
