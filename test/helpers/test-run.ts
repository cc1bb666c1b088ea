// The name of this jest run's PostgreSQL test databases (kept apart from test/helpers/db.ts, which only
// loads inside a test file, so the global teardown can use it too).

/** How the names of this jest run's test databases start (test/helpers/postgres-global-setup.ts names the run). */
export function testDatabasePrefix(): string {
  return `gainsay_test_${process.env.GAINSAY_TEST_RUN ?? 'run'}_`;
}
