import { loadConfig } from '../../src/config';
import type { Connection } from '../../src/db/connection';
import { insertInboxItem } from '../../src/inbox/inbox.repository';
import { purgeOldInboxEmails } from '../../src/main';
import { freshDatabase } from '../helpers/db';

describe('deleting readers’ e-mail addresses after INBOX_EMAIL_RETENTION_DAYS (gainsay serve, with the session purge)', () => {
  let conn: Connection;
  beforeEach(async () => {
    conn = await freshDatabase();
  });
  afterEach(async () => {
    await conn.db.destroy();
  });

  async function tipSentAt(createdAt: string, email: string | null): Promise<number> {
    const id = await insertInboxItem(conn.db, {
      kind: 'tip',
      text: `Sent ${createdAt}`,
      url: null,
      claim_id: null,
      dispute_id: null,
      email,
    });
    await conn.db.updateTable('inbox_item').set({ created_at: createdAt }).where('id', '=', id).execute();
    return id;
  }

  it('clears the addresses older than the retention period and keeps the message and the newer addresses', async () => {
    const config = loadConfig({ INBOX_EMAIL_RETENTION_DAYS: '30' });
    const old = await tipSentAt('2026-10-30T11:59:00.000Z', 'old@example.org'); // 31 days and a minute before
    const fresh = await tipSentAt('2026-10-31T12:01:00.000Z', 'fresh@example.org'); // just inside 30 days
    const none = await tipSentAt('2026-01-01T00:00:00.000Z', null);

    const purged = await purgeOldInboxEmails(conn.db, config, new Date('2026-11-30T12:00:00.000Z'));

    expect(purged).toBe(1);
    const rows = await conn.db.selectFrom('inbox_item').select(['id', 'email', 'text', 'status']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: old, email: null, text: 'Sent 2026-10-30T11:59:00.000Z', status: 'new' },
      { id: fresh, email: 'fresh@example.org', text: 'Sent 2026-10-31T12:01:00.000Z', status: 'new' },
      { id: none, email: null, text: 'Sent 2026-01-01T00:00:00.000Z', status: 'new' },
    ]);
  });

  it('reads the inbox settings, with defaults, and names a bad one', () => {
    expect(loadConfig({}).inbox).toEqual({ emailRetentionDays: 90, maxPerAddress: 10, windowMinutes: 60 });
    expect(loadConfig({ INBOX_EMAIL_RETENTION_DAYS: '7', INBOX_MAX_PER_ADDRESS: '3', INBOX_WINDOW_MINUTES: '15' }).inbox).toEqual({
      emailRetentionDays: 7,
      maxPerAddress: 3,
      windowMinutes: 15,
    });
    expect(() => loadConfig({ INBOX_EMAIL_RETENTION_DAYS: '0' })).toThrow(/INBOX_EMAIL_RETENTION_DAYS/);
    expect(() => loadConfig({ INBOX_MAX_PER_ADDRESS: 'many' })).toThrow(/INBOX_MAX_PER_ADDRESS/);
  });
});
