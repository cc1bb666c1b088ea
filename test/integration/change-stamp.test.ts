import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, authenticateApiToken, revokeApiToken } from '../../src/accounts/api-token.repository';
import { recordAccountEvent } from '../../src/accounts/account-event.repository';
import { createSession, deleteSession, loadSession, recordLoginFailure, touchSession } from '../../src/accounts/session.repository';
import { updateUserAccess } from '../../src/accounts/user.repository';
import { readChangeStamp } from '../../src/db/change-stamp';
import { openDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { StampedCache } from '../../src/db/stamped-cache';
import { deleteEndedRateLimits, hitRateLimit, takeBackRateLimitHit } from '../../src/http/rate-limit.repository';
import { createUser } from '../helpers/auth';
import { freshDatabase, freshPostgresDatabase, itPostgresOnly, itSqliteOnly } from '../helpers/db';

describe('the change stamp', () => {
  it('ignores bookkeeping: sessions, token use, failed logins, account events, roles, rate limit hits', async () => {
    const { db } = await freshDatabase({ seed: true });
    const cache = new StampedCache<number>();
    let computed = 0;
    const count = () => cache.get(db, 'k', async () => ++computed);
    await count();
    const before = await readChangeStamp(db);

    const user = await createUser(db, 'editor', 'bookkeeping@example.test');
    const session = await createSession(db, user.id);
    const loaded = await loadSession(db, session.token, { idleMinutes: 60, maxHours: 12 });
    await touchSession(db, loaded!.id);
    const token = await createApiToken(db, user.id, 'bench');
    expect(await authenticateApiToken(db, token.token)).not.toBeNull();
    expect((await db.selectFrom('api_token').select('last_used_at').executeTakeFirstOrThrow()).last_used_at).not.toBeNull();
    await recordLoginFailure(db, ['account:someone@example.test', 'address:127.0.0.1']);
    await recordAccountEvent(db, { userId: user.id, actorId: null, action: 'unlock' });
    await updateUserAccess(db, user.id, { role: 'reporter' });
    await revokeApiToken(db, user.id, token.id);
    await deleteSession(db, loaded!.id);
    await hitRateLimit(db, 'searches:someone', 60_000);
    await hitRateLimit(db, 'searches:someone', 60_000);
    await takeBackRateLimitHit(db, 'searches:someone');
    await deleteEndedRateLimits(db, new Date(Date.now() + 120_000));

    expect(await readChangeStamp(db)).toBe(before);
    await count();
    expect(computed).toBe(1);
    await db.destroy();
  });

  // Writes through the raw SQLite handle; the promise-outcome test below covers the triggers on both engines.
  itSqliteOnly('moves with every content write, and not with a rolled-back one', async () => {
    const { db, sqlite } = await freshDatabase({ seed: true });
    const stamps = [await readChangeStamp(db)];
    sqlite.prepare(`update claim set said_where = 'changed' where id = (select min(id) from claim)`).run();
    stamps.push(await readChangeStamp(db));
    sqlite.prepare(`insert into topic (slug, name) values ('new-topic', 'New topic')`).run();
    stamps.push(await readChangeStamp(db));
    sqlite.prepare(`update user_account set display_name = 'Renamed' where 0`).run();
    expect(await readChangeStamp(db)).toBe(stamps[2]);
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('claim_topic').execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await readChangeStamp(db)).toBe(stamps[2]);
    expect(new Set(stamps).size).toBe(3);
    expect(Number(stamps[2])).toBeGreaterThan(Number(stamps[0]));
    await db.destroy();
  });

  it('moves when a promise outcome changes (badges and /promises show it)', async () => {
    const { db } = await freshDatabase({ seed: true });
    const outcome = await db.selectFrom('promise_outcome').selectAll().executeTakeFirstOrThrow();
    const before = await readChangeStamp(db);
    await db.updateTable('promise_outcome').set({ outcome: 'kept' }).where('claim_id', '=', outcome.claim_id).execute();
    const afterUpdate = await readChangeStamp(db);
    expect(afterUpdate).not.toBe(before);
    await db.deleteFrom('promise_outcome').where('claim_id', '=', outcome.claim_id).execute();
    expect(await readChangeStamp(db)).not.toBe(afterUpdate);
    await db.destroy();
  });

  it('is seen by every connection to the database, whichever wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gainsay-stamp-'));
    try {
      const writer = openDatabase(join(dir, 'db.sqlite'));
      await migrateToLatest(writer.db);
      const reader = openDatabase(join(dir, 'db.sqlite'));
      const before = await readChangeStamp(reader.db);
      await readChangeStamp(writer.db);
      writer.sqlite.prepare(`insert into topic (slug, name) values ('elsewhere', 'Written elsewhere')`).run();
      expect(await readChangeStamp(reader.db)).not.toBe(before);
      await reader.db.destroy();
      await writer.db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  itPostgresOnly('lets two overlapping writing transactions of different server processes both commit', async () => {
    const fresh = await freshPostgresDatabase({ seed: true });
    // Two connections whose server processes bump different rows of the counter (pid % 64).
    const clients: pg.Client[] = [];
    const slots = new Set<number>();
    try {
      while (clients.length < 2) {
        const client = new pg.Client({ connectionString: fresh.url });
        await client.connect();
        const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
        if (slots.has(rows[0]!.pid % 64)) {
          await client.end();
          continue;
        }
        slots.add(rows[0]!.pid % 64);
        clients.push(client);
      }
      const [a, b] = clients as [pg.Client, pg.Client];
      const stamp = async () => Number((await a.query<{ n: string }>('select sum(version) as n from content_version')).rows[0]!.n);
      const before = await stamp();
      await a.query('begin isolation level serializable');
      await b.query('begin isolation level serializable');
      await a.query(`insert into topic (slug, name) values ('harbour', 'Harbour')`);
      await b.query(`insert into topic (slug, name) values ('quay', 'Quay')`);
      await a.query('commit');
      // With one counter row for everyone, this commit failed: could not serialize access due to concurrent update.
      await b.query('commit');
      expect(await stamp()).toBe(before + 2);
    } finally {
      for (const client of clients) await client.end();
      await fresh.drop();
    }
  });
});
