import Database from 'better-sqlite3';
const db = new Database(process.argv[2]!, { readonly: true });
const order = `order by case when c.said_on is null then 1 else 0 end, c.said_on desc, c.id desc`;
function run(label: string, sql: string) {
  const st = db.prepare(sql).raw(true);
  const c0 = process.cpuUsage(); const t = performance.now();
  let n = 0;
  for (const _ of st.iterate()) n++;
  const c = process.cpuUsage(c0);
  console.log(label.padEnd(30), n, 'rows', (((performance.now() - t) * 1000) / 1e6).toFixed(2), 'µs/claim wall; user', (c.user / 1e6).toFixed(2), 'sys', (c.system / 1e6).toFixed(2), 'rss', (process.memoryUsage.rss() / 1048576).toFixed(0));
}
run('ids sorted', `select c.id from claim c join claimant p on p.id = c.claimant_id where c.state <> 'draft' ${order}`);
run('claims sorted', `select c.id, c.text, c.quote, c.quote_language, c.said_on, c.said_precision, c.said_where, c.kind, c.review_due_on, c.verdict, c.verdict_rationale, c.state, c.created_at, c.updated_at, c.claimant_id from claim c join claimant p on p.id = c.claimant_id where c.state <> 'draft' ${order}`);
run('topics sorted', `select c.id, xt.topic_id from claim c join claimant p on p.id = c.claimant_id join claim_topic xt on xt.claim_id = c.id where c.state <> 'draft' ${order}`);
run('citations sorted', `select c.id, xc.id, xc.role, xc.excerpt, xc.source_id from claim c join claimant p on p.id = c.claimant_id join citation xc on xc.claim_id = c.id where c.state <> 'draft' ${order}`);
