import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

// An export on PostgreSQL reads its ordered ids through a server-side cursor (DECLARE … CURSOR, then
// FETCH a chunk at a time) in its snapshot's transaction, so no process ever holds all the ids, let
// alone all the rows: memory stays one chunk whatever the size of the archive.
//
// Why not pg-cursor (Kysely's `.stream()`): a pg-cursor keeps its connection busy until it is closed —
// `pg` queues every other query on that client behind it — and each chunk's records (topics,
// citations, disputes, links) must be read by id on that same connection, in the same snapshot, between
// two reads of the cursor. A cursor of the SQL kind is just another statement in the transaction.

let declared = 0;

/**
 * The first column of every row of `query` (the ids, in order), `chunkSize` at a time, through a cursor
 * of the transaction `trx` (it must be one: a cursor lives until its transaction ends).
 */
export async function* cursorIdChunks<DB>(trx: Kysely<DB>, query: Compilable, chunkSize: number): AsyncGenerator<number[]> {
  const name = `gainsay_ids_${++declared}`;
  const { sql, parameters } = query.compile();
  await trx.executeQuery(CompiledQuery.raw(`declare ${name} no scroll cursor for ${sql}`, [...parameters]));
  try {
    for (;;) {
      const { rows } = await trx.executeQuery(CompiledQuery.raw(`fetch forward ${Math.max(1, Math.floor(chunkSize))} from ${name}`));
      if (rows.length) yield rows.map((row) => Number(Object.values(row as Record<string, unknown>)[0]));
      if (rows.length < chunkSize) return;
    }
  } finally {
    // An export given up halfway (the client went away) leaves nothing open; a failed transaction has closed it already.
    await trx.executeQuery(CompiledQuery.raw(`close ${name}`)).catch(() => undefined);
  }
}
