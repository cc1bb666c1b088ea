'use strict';
// One read-only SQLite connection in a worker thread: the reader pool of src/db/sqlite-pool.ts runs
// these. Plain CommonJS on purpose: a worker that loads TypeScript through tsx takes ~400 ms to start
// (esbuild), this one ~45 ms, and it starts the same way under tsx, jest and plain node.
//
// Requests come one at a time: { id, sql, params, mode } with mode
//   'rows'    rows as objects (Kysely's results), or { notRead: true } for a statement that would write
//   'raw'     rows as arrays of columns (the bulk reads of exports)
//   'numbers' the first column of every row as a Float64Array (ids), its buffer transferred, not copied
//   'exec'    run a statement without rows (begin / commit of a snapshot's read transaction)
// and each gets { id, rows } or { id, error: { message, code } }.
//
// No read transaction outlives a request unless a snapshot opened one with 'exec' begin: every
// statement is run to its end (all / iterate to the last row), so each read sees every commit made
// before it was sent (WAL).

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, for the reason above */
const { Buffer } = require('node:buffer');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);

const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma(`busy_timeout = ${Number(workerData.busyTimeoutMs)}`);

// Prepared statements per connection, the most recently used kept (a Map keeps insertion order).
// Raw mode is a flag on the statement, so raw and object statements of the same SQL are kept apart.
const MAX_STATEMENTS = 200;
const statements = new Map();

function prepare(sql, raw) {
  const key = (raw ? 'r\u0000' : 'o\u0000') + sql;
  let stmt = statements.get(key);
  if (stmt) {
    statements.delete(key);
  } else {
    stmt = db.prepare(sql);
    if (raw && stmt.reader) stmt.raw(true);
  }
  statements.set(key, stmt);
  if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value);
  return stmt;
}

// Structured cloning turns a Buffer into a plain Uint8Array, which better-sqlite3 does not bind.
function bindable(params) {
  return params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
}

function handle({ sql, params, mode }) {
  const args = bindable(params || []);
  if (mode === 'exec') {
    db.prepare(sql).run(...args);
    return { rows: [] };
  }
  const stmt = prepare(sql, mode !== 'rows');
  // sqlite3_stmt_readonly: the caller guessed "read" from the SQL; the statement knows for sure.
  if (!stmt.readonly) return { notRead: true };
  if (!stmt.reader) {
    stmt.run(...args);
    return { rows: [] };
  }
  if (mode === 'numbers') {
    let values = new Float64Array(1024);
    let length = 0;
    for (const row of stmt.iterate(...args)) {
      if (length === values.length) {
        const bigger = new Float64Array(values.length * 2);
        bigger.set(values);
        values = bigger;
      }
      values[length++] = Number(row[0]);
    }
    return { numbers: values.slice(0, length) };
  }
  return { rows: stmt.all(...args) };
}

parentPort.on('message', (request) => {
  let reply;
  try {
    reply = { id: request.id, ...handle(request) };
  } catch (err) {
    reply = { id: request.id, error: { message: String(err && err.message), code: err && err.code } };
  }
  parentPort.postMessage(reply, reply.numbers ? [reply.numbers.buffer] : []);
});

parentPort.postMessage({ ready: true });
