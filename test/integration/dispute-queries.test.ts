import { Kysely, SqliteDialect } from 'kysely';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { DB } from '../../src/db/schema';
import { freshDatabase, itSqliteOnly } from '../helpers/db';
import { testConfig } from '../helpers/app';
import { addSupporters } from '../helpers/claims';
import type { Connection } from '../../src/db/connection';

// The dispute page must cost a fixed number of queries, whatever the number of claims and citations.

let conn: Connection;
let queries: string[];
let db: Kysely<DB>;
beforeEach(async () => {
  conn = await freshDatabase({ seed: true });
  queries = [];
  db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: conn.sqlite }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query.sql);
    },
  });
});
afterEach(() => conn.db.destroy());

async function countPageQueries(slug: string): Promise<number> {
  const app = createApp({
    db,
    config: testConfig(),
    logError: (e) => {
      throw e;
    },
  });
  queries = [];
  await request(app).get(`/disputes/${slug}`).expect(200);
  return queries.length;
}

itSqliteOnly('renders the dispute page in the same number of queries with 0 or 30 supporters', async () => {
  const dispute = await conn.db
    .selectFrom('dispute')
    .select(['slug', 'claim_a_id', 'claim_b_id'])
    .where('question', 'like', 'Did Putin ask Trump%')
    .executeTakeFirstOrThrow();
  const before = await countPageQueries(dispute.slug);

  await addSupporters(conn.db, dispute.claim_a_id, 15, 3);
  await addSupporters(conn.db, dispute.claim_b_id, 15, 4);
  const after = await countPageQueries(dispute.slug);
  const page = await request(createApp({ db, config: testConfig() })).get(`/disputes/${dispute.slug}`);
  expect(page.text.match(/class="claim"/g)!.length).toBe(32);

  // the page cache's change stamp, then dispute, links, claims, topics, citations
  expect(before).toBe(6);
  expect(after).toBe(before);
});
