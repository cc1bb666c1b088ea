import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/**
 * `column` contains `text`: SQL LIKE with `%`, `_` and `\` in the text taken literally, letters in either
 * case. For name searches of the API's lists. Both sides are lowered because PostgreSQL's LIKE, unlike
 * SQLite's, tells case apart (SQLite's lower() folds ASCII letters only, as its LIKE always did).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query that names `column`
export function contains(column: string, text: string): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (eb) => sql<SqlBool>`lower(${eb.ref(column)}) like lower(${pattern}) escape '\\'`;
}
