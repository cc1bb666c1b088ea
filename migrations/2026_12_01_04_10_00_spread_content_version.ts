import { sql, type Kysely } from 'kysely';
import { isPostgres } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// PostgreSQL: the change stamp is spread over up to 64 rows, one per group of server processes, and is
// their sum (src/db/change-stamp.ts). Writes run SERIALIZABLE there, and every content write bumped the
// one counter row: two writing transactions that overlapped in time always conflicted on it, so under
// 16 concurrent API clients 71 of 184 writes failed with a 503 after their retries (the benchmark, 1
// December). Each transaction now bumps the row of its own server process (pg_backend_pid() % 64), so two
// overlapping writers collide on it only when their processes share a row. The rows are made when first
// bumped (an upsert), and copying a SQLite database in leaves row 1 alone. SQLite: one writer at a time,
// one row, nothing to change.

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table content_version drop constraint content_version_id_check`.execute(db);
  await sql`create or replace function content_version_bump() returns trigger language plpgsql as $$
    begin
      insert into content_version as cv (id, version) values (1 + pg_backend_pid() % 64, 1)
        on conflict (id) do update set version = cv.version + 1;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create or replace function content_version_bump() returns trigger language plpgsql as $$
      begin update content_version set version = version + 1 where id = 1; return null; end $$`.execute(db);
  await sql`update content_version set version = (select sum(version) from content_version) where id = 1`.execute(db);
  await sql`delete from content_version where id <> 1`.execute(db);
  await sql`alter table content_version add constraint content_version_id_check check (id = 1)`.execute(db);
}
