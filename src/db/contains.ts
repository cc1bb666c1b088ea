import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/**
 * `column` contains `text`: SQL LIKE with `%`, `_` and `\` in the text taken literally (ASCII letters
 * match in either case, as SQLite's LIKE does). For name searches of the API's lists.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query that names `column`
export function contains(column: string, text: string): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (eb) => sql<SqlBool>`${eb.ref(column)} like ${pattern} escape '\\'`;
}
