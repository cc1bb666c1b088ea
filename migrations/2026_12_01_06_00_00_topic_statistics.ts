import { sql, type Kysely } from 'kysely';
import { isPostgres } from './engine';

// Frozen in time. PostgreSQL only. A topic's claim list (`claim_topic.topic_id = $1`, newest first) is
// planned one of two ways: walk the claims newest first until twenty belong to the topic (a few ms for a
// topic with many claims, the whole table for a topic with three), or gather the topic's claims and sort
// them (a few ms for three, 150–400 ms for 43,000 at a million claims). Which is right depends on how many
// claims the topic has, and the planner only knows that for the 100 most common values it samples by
// default; with 10,000 (the most there is) it knows it for every topic of any archive up to that many
// topics. SQLite's planner does not use such statistics: nothing to do there.

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table claim_topic alter column topic_id set statistics 10000`.execute(db);
  await sql`analyze claim_topic`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table claim_topic alter column topic_id set statistics -1`.execute(db);
}
