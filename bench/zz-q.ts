import Database from 'better-sqlite3';
const db = new Database(process.argv[2]!, { readonly: true });
const ids = db.prepare(`select c.id from claim c order by case when said_on is null then 1 else 0 end, said_on desc, id desc`).pluck().all() as number[];
const K = 2000;
const inList = `(${Array(K).fill('?').join(',')})`;
function run(label: string, sql: string, chunks = 30) {
  const st = db.prepare(sql.replace('(LIST)', inList)).raw(true);
  const c0 = process.cpuUsage(); const t = performance.now();
  let n = 0;
  for (let i = 0; i < chunks; i++) n += st.all(...ids.slice(i * K, i * K + K)).length;
  const c = process.cpuUsage(c0);
  console.log(label.padEnd(30), n, 'rows', (((performance.now() - t) * 1000) / (chunks * K)).toFixed(2), 'µs/claim wall; user', (c.user / (chunks * K)).toFixed(2), 'sys', (c.system / (chunks * K)).toFixed(2));
}
const which = process.argv[3] ?? '';
run('claims', `select c.id, c.text, c.quote, c.quote_language, c.said_on, c.said_precision, c.said_where, c.kind, c.review_due_on, c.verdict, c.verdict_rationale, c.state, c.created_at, c.updated_at, c.claimant_id from claim c where c.id in (LIST) and c.state <> 'draft'`);
run('claims id only', `select c.id from claim c where c.id in (LIST) and c.state <> 'draft'`);
run('citations ordered', `select claim_id, role, excerpt, source_id from citation where claim_id in (LIST) order by claim_id, id`);
run('citations unordered', `select claim_id, role, excerpt, source_id, id from citation where claim_id in (LIST)`);
run('citations covering', `select claim_id, role, source_id, id from citation where claim_id in (LIST)`);
run('topics', `select claim_id, topic_id from claim_topic where claim_id in (LIST)`);
run('disputes exists', `select xd.id from dispute xd where xd.claim_a_id in (LIST) and xd.state <> 'draft' and exists (select 1 from claim xo where xo.id = xd.claim_b_id and xo.state <> 'draft')`);
db.pragma('cache_size = -65536');
run('claims 64MB', `select c.id, c.text, c.quote, c.quote_language, c.said_on, c.said_precision, c.said_where, c.kind, c.review_due_on, c.verdict, c.verdict_rationale, c.state, c.created_at, c.updated_at, c.claimant_id from claim c where c.id in (LIST) and c.state <> 'draft'`);
run('citations 64MB', `select claim_id, role, excerpt, source_id from citation where claim_id in (LIST) order by claim_id, id`);
