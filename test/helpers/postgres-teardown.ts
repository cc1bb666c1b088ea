// Jest setup (setupFilesAfterEnv) for the PostgreSQL half of the suite: every test gets a database of its
// own, made from a template on the server (a second or more on a busy machine), hence a longer timeout;
// after each test file, the connection to the test server is closed.
import { closeTestServer, testEngine } from './db';

if (testEngine === 'postgres') {
  jest.setTimeout(30_000);
  afterAll(closeTestServer);
}
